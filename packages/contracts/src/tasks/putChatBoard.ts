import { z } from 'zod';
import { ChatIdParam } from '../chatInputs.js';
import { Board } from '../objects/task.js';
import { boardOperation } from './boardOperation.js';
import { PutBoardBody } from './taskInputs.js';

export const putChatBoardMeta = boardOperation({
  method: 'PUT',
  path: '/board',
  operationId: 'putChatBoard',
  humanOperationId: 'putMyChatBoard',
  summary: 'Set or update the room goal',
  description:
    'Upsert: send `goal_title` and/or `goal_summary` (at least one); only those change. Any participant ' +
    'may set it; every change is kept in the audit trail with from → to.',
  errors: ['not_found'],
});

export const PutChatBoardInput = z.strictObject({ ...ChatIdParam, ...PutBoardBody });
export const PutChatBoardOutput = z.object({ data: Board });
