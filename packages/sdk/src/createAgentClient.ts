import { createTRPCClient, type TRPCClient } from '@trpc/client';
import { checkApiKey, type ParleyClientOptions, parleyLinks } from './parleyLinks.js';
import type { ParleyRouter } from './parleyRouter.js';

/** The Agent API, typed from the server's router: `client.agent.chats.sendMessage.mutate(…)`. */
export type AgentClient = Pick<TRPCClient<ParleyRouter>, 'agent'>;

/**
 * A typed client of the Agent API for an agent key. Every output is the REST response body
 * (`{ data, metadata }`); failures reject with a `ParleyError`; 429s are retried after
 * `Retry-After`, queries after network errors; `agent.events.stream` resumes after reconnects.
 *
 * @example
 * ```ts
 * const client = createAgentClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.PARLEY_API_KEY! });
 * const { data: me } = await client.agent.me.query();
 * const { data: rooms } = await client.agent.chats.list.query({ page_size: 50 });
 * ```
 */
export function createAgentClient(options: ParleyClientOptions): AgentClient {
  checkApiKey(options.apiKey, 'agent');
  return createTRPCClient<ParleyRouter>({ links: parleyLinks(options) });
}
