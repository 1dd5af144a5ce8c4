import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPhoenix } from './harness/phoenixClient.js';
import {
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

/**
 * The outbox tail runs only while the instance has subscribers: it starts for the first one and
 * pauses after `PARLEY_EVENT_TAIL_IDLE_MS` without any. Whatever commits while it is paused must
 * still reach a stream that resumes, and a new subscriber must get every later event.
 */
let server: TestServer;
let alice: Principal;
let roomId: string;

const feed = () => server.server.realtime.feed;
const send = (content: string) => {
  const payload = messagePayload(roomId, alice, { content });
  return publish(server.server.deps.db, messageEvent(roomId, alice.organizationId, payload)).then(() => payload);
};
async function paused() {
  await eventually(() => server.server.realtime.hub.subscriberCount === 0, 'the subscribers to leave');
  await eventually(() => !feed().running, 'the tail to pause');
}

beforeAll(async () => {
  server = await startTestServer({ PARLEY_EVENT_TAIL_IDLE_MS: '200' });
  alice = await userPrincipal(server.server.deps);
  roomId = await insertRoom(server.server.deps.db, alice.organizationId, [alice]);
});

afterAll(async () => {
  await server?.close();
});

describe('the outbox tail idles without subscribers', () => {
  it('does not read the outbox while nobody is subscribed', async () => {
    expect(feed().running).toBe(false);
    const before = server.server.realtime.tail.position;
    await send('nobody listens');
    await new Promise((r) => setTimeout(r, 300));
    expect(feed().running).toBe(false);
    expect(server.server.realtime.tail.position).toBe(before);
  });

  it('starts for a stream, pauses after it leaves, and a resumed stream misses nothing from the pause', async () => {
    const first = subscribeEvents(server.url, alice.key, 'human');
    await first.started;
    await eventually(() => server.server.realtime.hub.subscriberCount === 1, 'the stream to register');
    expect(feed().running).toBe(true);
    const seen = await send('while streaming');
    await first.waitForCount(1, 'the live event');
    expect(first.events[0]?.payload).toMatchObject({ id: seen.id });
    const lastId = first.events[0]?.id as string;
    first.stop();
    await paused();

    const position = server.server.realtime.tail.position;
    const missed = await Promise.all(Array.from({ length: 5 }, (_, i) => send(`while paused ${i}`)));
    await new Promise((r) => setTimeout(r, 300));
    expect(server.server.realtime.tail.position).toBe(position);

    const second = subscribeEvents(server.url, alice.key, 'human', lastId);
    await second.waitForCount(5, 'the events committed while the tail was paused');
    expect(new Set(second.events.map((e) => (e.payload as { id: string }).id))).toEqual(
      new Set(missed.map((m) => m.id)),
    );
    const ids = second.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(feed().running).toBe(true);
    const live = await send('live again');
    await second.waitForCount(6, 'the live event after the restart');
    expect(second.events[5]?.payload).toMatchObject({ id: live.id });
    second.stop();
    await paused();
  });

  it('a socket connecting after a pause gets later events, not the ones from before it connected', async () => {
    await paused();
    await send('before the socket');
    const socket = await connectPhoenix(server.url, { api_key: alice.key });
    try {
      expect(feed().running).toBe(true);
      expect((await socket.join(`chat_room:${roomId}`)).status).toBe('ok');
      const after = await send('after the socket joined');
      await socket.waitFor((r) => r.payload.id === after.id, 'the new event');
      expect(socket.received.map((r) => r.payload.content)).toEqual(['after the socket joined']);
    } finally {
      socket.disconnect();
    }
    await paused();
  });
});
