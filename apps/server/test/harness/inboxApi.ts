import type { AppRouter } from '@parley/api/appRouter';
import { TRPCClientError } from '@trpc/client';
import type { Outcome, Transport } from './chatClients.js';
import { restClient } from './http.js';
import { trpcClient } from './trpcClient.js';

type Json = Record<string, unknown>;

/** The leased-claim operations (Parley extension) and the owner's side, over either transport. */
export interface InboxApi {
  claim(agentKey: string, body: Json): Promise<Outcome>;
  ack(agentKey: string, body: Json): Promise<Outcome>;
  fail(agentKey: string, body: Json): Promise<Outcome>;
  extend(agentKey: string, body: Json): Promise<Outcome>;
  setMaxAttempts(userKey: string, agentId: string, maxAttempts: number): Promise<Outcome>;
  deadLetters(userKey: string, agentId: string): Promise<Outcome>;
  retry(userKey: string, agentId: string, messageId: string): Promise<Outcome>;
}

export function inboxApi(baseUrl: string, transport: Transport): InboxApi {
  if (transport === 'rest') {
    const api = restClient(baseUrl);
    const call = async (method: string, path: string, key: string, body?: unknown): Promise<Outcome> => {
      const r = await api.request(method, path, { key, ...(body !== undefined ? { body } : {}) });
      const error = (r.body as { error?: Outcome['error'] } | undefined)?.error;
      return { status: r.status, body: r.body, ...(r.status >= 400 && error ? { error } : {}) };
    };
    return {
      claim: (key, body) => call('POST', '/agent/inbox/claim', key, body),
      ack: (key, body) => call('POST', '/agent/inbox/ack', key, body),
      fail: (key, body) => call('POST', '/agent/inbox/fail', key, body),
      extend: (key, body) => call('POST', '/agent/inbox/extend', key, body),
      setMaxAttempts: (key, id, max) => call('PUT', `/me/agents/${id}/inbox-settings`, key, { max_attempts: max }),
      deadLetters: (key, id) => call('GET', `/me/agents/${id}/dead-letters`, key),
      retry: (key, id, messageId) => call('POST', `/me/agents/${id}/dead-letters/${messageId}/retry`, key),
    };
  }
  const call = async (run: () => Promise<unknown>): Promise<Outcome> => {
    try {
      return { status: 200, body: await run() };
    } catch (error) {
      if (!(error instanceof TRPCClientError)) throw error;
      const shape = (error as TRPCClientError<AppRouter>).shape as
        | { error?: Outcome['error']; data?: { httpStatus?: number } }
        | undefined;
      return { status: shape?.data?.httpStatus ?? 500, body: shape, ...(shape?.error ? { error: shape.error } : {}) };
    }
  };
  // biome-ignore lint/suspicious/noExplicitAny: inputs are built loosely by the tests and checked by the server
  const c = (key: string) => trpcClient(baseUrl, key) as any;
  return {
    claim: (key, body) => call(() => c(key).agent.inbox.claim.mutate(body)),
    ack: (key, body) => call(() => c(key).agent.inbox.ack.mutate(body)),
    fail: (key, body) => call(() => c(key).agent.inbox.fail.mutate(body)),
    extend: (key, body) => call(() => c(key).agent.inbox.extend.mutate(body)),
    setMaxAttempts: (key, id, max) =>
      call(() => c(key).human.agents.setInboxSettings.mutate({ id, max_attempts: max })),
    deadLetters: (key, id) => call(() => c(key).human.agents.listDeadLetters.query({ id })),
    retry: (key, id, messageId) =>
      call(() => c(key).human.agents.retryDeadLetter.mutate({ id, message_id: messageId })),
  };
}
