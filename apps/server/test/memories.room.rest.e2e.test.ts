import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { restClient } from './harness/http.js';
import {
  expectVendorBody,
  type MemoryBody,
  type MemoryList,
  makeMemoryOrg,
  makeRoom,
  storeMemory,
} from './harness/memoryFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/** `chat_room_id` on `POST /agent/memories` (a Parley extension) feeds the `room` scope of `/me/memories`. */
let ts: TestServer;
let api: ReturnType<typeof restClient>;
let org: Awaited<ReturnType<typeof makeMemoryOrg>>;
let elsewhere: Awaited<ReturnType<typeof makeMemoryOrg>>;
let teammateRoom: string;

beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
  org = await makeMemoryOrg(ts.server.deps);
  elsewhere = await makeMemoryOrg(ts.server.deps);
  teammateRoom = await makeRoom(ts.server.deps, org.organizationId, [
    { id: org.teammate.user.id, type: 'User' },
    { id: org.otherAgent.id, type: 'Agent' },
  ]);
});
afterAll(async () => ts?.close());

async function roomScope(userKey: string, query = '') {
  const response = await api.get<MemoryList>(`/me/memories?scope=room${query}`, { key: userKey });
  expectVendorBody('listUserMemories', response);
  expect(response.status, response.text).toBe(200);
  return response.body.data.map((m) => m.content);
}

async function countMemories() {
  const row = await ts.server.deps.db
    .selectFrom('memories')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /agent/memories with chat_room_id', () => {
  it('ties the memory to a room the agent is in: its participants see it in the room scope', async () => {
    const stored = await storeMemory(api, org.agent.apiKey, {
      content: 'we chose Postgres',
      scope: 'organization',
      chat_room_id: org.room,
    });
    expect(await roomScope(org.owner.apiKey)).toEqual(['we chose Postgres']);
    expect(await roomScope(org.owner.apiKey, `&chat_room_id=${org.room}`)).toEqual(['we chose Postgres']);
    const read = await api.get<{ data: MemoryBody }>(`/me/memories/${stored.id}`, { key: org.owner.apiKey });
    expect(read.status, read.text).toBe(200);
    expect(read.body.data.chat_room_id).toBe(org.room);
    // The teammate is not in the room: the memory is not in their room scope.
    expect(await roomScope(org.teammate.apiKey)).toEqual([]);
  });

  it('leaves the room empty when absent or null', async () => {
    const stored = await storeMemory(api, org.agent.apiKey, {
      content: 'no room',
      subject_id: org.owner.user.id,
      chat_room_id: null,
    });
    const read = await api.get<{ data: MemoryBody }>(`/me/memories/${stored.id}`, { key: org.owner.apiKey });
    expect(read.body.data.chat_room_id).toBeNull();
    expect(await roomScope(org.owner.apiKey)).toEqual(['we chose Postgres']);
  });

  it('answers 404 for a room the agent is not in, an unknown one, or another organization’s, storing nothing', async () => {
    const before = await countMemories();
    for (const room of [teammateRoom, elsewhere.room, '00000000-0000-4000-8000-000000000000']) {
      const response = await api.post('/agent/memories', {
        key: org.agent.apiKey,
        body: {
          memory: {
            content: 'should not land',
            system: 'long_term',
            type: 'semantic',
            segment: 'user',
            thought: 'x',
            scope: 'organization',
            chat_room_id: room,
          },
        },
      });
      expectRestError(response, 404, 'not_found');
      expectVendorBody('createAgentMemory', response);
    }
    expect(await countMemories()).toBe(before);
    expect(await roomScope(org.teammate.apiKey)).toEqual([]);
  });

  it('refuses a malformed room id with 422', async () => {
    const response = await api.post('/agent/memories', {
      key: org.agent.apiKey,
      body: {
        memory: {
          content: 'x',
          system: 'long_term',
          type: 'semantic',
          segment: 'user',
          thought: 'x',
          scope: 'organization',
          chat_room_id: 'room-1',
        },
      },
    });
    expect(Object.keys(expectRestError(response, 422, 'validation_error').details ?? {})).toEqual([
      '/memory/chat_room_id',
    ]);
  });
});
