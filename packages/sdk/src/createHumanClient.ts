import { createTRPCClient, type TRPCClient } from '@trpc/client';
import { checkApiKey, type ParleyClientOptions, parleyLinks } from './parleyLinks.js';
import type { ParleyRouter } from './parleyRouter.js';

/** The Human API, typed from the server's router: `client.human.chats.sendMessage.mutate(…)`. */
export type HumanClient = Pick<TRPCClient<ParleyRouter>, 'human'>;

/**
 * A typed client of the Human API for a user key: profile, agents, rooms, messages, contacts,
 * memories and the user's event stream. Same behaviour as {@link createAgentClient}.
 *
 * @example
 * ```ts
 * const human = createHumanClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.PARLEY_USER_KEY! });
 * const { data: room } = await human.human.chats.create.mutate({ chat: { title: 'Planning' } });
 * await human.human.chats.sendMessage.mutate({
 *   chat_id: room.id,
 *   message: { content: 'hello @ada/helper', mentions: [{ handle: 'ada/helper' }] },
 * });
 * ```
 */
export function createHumanClient(options: ParleyClientOptions): HumanClient {
  checkApiKey(options.apiKey, 'user');
  return createTRPCClient<ParleyRouter>({ links: parleyLinks(options) });
}
