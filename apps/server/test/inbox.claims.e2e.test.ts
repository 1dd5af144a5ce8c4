import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk, type Transport } from './harness/chatClients.js';
import { chatAgent, chatUser, orgSlug, type Principal, roomWith, say } from './harness/chatFixtures.js';
import { type InboxApi, inboxApi } from './harness/inboxApi.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

interface Claim {
  message: { id: string; chat_room_id: string; content: string; metadata: Record<string, unknown> };
  lease_token: string;
  lease_expires_at: string;
  attempt_number: number;
}
const lease = (c: Claim) => ({ message_id: c.message.id, lease_token: c.lease_token });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each<Transport>(['rest', 'trpc'])('leased claims over %s', (transport) => {
  let api: ChatApi;
  let inbox: InboxApi;
  let user: Principal;
  let agent: Principal;
  let roomA: string;
  let roomB: string;
  beforeAll(async () => {
    api = chatApi(ts.url, transport);
    inbox = inboxApi(ts.url, transport);
    user = await chatUser(ts, { org: orgSlug() });
  });
  // A fresh agent and rooms per test: the queues start empty.
  async function world() {
    agent = await chatAgent(ts, user.key);
    roomA = await roomWith(api, user.key, [{ id: agent.id }], 'A');
    roomB = await roomWith(api, user.key, [{ id: agent.id }], 'B');
  }
  const claim = async (max: number, leaseSeconds = 60, chatId?: string) =>
    expectOk<Claim[]>(
      await inbox.claim(agent.key, { max, lease_seconds: leaseSeconds, ...(chatId ? { chat_id: chatId } : {}) }),
    );

  it('claims one message per room, in order, as processing; an ack frees the room for the next', async () => {
    await world();
    const a1 = await say(api, user.key, roomA, 'a1', [agent]);
    const a2 = await say(api, user.key, roomA, 'a2', [agent]);
    const b1 = await say(api, user.key, roomB, 'b1', [agent]);

    const first = await claim(10);
    expect(first.map((c) => c.message.id)).toEqual([a1, b1]);
    expect(first.every((c) => c.attempt_number === 1)).toBe(true);
    expect(Date.parse(first[0]?.lease_expires_at ?? '')).toBeGreaterThan(Date.now() + 30_000);
    // The vendor's view tells the truth: the claimed head is `processing`.
    const next = expectOk(await api.next(agent.key, roomA));
    expect(next.id).toBe(a1);
    expect(next.metadata.delivery_status[agent.id].status).toBe('processing');
    // Both rooms are held: nothing more to claim.
    expect(await claim(10)).toEqual([]);

    const acked = expectOk(await inbox.ack(agent.key, { leases: first.map(lease) }));
    expect(acked).toEqual([
      { message_id: a1, result: 'processed', attempt_number: 1 },
      { message_id: b1, result: 'processed', attempt_number: 1 },
    ]);
    const listed = expectOk<{ id: string; metadata: { delivery_status: Record<string, { status: string }> } }[]>(
      await api.listMessages(user.key, roomA),
    );
    expect(listed.find((m) => m.id === a1)?.metadata.delivery_status[agent.id]?.status).toBe('processed');

    const second = await claim(10);
    expect(second.map((c) => c.message.id)).toEqual([a2]);
    expect(second[0]?.message.content).toMatch(/ a2$/);
    // Acking again is no longer held.
    expect(expectOk(await inbox.ack(agent.key, { leases: first.slice(0, 1).map(lease) }))).toEqual([
      { message_id: a1, result: 'lease_lost', attempt_number: null },
    ]);
    expectOk(await inbox.ack(agent.key, { leases: second.map(lease) }));
    expect(await claim(10)).toEqual([]);
  });

  it('concurrent claimers never receive the same message', async () => {
    await world();
    const rooms = [
      roomA,
      roomB,
      ...(await Promise.all([1, 2, 3, 4].map(() => roomWith(api, user.key, [{ id: agent.id }])))),
    ];
    for (const room of rooms) {
      await say(api, user.key, room, 'one', [agent]);
      await say(api, user.key, room, 'two', [agent]);
    }
    const seen: string[] = [];
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all([1, 2, 3, 4].map(() => claim(2)));
      const claimed = results.flat();
      seen.push(...claimed.map((c) => c.message.id));
      // Never two of one room at once.
      expect(new Set(claimed.map((c) => c.message.chat_room_id)).size).toBe(claimed.length);
      expect(claimed.every((c) => c.message.content.endsWith(round === 0 ? 'one' : 'two'))).toBe(true);
      expect(claimed.length).toBe(6);
      expectOk(await inbox.ack(agent.key, { leases: claimed.map(lease) }));
    }
    expect(new Set(seen).size).toBe(12);
  });

  it('an expired lease returns the message with its attempt raised; the old lease is lost', async () => {
    await world();
    const a1 = await say(api, user.key, roomA, 'slow', [agent]);
    const [held] = await claim(1, 1, roomA);
    expect(held?.message.id).toBe(a1);
    const extended = expectOk(await inbox.extend(agent.key, { leases: [lease(held as Claim)], lease_seconds: 1 }));
    expect(extended[0].result).toBe('extended');
    await sleep(1_300);
    const [again] = await claim(1, 60, roomA);
    expect(again?.message.id).toBe(a1);
    expect(again?.attempt_number).toBe(2);
    expect(again?.lease_token).not.toBe(held?.lease_token);
    const statuses = again?.message.metadata.delivery_status as Record<
      string,
      { attempts: { status: string; error: string | null }[] }
    >;
    const attempts = statuses[agent.id]?.attempts ?? [];
    expect(attempts.map((a) => a.status)).toEqual(['failed', 'processing']);
    expect(attempts[0]?.error).toMatch(/lease expired/);
    expect(expectOk(await inbox.ack(agent.key, { leases: [lease(held as Claim)] }))[0].result).toBe('lease_lost');
    expect(expectOk(await inbox.extend(agent.key, { leases: [lease(held as Claim)], lease_seconds: 5 }))[0]).toEqual({
      message_id: a1,
      result: 'lease_lost',
      lease_expires_at: null,
    });
    expect(expectOk(await inbox.ack(agent.key, { leases: [lease(again as Claim)] }))[0]).toEqual({
      message_id: a1,
      result: 'processed',
      attempt_number: 2,
    });
  });

  it('fails until max_attempts, then dead-letters; the room moves on; the owner sees and retries it', async () => {
    await world();
    expect(expectOk(await inbox.setMaxAttempts(user.key, agent.id, 2))).toEqual({
      agent_id: agent.id,
      max_attempts: 2,
    });
    const bad = await say(api, user.key, roomA, 'poison', [agent]);
    const good = await say(api, user.key, roomA, 'fine', [agent]);
    const [c1] = await claim(5);
    expect(c1?.message.id).toBe(bad);
    const f1 = expectOk(await inbox.fail(agent.key, { leases: [{ ...lease(c1 as Claim), error: 'boom 1' }] }));
    expect(f1).toEqual([{ message_id: bad, result: 'failed', attempt_number: 1 }]);
    const [c2] = await claim(5);
    expect([c2?.message.id, c2?.attempt_number]).toEqual([bad, 2]);
    const f2 = expectOk(await inbox.fail(agent.key, { leases: [{ ...lease(c2 as Claim), error: 'boom 2' }] }));
    expect(f2).toEqual([{ message_id: bad, result: 'dead_lettered', attempt_number: 2 }]);

    // Still `failed` for the vendor's lists; the room's next message is claimable.
    const failed = expectOk<{ id: string }[]>(await api.queue(agent.key, roomA, { status: 'failed' }));
    expect(failed.map((m) => m.id)).toEqual([bad]);
    const [c3] = await claim(5);
    expect(c3?.message.id).toBe(good);
    expectOk(await inbox.ack(agent.key, { leases: [lease(c3 as Claim)] }));
    expect(await claim(5)).toEqual([]);

    const dead = expectOk(await inbox.deadLetters(user.key, agent.id));
    expect(dead).toEqual([
      { message_id: bad, chat_room_id: roomA, attempts: 2, last_error: 'boom 2', dead_lettered_at: expect.any(String) },
    ]);
    expect(expectOk(await inbox.retry(user.key, agent.id, bad))).toEqual({
      message_id: bad,
      agent_id: agent.id,
      status: 'failed',
      dead_lettered: false,
    });
    expect(expectOk(await inbox.deadLetters(user.key, agent.id))).toEqual([]);
    expectFailure(await inbox.retry(user.key, agent.id, bad), 404, 'not_found');
    const [c4] = await claim(5);
    expect([c4?.message.id, c4?.attempt_number]).toEqual([bad, 3]);
    expectOk(await inbox.ack(agent.key, { leases: [lease(c4 as Claim)] }));
  });

  it('a fail may delay its retry (the room waits) or give up at once', async () => {
    await world();
    const m1 = await say(api, user.key, roomA, 'flaky', [agent]);
    const m2 = await say(api, user.key, roomA, 'after', [agent]);
    const [c1] = await claim(5);
    const failed = expectOk(
      await inbox.fail(agent.key, { leases: [{ ...lease(c1 as Claim), error: 'later', retry_after_seconds: 1.2 }] }),
    );
    expect(failed[0].result).toBe('failed');
    // Not due yet, and the room keeps its order: nothing is claimable.
    expect(await claim(5)).toEqual([]);
    await sleep(1_400);
    const [c2] = await claim(5);
    expect([c2?.message.id, c2?.attempt_number]).toEqual([m1, 2]);
    const gaveUp = expectOk(
      await inbox.fail(agent.key, { leases: [{ ...lease(c2 as Claim), error: 'hopeless', dead_letter: true }] }),
    );
    expect(gaveUp).toEqual([{ message_id: m1, result: 'dead_lettered', attempt_number: 2 }]);
    const [c3] = await claim(5);
    expect(c3?.message.id).toBe(m2);
    expectFailure(
      await inbox.fail(agent.key, { leases: [{ ...lease(c3 as Claim), error: 'x', retry_after_seconds: -1 }] }),
      422,
      'validation_error',
    );
  });

  it('an expired lease with no attempts left is dead-lettered at the next claim', async () => {
    await world();
    expectOk(await inbox.setMaxAttempts(user.key, agent.id, 1));
    const m = await say(api, user.key, roomA, 'crashy', [agent]);
    const [c1] = await claim(1, 1);
    expect(c1?.message.id).toBe(m);
    await sleep(1_300);
    expect(await claim(5)).toEqual([]);
    const dead = expectOk<{ message_id: string; last_error: string }[]>(await inbox.deadLetters(user.key, agent.id));
    expect(dead.map((d) => d.message_id)).toEqual([m]);
    expect(dead[0]?.last_error).toMatch(/no attempts are left/);
  });

  it('the vendor /processing takes a claimed message over: the lease is lost', async () => {
    await world();
    const m = await say(api, user.key, roomA, 'contested', [agent]);
    const [c1] = await claim(1);
    expectOk(await api.processing(agent.key, roomA, m));
    expect(expectOk(await inbox.ack(agent.key, { leases: [lease(c1 as Claim)] }))[0].result).toBe('lease_lost');
    // The vendor attempt holds the room against claims until it is settled.
    expect(await claim(1)).toEqual([]);
    expectOk(await api.processed(agent.key, roomA, m));
    expect(await claim(1)).toEqual([]);
  });

  it('refuses bad input with the right codes', async () => {
    await world();
    expectFailure(await inbox.claim(agent.key, { max: 0, lease_seconds: 10 }), 422, 'validation_error');
    expectFailure(await inbox.claim(agent.key, { max: 1, lease_seconds: 0 }), 422, 'validation_error');
    expectFailure(await inbox.claim(agent.key, { max: 101, lease_seconds: 10 }), 422, 'validation_error');
    const foreign = await roomWith(api, user.key, [], 'not the agent’s');
    expectFailure(await inbox.claim(agent.key, { max: 1, lease_seconds: 10, chat_id: foreign }), 404, 'not_found');
    const id = crypto.randomUUID();
    const token = crypto.randomUUID();
    expectFailure(
      await inbox.ack(agent.key, {
        leases: [
          { message_id: id, lease_token: token },
          { message_id: id, lease_token: token },
        ],
      }),
      422,
      'validation_error',
    );
    expectFailure(await inbox.ack(agent.key, { leases: [] }), 422, 'validation_error');
    expectFailure(
      await inbox.fail(agent.key, { leases: [{ message_id: id, lease_token: token, error: ' ' }] }),
      422,
      'validation_error',
    );
    expectFailure(await inbox.claim(user.key, { max: 1, lease_seconds: 10 }), 403, 'forbidden');
    const stranger = await chatUser(ts, { org: orgSlug() });
    expectFailure(await inbox.setMaxAttempts(stranger.key, agent.id, 3), 404, 'not_found');
    expectFailure(await inbox.deadLetters(stranger.key, agent.id), 404, 'not_found');
    expectFailure(await inbox.setMaxAttempts(user.key, agent.id, 0), 422, 'validation_error');
  });
});
