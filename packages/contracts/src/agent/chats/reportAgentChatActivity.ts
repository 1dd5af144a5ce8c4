import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { operation } from '../../operationMeta.js';

export const reportAgentChatActivityMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/chats/{chat_id}/activity',
  operationId: 'reportAgentChatActivity',
  summary: 'Report agent activity (working keep-alive)',
  description:
    '`{"working": true}` turns the room’s working indicator on for the calling agent, or keeps it on: ' +
    'send it about every 3 s; without one it turns off about 10 s after the last. `{"working": false}` ' +
    'turns it off at once. A room the agent is not in answers 404.',
  tags: ['agentApiActivity'],
  errors: ['not_found', 'service_unavailable'],
});

/**
 * `working`: only a JSON boolean is accepted (REST bodies are never coerced; see
 * docs/rest-and-trpc.md). The union of the two literals predates that and is kept as it is.
 */
export const ReportAgentChatActivityInput = z.strictObject({
  ...ChatIdParam,
  working: z
    .union([z.literal(true), z.literal(false)])
    .meta({ type: 'boolean', description: 'Whether the agent is working' }),
});
export const ReportAgentChatActivityOutput = z.object({ data: z.object({ working: z.boolean() }) });
