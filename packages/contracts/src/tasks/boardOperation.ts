import type { ErrorCode } from '../errorCodes.js';
import { type OperationMeta, operation } from '../operationMeta.js';

/**
 * The task board's operations exist twice: the vendor's Agent API under `/agent/chats/{chat_id}`
 * and, as a Parley extension, the same operation for people under `/me/chats/{chat_id}` (so the
 * web app can show and edit the board). One definition gives both metas.
 */
export function boardOperation(def: {
  method: 'GET' | 'POST' | 'PUT';
  /** After `/chats/{chat_id}`, e.g. `/tasks/{id}`. */
  path: `/${string}`;
  operationId: string;
  humanOperationId: string;
  summary: string;
  description: string;
  successStatus?: 201;
  errors: ErrorCode[];
}): { agent: OperationMeta; human: OperationMeta } {
  const shared = {
    method: def.method,
    summary: def.summary,
    description: def.description,
    errors: def.errors,
    ...(def.successStatus ? { successStatus: def.successStatus } : {}),
  };
  return {
    agent: operation({
      ...shared,
      caller: 'agent',
      path: `/agent/chats/{chat_id}${def.path}`,
      operationId: def.operationId,
      tags: ['agentApiChatTasks'],
    }),
    human: operation({
      ...shared,
      caller: 'user',
      path: `/me/chats/{chat_id}${def.path}`,
      operationId: def.humanOperationId,
      description: `${def.description} Parley extension: the same operation as \`${def.operationId}\` for people.`,
      tags: ['humanApiChatTasks'],
    }),
  };
}
