import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk, type Transport } from './harness/chatClients.js';
import { chatAgent, chatUser, orgSlug, roomWith } from './harness/chatFixtures.js';
import { eventually } from './harness/realtimeFixtures.js';
import { type StreamSubscription, subscribeEvents } from './harness/streamClient.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/**
 * A person renames a room through the Human API (a Parley extension: `PATCH /me/chats/{id}`,
 * native `human.chats.rename`): owners and admins may, members may not, strangers learn nothing;
 * every participant hears `room_updated`, and a refused rename changes and publishes nothing.
 */
let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

/**
 * The streams start from the beginning of the outbox (`lastEventId` 0), so an event recorded while
 * a stream is still opening is replayed rather than missed; the tests pick the renames out.
 */
const fromStart = '0';
const renames = (stream: StreamSubscription) => stream.events.filter((e) => e.type === 'room_updated');
const waitForRenames = (stream: StreamSubscription, n: number, what: string) =>
  eventually(() => renames(stream).length >= n || stream.errors.length > 0, what, 30_000).then(() => {
    if (stream.errors.length > 0) throw stream.errors[0];
  });

interface Room {
  id: string;
  title: string | null;
  updated_at: string;
}

describe.each<Transport>(['rest', 'trpc'])('a person renames a room over %s', (transport) => {
  let api: ChatApi;
  beforeAll(() => {
    api = chatApi(ts.url, transport);
  });

  async function world() {
    const org = orgSlug();
    const owner = await chatUser(ts, { org });
    const admin = await chatUser(ts, { org });
    const member = await chatUser(ts, { org });
    const agent = await chatAgent(ts, owner.key);
    const roomId = await roomWith(
      api,
      owner.key,
      [{ id: admin.id, role: 'admin' }, { id: member.id }, { id: agent.id }],
      'Before',
    );
    return { owner, admin, member, agent, roomId };
  }

  it('lets the owner and an admin rename, and tells every participant with room_updated', async () => {
    const { owner, admin, member, agent, roomId } = await world();
    const before = expectOk<Room>(await api.getRoom(owner.key, roomId));
    const memberStream = subscribeEvents(ts.url, member.key, 'human', fromStart);
    const agentStream = subscribeEvents(ts.url, agent.key, 'agent', fromStart);
    await Promise.all([memberStream.started, agentStream.started]);
    try {
      const renamed = expectOk<Room>(await api.renameMyRoom(owner.key, roomId, { title: '  Launch plan  ' }));
      expect(renamed).toMatchObject({ id: roomId, title: 'Launch plan', type: 'direct', status: 'active' });
      expect(renamed.updated_at > before.updated_at).toBe(true);
      await waitForRenames(memberStream, 1, 'room_updated for the member');
      await waitForRenames(agentStream, 1, 'room_updated for the agent');
      for (const stream of [memberStream, agentStream]) {
        expect(renames(stream)[0]).toMatchObject({
          type: 'room_updated',
          chat_room_id: roomId,
          payload: { id: roomId, title: 'Launch plan' },
        });
      }

      expect(expectOk<Room>(await api.renameMyRoom(admin.key, roomId, { title: 'Renamed by admin' })).title).toBe(
        'Renamed by admin',
      );
      await waitForRenames(memberStream, 2, 'the second room_updated');
      expect(renames(memberStream)[1]?.payload).toMatchObject({ title: 'Renamed by admin' });
      expect(expectOk<Room>(await api.getRoom(member.key, roomId)).title).toBe('Renamed by admin');
      expect(expectOk<Room>(await api.getRoom(agent.key, roomId)).title).toBe('Renamed by admin');
    } finally {
      memberStream.stop();
      agentStream.stop();
    }
  });

  it('refuses members (403), strangers and unknown rooms (404), bad titles (422), and changes nothing', async () => {
    const { owner, member, roomId } = await world();
    const stream = subscribeEvents(ts.url, owner.key, 'human', fromStart);
    await stream.started;
    try {
      expectFailure(await api.renameMyRoom(member.key, roomId, { title: 'Mine now' }), 403, 'forbidden');
      const stranger = await chatUser(ts);
      expectFailure(await api.renameMyRoom(stranger.key, roomId, { title: 'x' }), 404, 'not_found');
      expectFailure(await api.renameMyRoom(owner.key, crypto.randomUUID(), { title: 'x' }), 404, 'not_found');
      for (const title of ['', '   ', 'a\nb', 'a\rb', 'a\u0000b', 'x'.repeat(121)]) {
        expectFailure(await api.renameMyRoom(owner.key, roomId, { title }), 422, 'validation_error');
      }
      expectFailure(await api.renameMyRoom(owner.key, roomId, {}), 422, 'validation_error');
      expectFailure(await api.renameMyRoom(owner.key, roomId, { title: 7 }), 422, 'validation_error');
      const extra = await api.renameMyRoom(owner.key, roomId, { title: 'ok', color: 'red' });
      expect(extra.status, JSON.stringify(extra.body)).toBe(400);
      expect(expectOk<Room>(await api.getRoom(owner.key, roomId)).title).toBe('Before');
      // The longest title allowed goes through; only then does an event arrive.
      const longest = 'y'.repeat(120);
      expect(expectOk<Room>(await api.renameMyRoom(owner.key, roomId, { title: longest })).title).toBe(longest);
      await waitForRenames(stream, 1, 'room_updated after the accepted rename');
      expect(renames(stream).map((e) => (e.payload as { title: string }).title)).toEqual([longest]);
    } finally {
      stream.stop();
    }
  });
});
