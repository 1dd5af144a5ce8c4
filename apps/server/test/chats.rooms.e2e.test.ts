import { setOrganizationLimits } from '@parley/core/organizations/setOrganizationLimits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk, type Transport } from './harness/chatClients.js';
import { chatAgent, chatUser, roomWith, say } from './harness/chatFixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

interface Room {
  id: string;
  title: string | null;
  updated_at: string;
  inserted_at: string;
  last_message_at?: string | null;
}

describe.each<Transport>(['rest', 'trpc'])('rooms over %s', (transport) => {
  let api: ChatApi;
  beforeAll(() => {
    api = chatApi(ts.url, transport);
  });

  it('creates with {"chat":{}}: the caller is the owner; the human and agent shapes differ', async () => {
    const user = await chatUser(ts);
    const room = expectOk(await api.createRoom(user.key, {}), 201);
    expect(room).toMatchObject({ title: null, task_id: null, type: 'direct', status: 'active', last_message_at: null });
    expect(room.inserted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    const participants = expectOk(await api.participants(user.key, room.id));
    expect(participants).toEqual([
      expect.objectContaining({ id: user.id, type: 'User', role: 'owner', status: 'active', handle: user.handle }),
    ]);

    const agent = await chatAgent(ts, user.key);
    const taskId = crypto.randomUUID();
    const agentRoom = expectOk(await api.createRoom(agent.key, { title: '  Plans  ', task_id: taskId }), 201);
    expect(agentRoom).toMatchObject({
      title: 'Plans',
      task_id: taskId,
      status: 'active',
      type: 'direct',
      metadata: {},
    });
    expect(agentRoom).not.toHaveProperty('last_message_at');
    const fetched = expectOk(await api.getRoom(agent.key, agentRoom.id));
    expect(fetched).toEqual(agentRoom);
    expect(expectOk(await api.participants(agent.key, agentRoom.id))).toEqual([
      { id: agent.id, type: 'Agent', name: agent.name, handle: agent.handle, role: 'owner', status: 'active' },
    ]);
  });

  it('title rules: trimmed, ≤120 characters, no newline, carriage return or NUL (422)', async () => {
    const user = await chatUser(ts);
    expect(expectOk(await api.createRoom(user.key, { title: 'é'.repeat(120) }), 201).title).toBe('é'.repeat(120));
    expect(expectOk(await api.createRoom(user.key, { title: '   ' }), 201).title).toBeNull();
    expect(expectOk(await api.createRoom(user.key, { title: null }), 201).title).toBeNull();
    for (const title of ['x'.repeat(121), 'a\nb', 'a\rb', 'a\u0000b', 'trailing\n']) {
      const error = expectFailure(await api.createRoom(user.key, { title }), 422, 'validation_error');
      expect(error.details).toHaveProperty(['/chat/title']);
    }
    expectFailure(await api.createRoom(user.key, { title: 42 }), 422, 'validation_error');
    expectFailure(await api.createRoom(user.key, { task_id: 'nope' }), 422, 'validation_error');
    expectFailure(await api.createRoom(user.key, { name: 'x' }), 400, 'unknown_property');
  });

  it('a malformed room id is 422, an unknown one 404', async () => {
    const user = await chatUser(ts);
    expectFailure(await api.getRoom(user.key, 'not-a-uuid'), 422, 'validation_error');
    expectFailure(await api.getRoom(user.key, crypto.randomUUID()), 404, 'not_found');
  });

  it('an owner agent renames; others get 403; title rules apply', async () => {
    const user = await chatUser(ts);
    const owner = await chatAgent(ts, user.key);
    const member = await chatAgent(ts, user.key);
    const roomId = await roomWith(api, owner.key, [{ id: member.id }], 'Before');
    const before = expectOk<Room>(await api.getRoom(owner.key, roomId));
    const renamed = expectOk<Room>(await api.renameRoom(owner.key, roomId, { title: '  After  ' }));
    expect(renamed.title).toBe('After');
    expect(renamed.updated_at > before.updated_at).toBe(true);
    expectFailure(await api.renameRoom(member.key, roomId, { title: 'Mine' }), 403, 'forbidden');
    for (const title of ['', '  ', 'a\nb', 'x'.repeat(121)]) {
      expectFailure(await api.renameRoom(owner.key, roomId, { title }), 422, 'validation_error');
    }
    expectFailure(await api.renameRoom(owner.key, roomId, {}), 422, 'validation_error');
    expectFailure(await api.renameRoom(user.key, roomId, { title: 'x' }), 403, 'forbidden');
    const stranger = await chatAgent(ts, (await chatUser(ts)).key);
    expectFailure(await api.renameRoom(stranger.key, roomId, { title: 'x' }), 404, 'not_found');
    expect(expectOk<Room>(await api.getRoom(member.key, roomId)).title).toBe('After');
  });

  it('last_message_at follows the newest message or event', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    const roomId = await roomWith(api, user.key, [{ id: agent.id }]);
    expect(expectOk<Room>(await api.getRoom(user.key, roomId)).last_message_at).toBeNull();
    await say(api, user.key, roomId, 'one', [agent]);
    const first = expectOk<Room>(await api.getRoom(user.key, roomId)).last_message_at;
    expect(first).toBeTruthy();
    expectOk(await api.event(agent.key, roomId, { content: 'thinking', message_type: 'thought' }), 201);
    const second = expectOk<Room>(await api.getRoom(user.key, roomId)).last_message_at;
    expect(second && first && second > first).toBe(true);
    const listed = expectOk<Room[]>(await api.listRooms(user.key));
    expect(listed.find((r) => r.id === roomId)?.last_message_at).toBe(second);
  });

  it('lists the caller’s rooms with filters, sort and both pagination styles', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await roomWith(api, agent.key, [{ id: user.id }], `room ${n}`));
    await roomWith(api, (await chatUser(ts)).key, [], 'foreign');
    const [r1, r2, r3, r4, r5] = ids as [string, string, string, string, string];

    const newest = await api.listRooms(user.key);
    expect(expectOk<Room[]>(newest).map((r) => r.id)).toEqual([r5, r4, r3, r2, r1]);
    expect(newest.body.metadata).toMatchObject({ page: 1, page_size: 20, total_count: 5, total_pages: 1 });

    const oldestFirst = expectOk<Room[]>(await api.listRooms(user.key, { order: 'asc', page: 2, page_size: 2 }));
    expect(oldestFirst.map((r) => r.id)).toEqual([r3, r4]);

    // Renaming r2 moves it to the top of `updated_at desc`.
    expectOk(await api.renameRoom(agent.key, r2, { title: 'renamed' }));
    const byUpdate = expectOk<Room[]>(await api.listRooms(user.key, { sort_by: 'updated_at' }));
    expect(byUpdate.map((r) => r.id)).toEqual([r2, r5, r4, r3, r1]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.listRooms(user.key, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...expectOk<Room[]>(page).map((r) => r.id));
      cursor = page.body.metadata.next_cursor ?? undefined;
      // A room created between pages does not shift the keyset pages.
      if (seen.length === 2) await roomWith(api, user.key, [], 'late');
    } while (cursor);
    expect(seen).toEqual([r5, r4, r3, r2, r1]);

    expect(expectOk<Room[]>(await api.listRooms(user.key, { status: 'archived' }))).toEqual([]);
    expect(expectOk<Room[]>(await api.listRooms(user.key, { type: 'group' }))).toEqual([]);
    expect(expectOk<Room[]>(await api.listRooms(user.key, { status: 'active', type: 'direct' }))).toHaveLength(6);
    expect(expectOk<Room[]>(await api.listRooms(agent.key, { page_size: 2 })).map((r) => r.id)).toEqual([r5, r4]);

    const first = await api.listRooms(user.key, { limit: 1 });
    const otherSort = await api.listRooms(user.key, {
      limit: 1,
      sort_by: 'updated_at',
      cursor: first.body.metadata.next_cursor,
    });
    expectFailure(otherSort, 422, 'validation_error');
    expectFailure(await api.listRooms(user.key, { limit: 1, page: 1 }), 422, 'validation_error');
    expectFailure(await api.listRooms(user.key, { cursor: 'garbage' }), 422, 'validation_error');
    const forged = Buffer.from(JSON.stringify(['rooms:inserted_at', 'desc', 'yesterday', r1])).toString('base64url');
    expectFailure(await api.listRooms(user.key, { cursor: forged }), 422, 'validation_error');
    const yearZero = Buffer.from(JSON.stringify(['rooms:inserted_at', 'desc', '0000-01-01T00:00:00Z', r1])).toString(
      'base64url',
    );
    expectFailure(await api.listRooms(user.key, { cursor: yearZero }), 422, 'validation_error');
    expectFailure(await api.listRooms(user.key, { status: 'deleted' }), 422, 'validation_error');
    expectFailure(await api.listRooms(user.key, { page_size: 101 }), 422, 'validation_error');
  });

  it('the chat quota: 403 limit_reached past the organization’s limit, nothing left behind', async () => {
    const user = await chatUser(ts);
    await setOrganizationLimits(ts.server.deps, { org: user.org, limits: { chats: 2 } });
    expectOk(await api.createRoom(user.key), 201);
    expectOk(await api.createRoom(user.key), 201);
    const error = expectFailure(await api.createRoom(user.key), 403, 'limit_reached');
    expect(error.details).toEqual({ resource: 'chats', limit: 2, current: 2 });
    expect(expectOk<Room[]>(await api.listRooms(user.key))).toHaveLength(2);
  });
});

describe('rooms: REST specifics', () => {
  it('answers 403 to the wrong kind of key and 401 without one', async () => {
    const api = restClient(ts.url);
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    expect((await api.get('/agent/chats', { key: user.key })).status).toBe(403);
    expect((await api.get('/me/chats', { key: agent.key })).status).toBe(403);
    expect((await api.get('/me/chats')).status).toBe(401);
    expect((await api.post('/me/chats', { key: user.key, rawBody: '{"chat":' })).status).toBe(400);
  });
});
