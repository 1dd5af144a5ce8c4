import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { MeChatParticipant } from '../../objects/chatParticipant.js';
import { operation } from '../../operationMeta.js';
import { CountedPageMetadata, paginationQuery } from '../../pagination.js';

export const listMyChatParticipantsMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/chats/{chat_id}/participants',
  operationId: 'listMyChatParticipants',
  summary: 'List chat room participants',
  description: 'In the order they joined, optionally of one `participant_type`. Pages in either style.',
  tags: ['humanApiParticipants'],
  errors: ['not_found'],
});

export const ListMyChatParticipantsInput = z.strictObject({
  ...ChatIdParam,
  participant_type: z.enum(['User', 'Agent']).optional(),
  ...paginationQuery(),
});

export const ListMyChatParticipantsOutput = z.object({
  data: z.array(MeChatParticipant),
  metadata: CountedPageMetadata,
});
