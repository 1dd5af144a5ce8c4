import { appRouter } from '@parley/api/appRouter';
import { createCallerFactory } from '@parley/api/trpc';
import type { CoreDeps } from '@parley/core/deps';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectOk } from './harness/chatClients.js';
import { chatAgent, chatUser, type Principal, roomWith, say } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
let api: ChatApi;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
  api = chatApi(ts.url, 'rest');
});
afterAll(async () => ts?.close());

/** Runs procedures in process over a database handle that counts every statement it sends. */
function countingCaller(key: string) {
  const counter = { statements: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      counter.statements += 1;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  const deps: CoreDeps = { ...ts.server.deps, db: ts.server.deps.db.withPlugin(plugin) };
  const caller = createCallerFactory(appRouter)({ deps, apiKey: key, requestId: 'count' });
  return { caller, counter };
}

async function statementsFor(
  key: string,
  run: (caller: ReturnType<typeof countingCaller>['caller']) => Promise<unknown>,
) {
  const { caller, counter } = countingCaller(key);
  await run(caller);
  return counter.statements;
}

describe('no N+1: a page costs a fixed number of statements, whatever its size', () => {
  let user: Principal;
  let helper: Principal;
  let critic: Principal;
  let roomId: string;
  beforeAll(async () => {
    user = await chatUser(ts);
    helper = await chatAgent(ts, user.key);
    critic = await chatAgent(ts, user.key);
    roomId = await roomWith(api, user.key, [{ id: helper.id }, { id: critic.id }]);
    for (let n = 0; n < 100; n++) {
      const id = await say(api, user.key, roomId, `message ${n}`, [helper, critic]);
      if (n % 2 === 0) {
        expectOk(await api.processing(helper.key, roomId, id));
        expectOk(await api.failed(helper.key, roomId, id, 'retry later'));
        expectOk(await api.processing(helper.key, roomId, id));
      }
      if (n % 10 === 0)
        expectOk(await api.event(helper.key, roomId, { content: `tool ${n}`, message_type: 'tool_call' }), 201);
    }
  }, 120_000);

  it('the human message list: 100 messages with delivery states in as many statements as 5', async () => {
    const big = await statementsFor(user.key, async (c) => {
      const page = await c.human.chats.listMessages({ chat_id: roomId, limit: 100 });
      expect(page.data).toHaveLength(100);
      expect(
        Object.keys(page.data.find((m) => m.message_type === 'text')?.metadata.delivery_status ?? {}),
      ).toHaveLength(2);
    });
    const small = await statementsFor(user.key, (c) => c.human.chats.listMessages({ chat_id: roomId, limit: 5 }));
    expect(big).toBe(small);
    // key lookup, membership, page, deliveries, attempts (+ a count in offset style)
    expect(big).toBeLessThanOrEqual(6);
    const offset = await statementsFor(user.key, (c) =>
      c.human.chats.listMessages({ chat_id: roomId, page_size: 100 }),
    );
    expect(offset).toBeLessThanOrEqual(7);
  });

  it('the agent queue, the context and /next are bounded too', async () => {
    const queue = await statementsFor(helper.key, async (c) => {
      const page = await c.agent.chats.listMessages({ chat_id: roomId, status: 'all', limit: 100 });
      expect(page.data).toHaveLength(100);
    });
    expect(queue).toBeLessThanOrEqual(7);
    const context = await statementsFor(helper.key, async (c) => {
      const page = await c.agent.chats.context({ chat_id: roomId, limit: 100 });
      expect(page.data).toHaveLength(100);
    });
    expect(context).toBeLessThanOrEqual(7);
    // key lookup, then the next message with the agent's delivery (and its attempts when re-served)
    const next = await statementsFor(helper.key, (c) => c.agent.chats.nextMessage({ chat_id: roomId }));
    expect(next).toBeLessThanOrEqual(3);
  });

  it('each lifecycle call is the key lookup and one statement (membership included)', async () => {
    const id = await say(api, user.key, roomId, 'one more', [helper]);
    const ids = { chat_id: roomId, id };
    expect(await statementsFor(helper.key, (c) => c.agent.chats.markProcessing(ids))).toBe(2);
    expect(await statementsFor(helper.key, (c) => c.agent.chats.markFailed({ ...ids, error: 'again' }))).toBe(2);
    expect(await statementsFor(helper.key, (c) => c.agent.chats.markProcessing(ids))).toBe(2);
    expect(await statementsFor(helper.key, (c) => c.agent.chats.markProcessed(ids))).toBe(2);
  });

  it('rooms and participants lists are bounded', async () => {
    const rooms = await statementsFor(user.key, (c) => c.human.chats.list({ limit: 100 }));
    expect(rooms).toBeLessThanOrEqual(4);
    const participants = await statementsFor(user.key, (c) => c.human.chats.listParticipants({ chat_id: roomId }));
    expect(participants).toBeLessThanOrEqual(4);
  });
});
