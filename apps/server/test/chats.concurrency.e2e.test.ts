import { setOrganizationLimits } from '@parley/core/organizations/setOrganizationLimits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk } from './harness/chatClients.js';
import { chatAgent, chatUser, roomWith, say } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
let rest: ChatApi;
let trpc: ChatApi;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
  rest = chatApi(ts.url, 'rest');
  trpc = chatApi(ts.url, 'trpc');
});
afterAll(async () => ts?.close());

interface Message {
  id: string;
  content: string;
  inserted_at: string;
}

describe('concurrency', () => {
  it('50 parallel sends into one room: nothing lost, one total order everywhere', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    const roomId = await roomWith(rest, user.key, [{ id: agent.id }]);
    const sends = Array.from({ length: 50 }, (_, n) =>
      (n % 2 === 0 ? rest : trpc).send(n % 3 === 0 ? agent.key : user.key, roomId, {
        content: `message ${n}`,
        mentions: [{ id: n % 3 === 0 ? user.id : agent.id }],
      }),
    );
    const results = await Promise.all(sends);
    const sentIds = results.map((r) => expectOk<{ id: string }>(r, 201).id);
    expect(new Set(sentIds).size).toBe(50);

    const listed = expectOk<Message[]>(await rest.listMessages(user.key, roomId, { limit: 100 }));
    expect(listed).toHaveLength(50);
    expect(new Set(listed.map((m) => m.id))).toEqual(new Set(sentIds));
    // Newest first by seq, and time never runs backwards along that order.
    const times = listed.map((m) => m.inserted_at);
    expect([...times].sort().reverse()).toEqual(times);

    // The agent's queue holds exactly the messages that mention it, in the same order.
    const mentioningAgent = listed.filter((m) => m.content.startsWith(`@${agent.handle} `)).map((m) => m.id);
    const queue = expectOk<Message[]>(await rest.queue(agent.key, roomId, { status: 'all', limit: 100 }));
    expect(queue.map((m) => m.id)).toEqual([...mentioningAgent].reverse());
    const rows = await ts.server.deps.db
      .selectFrom('message_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('chat_room_id', '=', roomId)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(mentioningAgent.length);
  });

  it('20 parallel sends at the message-quota boundary: exactly the limit is accepted', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    const roomId = await roomWith(rest, user.key, [{ id: agent.id }]);
    await setOrganizationLimits(ts.server.deps, { org: user.org, limits: { messages: 7 } });
    await say(rest, user.key, roomId, 'one before the race', [agent]);
    expectOk(await rest.event(agent.key, roomId, { content: 'events count too', message_type: 'thought' }), 201);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        (n % 2 ? rest : trpc).send(user.key, roomId, { content: `race ${n}`, mentions: [{ id: agent.id }] }),
      ),
    );
    const accepted = results.filter((r) => r.status === 201);
    expect(accepted).toHaveLength(5);
    for (const refused of results.filter((r) => r.status !== 201)) {
      const error = expectFailure(refused, 403, 'limit_reached');
      expect(error.details).toEqual({ resource: 'messages', limit: 7, current: 7 });
    }
    const listed = expectOk<Message[]>(await rest.listMessages(user.key, roomId, { limit: 100 }));
    expect(listed).toHaveLength(7);
    // A refused message leaves no delivery behind.
    const queue = expectOk<Message[]>(await rest.queue(agent.key, roomId, { status: 'all', limit: 100 }));
    expect(queue).toHaveLength(6);
    expectFailure(
      await rest.event(agent.key, roomId, { content: 'over', message_type: 'thought' }),
      403,
      'limit_reached',
    );
    // The quota is per room: another room of the organization still has its own.
    const other = await roomWith(rest, user.key, [{ id: agent.id }]);
    await say(rest, user.key, other, 'fresh room', [agent]);
  });

  it('two concurrent /processing calls on one message give attempts 1 and 2', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    const roomId = await roomWith(rest, user.key, [{ id: agent.id }]);
    for (let round = 0; round < 5; round++) {
      const messageId = await say(rest, user.key, roomId, `round ${round}`, [agent]);
      const [a, b] = await Promise.all([
        rest.processing(agent.key, roomId, messageId),
        trpc.processing(agent.key, roomId, messageId),
      ]);
      expect([expectOk(a).attempt_number, expectOk(b).attempt_number].sort()).toEqual([1, 2]);
    }
    const messageId = await say(rest, user.key, roomId, 'many', [agent]);
    const many = await Promise.all(Array.from({ length: 6 }, () => rest.processing(agent.key, roomId, messageId)));
    expect(many.map((r) => expectOk(r).attempt_number).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const attempts = await ts.server.deps.db
      .selectFrom('delivery_attempts')
      .select(['attempt_number', 'status'])
      .where('message_id', '=', messageId)
      .orderBy('attempt_number')
      .execute();
    expect(attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'processing']);
  });

  it('two concurrent /processed calls: one wins, the other finds no open attempt (422)', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    const roomId = await roomWith(rest, user.key, [{ id: agent.id }]);
    const messageId = await say(rest, user.key, roomId, 'finish me', [agent]);
    expectOk(await rest.processing(agent.key, roomId, messageId));
    const results = await Promise.all([
      rest.processed(agent.key, roomId, messageId),
      trpc.processed(agent.key, roomId, messageId),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
  });

  it('cursor pages stay exact while messages keep arriving', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    const roomId = await roomWith(rest, user.key, [{ id: agent.id }]);
    const before: string[] = [];
    for (let n = 0; n < 12; n++) before.push(await say(rest, user.key, roomId, `before ${n}`, [agent]));

    // Oldest-first (context) and newest-first (human list) pagination, with sends in between.
    const context: string[] = [];
    const history: string[] = [];
    let contextCursor: string | undefined;
    let historyCursor: string | undefined;
    let sends = 0;
    do {
      const [c, h] = await Promise.all([
        rest.context(agent.key, roomId, { limit: 5, ...(contextCursor ? { cursor: contextCursor } : {}) }),
        rest.listMessages(user.key, roomId, { limit: 5, ...(historyCursor ? { cursor: historyCursor } : {}) }),
        say(rest, user.key, roomId, `during ${sends++}`, [agent]),
      ]);
      context.push(...expectOk<Message[]>(c).map((m) => m.id));
      history.push(...expectOk<Message[]>(h).map((m) => m.id));
      contextCursor = c.body.metadata.next_cursor ?? undefined;
      historyCursor = h.body.metadata.next_cursor ?? undefined;
    } while (historyCursor && sends < 20);
    // Newest first: every page continues strictly below the previous one, ending at the first message.
    expect(history.slice(-12)).toEqual([...before].reverse());
    expect(new Set(history).size).toBe(history.length);
    // Oldest first: the messages that existed come first, in order, without gaps or repeats.
    expect(context.slice(0, 12)).toEqual(before);
    expect(new Set(context).size).toBe(context.length);
  });
});
