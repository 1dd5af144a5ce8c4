import { streamEvents } from '@parley/realtime/streamEvents';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPhoenix } from './harness/phoenixClient.js';
import {
  agentPrincipal,
  eventually,
  insertRoom,
  messageEvent,
  messagePayload,
  type Principal,
  publish,
  userPrincipal,
} from './harness/realtimeFixtures.js';
import { subscribeEvents } from './harness/streamClient.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let server: TestServer;
let alice: Principal;
let helper: Principal;
let roomId: string;

/** A fresh subscription sees only events after the server registered it: wait for that. */
async function subscribed(count: number) {
  await eventually(() => server.server.realtime.hub.subscriberCount === count, 'the streams to register');
}

/** Streams stopped by an earlier test leave the hub once the server sees the disconnect. */
async function noStreams() {
  await eventually(() => server.server.realtime.hub.subscriberCount === 0, 'earlier streams to end');
}

beforeAll(async () => {
  server = await startTestServer();
  const deps = server.server.deps;
  alice = await userPrincipal(deps);
  helper = await agentPrincipal(deps, alice, 'Helper');
  roomId = await insertRoom(deps.db, alice.organizationId, [alice, helper]);
});

afterAll(async () => {
  await server?.close();
});

describe('native event stream (tRPC subscription over SSE)', () => {
  it('yields the caller’s events with their outbox ids, by the same rules as the socket', async () => {
    await noStreams();
    const human = subscribeEvents(server.url, alice.key, 'human');
    const agent = subscribeEvents(server.url, helper.key, 'agent');
    await Promise.all([human.started, agent.started]);
    await subscribed(2);
    const org = alice.organizationId;
    const plain = messagePayload(roomId, alice, { content: 'no mention' });
    const mention = messagePayload(roomId, alice, { content: 'hey', mentions: [helper] });
    await publish(server.server.deps.db, messageEvent(roomId, org, plain), messageEvent(roomId, org, mention));
    await human.waitForCount(2, 'both messages for the user');
    await agent.waitForCount(1, 'the mention for the agent');
    expect(human.events.map((e) => [e.type, e.chat_room_id, (e.payload as { id: string }).id])).toEqual([
      ['message_created', roomId, plain.id],
      ['message_created', roomId, mention.id],
    ]);
    expect(agent.events.map((e) => (e.payload as { id: string }).id)).toEqual([mention.id]);
    expect(Number(human.events[1]?.id)).toBeGreaterThan(Number(human.events[0]?.id));
    expect(agent.events[0]?.id).toBe(human.events[1]?.id);
    human.stop();
    agent.stop();
  });

  it('starts a stream without lastEventId when the client is told it is open: what commits then is on it', async () => {
    // A server of its own: its first stream finds the event pipeline cold (the widest gap between
    // "open" and the hub's position, were the stream to subscribe only once read), and its tail
    // pauses soon after the last stream leaves, so that each later one starts it again.
    const other = await startTestServer({ PARLEY_EVENT_TAIL_IDLE_MS: '100' });
    try {
      const { deps, realtime } = other.server;
      const bob = await userPrincipal(deps);
      const bot = await agentPrincipal(deps, bob, 'Bot');
      const room = await insertRoom(deps.db, bob.organizationId, [bob, bot]);
      for (let round = 0; round < 2; round++) {
        for (const kind of ['human', 'agent'] as const) {
          await eventually(() => realtime.hub.subscriberCount === 0 && !realtime.feed.running, 'the tail to pause');
          const stream = subscribeEvents(other.url, kind === 'human' ? bob.key : bot.key, kind);
          const message = messagePayload(room, bob, { content: `${kind} ${round}`, mentions: [bot] });
          // Committed as soon as the client sees the stream open (tRPC's `connected`), without
          // waiting for the server to show the subscription: the stream must already hold its place.
          await stream.started.then(() => publish(deps.db, messageEvent(room, bob.organizationId, message)));
          await eventually(
            () =>
              stream.errors.length > 0 || stream.events.some((e) => (e.payload as { id: string }).id === message.id),
            `the ${kind} stream to deliver the message of round ${round}`,
          );
          expect(stream.errors).toEqual([]);
          stream.stop();
        }
      }
    } finally {
      await other.close();
    }
  });

  it('resumes after a disconnect with exactly the events missed, in order, then goes live', async () => {
    await noStreams();
    const first = subscribeEvents(server.url, alice.key, 'human');
    await first.started;
    await subscribed(1);
    const seed = messagePayload(roomId, alice, { content: 'before the disconnect' });
    await publish(server.server.deps.db, messageEvent(roomId, alice.organizationId, seed));
    await first.waitForCount(1, 'the first event');
    const lastId = first.events.at(-1)?.id as string;
    first.stop();

    const missed = Array.from({ length: 100 }, (_, i) => messagePayload(roomId, alice, { content: `missed ${i}` }));
    // Committed in several transactions, some concurrently, as real traffic would be.
    for (let i = 0; i < 100; i += 10) {
      await Promise.all(
        missed
          .slice(i, i + 10)
          .map((p) => publish(server.server.deps.db, messageEvent(roomId, alice.organizationId, p))),
      );
    }
    const second = subscribeEvents(server.url, alice.key, 'human', lastId);
    await second.waitForCount(100, 'the 100 missed events');
    const ids = second.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(100);
    expect(ids[0]).toBeGreaterThan(Number(lastId));
    const contents = second.events.map((e) => (e.payload as { content: string }).content);
    expect(new Set(contents)).toEqual(new Set(missed.map((p) => p.content)));
    const live = messagePayload(roomId, alice, { content: 'live after the replay' });
    await publish(server.server.deps.db, messageEvent(roomId, alice.organizationId, live));
    await second.waitForCount(101, 'the live event');
    expect(second.events).toHaveLength(101);
    expect(second.events[100]?.payload).toMatchObject({ id: live.id });
    second.stop();
  });

  it('refuses to resume from before the retention window, or from an id never issued', async () => {
    const db = server.server.deps.db;
    const old = messagePayload(roomId, alice, { content: 'old' });
    await publish(db, messageEvent(roomId, alice.organizationId, old));
    const row = await db.selectFrom('event_outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await sql`UPDATE event_outbox SET inserted_at = now() - interval '8 days' WHERE id <= ${row.id}`.execute(db);
    expect(await server.server.realtime.pruneNow()).toBeGreaterThan(0);
    const stale = subscribeEvents(server.url, alice.key, 'human', String(row.id - 1));
    await eventually(() => stale.errors.length > 0, 'the resync error');
    expect((stale.errors[0] as { shape?: { error?: { code: string } } }).shape?.error?.code).toBe('resync_required');
    stale.stop();
    const future = subscribeEvents(server.url, alice.key, 'human', String(row.id + 1_000_000));
    await eventually(() => future.errors.length > 0, 'the resync error');
    expect((future.errors[0] as { shape?: { error?: { code: string } } }).shape?.error?.code).toBe('resync_required');
    future.stop();
    const current = subscribeEvents(server.url, alice.key, 'human', String(row.id));
    await current.started;
    expect(current.errors).toEqual([]);
    current.stop();
  });

  it('lets a slow reader fall back to the outbox instead of buffering without bound', async () => {
    const deps = server.server.deps;
    const hub = server.server.realtime.hub;
    const controller = new AbortController();
    const stream = streamEvents(
      deps,
      hub,
      { kind: 'user', principalId: alice.id },
      { signal: controller.signal, bufferLimit: 5 },
    );
    const firstPull = stream.next();
    await eventually(() => hub.subscriberCount > 0, 'the reader to subscribe');
    const burst = Array.from({ length: 50 }, (_, i) => messagePayload(roomId, alice, { content: `burst ${i}` }));
    await publish(deps.db, ...burst.map((p) => messageEvent(roomId, alice.organizationId, p)));
    const got: string[] = [];
    let next = await firstPull;
    while (!next.done) {
      got.push((next.value.payload as { id: string }).id);
      if (got.length === 50) break;
      await new Promise((r) => setTimeout(r, 1));
      next = await stream.next();
    }
    expect(got).toEqual(burst.map((p) => p.id));
    controller.abort();
    await stream.return(undefined);
  });

  it('ends open streams and sockets on shutdown, so the server stops promptly', async () => {
    const other = await startTestServer();
    try {
      const bob = await userPrincipal(other.server.deps);
      const socket = await connectPhoenix(other.url, { api_key: bob.key });
      const stream = subscribeEvents(other.url, bob.key, 'human');
      await stream.started;
      await eventually(() => other.server.realtime.hub.subscriberCount === 2, 'the stream and socket to register');
      // Without closing them first, close() would wait on the open stream forever: the bound
      // detects a hang, it is not a speed claim (generous, for loaded CI machines).
      const closed = await Promise.race([
        other.server.app.close().then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('hung'), 30_000).unref()),
      ]);
      expect(closed).toBe('closed');
      await eventually(() => socket.closes.length > 0, 'the socket to close');
      expect(socket.closes[0]?.code).toBe(1001);
      stream.stop();
    } finally {
      await other.close();
    }
  });
});
