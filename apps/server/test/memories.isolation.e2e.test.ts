import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import {
  expectVendorBody,
  insertRoomMemory,
  type MemoryList,
  makeAgent,
  makeMemoryOrg,
  storeMemory,
} from './harness/memoryFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';

/**
 * Organization B's agent and user aim every memory endpoint, over REST and native tRPC, at
 * organization A's memory ids and at filters naming A's users, agents and rooms. B's user and
 * agent even sit in one of A's rooms, the case that leaked on the real platform. Not one of A's
 * rows may come back, and nothing of A's may change.
 */
let ts: TestServer;
let api: ReturnType<typeof restClient>;
let a: Awaited<ReturnType<typeof makeMemoryOrg>>;
let bUser: Awaited<ReturnType<typeof makeUser>>;
let bAgent: Awaited<ReturnType<typeof makeAgent>>;
const aIds: string[] = [];
const bIds: string[] = [];

beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
  const deps = ts.server.deps;
  a = await makeMemoryOrg(deps);
  const aUser = a.owner.user.id;
  for (const memory of [
    { content: 'A secret about the owner', subject_id: aUser },
    { content: 'A secret about the agent', subject_id: a.agent.id, system: 'sensory', type: 'haptic' },
    { content: 'A secret for the whole org', scope: 'organization' },
    { content: 'A secret, archived', subject_id: aUser },
    { content: 'A secret, superseded', subject_id: aUser },
  ]) {
    aIds.push((await storeMemory(api, a.agent.apiKey, memory)).id);
  }
  await api.post(`/agent/memories/${aIds[3]}/archive`, { key: a.agent.apiKey });
  await api.post(`/agent/memories/${aIds[4]}/supersede`, { key: a.agent.apiKey });
  aIds.push(
    await insertRoomMemory(deps, {
      organizationId: a.organizationId,
      roomId: a.room,
      sourceAgentId: a.agent.id,
      content: 'A secret said in the room',
      subjectId: aUser,
    }),
  );

  bUser = await makeUser(deps);
  bAgent = await makeAgent(deps, bUser);
  // B's user and agent take part in A's room: room membership must not open A's memories.
  await deps.db
    .insertInto('chat_participants')
    .values([
      {
        chat_room_id: a.room,
        participant_id: bUser.user.id,
        participant_type: 'User',
        role: 'member',
        status: 'active',
      },
      { chat_room_id: a.room, participant_id: bAgent.id, participant_type: 'Agent', role: 'member', status: 'active' },
    ])
    .execute();
  bIds.push((await storeMemory(api, bAgent.apiKey, { content: 'B secret about B', subject_id: bUser.user.id })).id);
  bIds.push((await storeMemory(api, bAgent.apiKey, { content: 'B secret for B', scope: 'organization' })).id);
  bIds.push(
    await insertRoomMemory(deps, {
      organizationId: bUser.organization.id,
      roomId: a.room,
      sourceAgentId: bAgent.id,
      content: 'B secret said in A room',
      subjectId: bUser.user.id,
    }),
  );
});
afterAll(async () => ts?.close());

/** Filters naming A's things, for both lists. */
function foreignQueries(extra: string[]): string[] {
  const subjects = [a.owner.user.id, a.teammate.user.id, a.agent.id, a.otherAgent.id];
  return [
    '',
    '?status=all',
    '?content_query=secret&status=all',
    ...subjects.flatMap((s) => [`?subject_id=${s}&status=all`, `?scope=subject&subject_id=${s}&status=all`]),
    ...extra,
  ];
}

function expectNoneOfA(rows: { id: string; organization_id: string }[]) {
  for (const row of rows) {
    expect(aIds).not.toContain(row.id);
    expect(row.organization_id).toBe(bUser.organization.id);
  }
}

async function expectAUnchanged() {
  const rows = await ts.server.deps.db
    .selectFrom('memories')
    .select(['id', 'status'])
    .where('id', 'in', aIds)
    .orderBy('inserted_at')
    .execute();
  expect(rows.map((r) => r.status)).toEqual(['active', 'active', 'active', 'archived', 'superseded', 'active']);
}

describe('over REST', () => {
  it("B's agent reaches none of A's memories by id", async () => {
    for (const id of aIds) {
      for (const [method, path, op] of [
        ['GET', `/agent/memories/${id}`, 'getAgentMemory'],
        ['POST', `/agent/memories/${id}/supersede`, 'supersedeAgentMemory'],
        ['DELETE', `/agent/memories/${id}`, 'supersedeAgentMemory'],
        ['POST', `/agent/memories/${id}/archive`, 'archiveAgentMemory'],
      ] as const) {
        const response = await api.request(method, path, { key: bAgent.apiKey });
        expectRestError(response, 404, 'not_found');
        expectVendorBody(op, response);
      }
    }
    await expectAUnchanged();
  });

  it("B's agent lists nothing of A's, whatever the filters", async () => {
    const queries = foreignQueries(['?scope=organization&status=all', `?scope=all&subject_id=${a.owner.user.id}`]);
    for (const query of queries) {
      const response = await api.get<MemoryList>(`/agent/memories${query}`, { key: bAgent.apiKey });
      expect(response.status, `${query}: ${response.text}`).toBe(200);
      expectVendorBody('listAgentMemories', response);
      expectNoneOfA(response.body.data);
    }
  });

  it("B's agent cannot point a memory at A's users, agents or memories, and learns nothing from trying", async () => {
    const unknown = await api.post('/agent/memories', {
      key: bAgent.apiKey,
      body: {
        memory: {
          content: 'x',
          thought: 'y',
          system: 'working',
          type: 'episodic',
          segment: 'user',
          subject_id: '00000000-0000-4000-8000-000000000000',
        },
      },
    });
    const unknownError = expectRestError(unknown, 422, 'validation_error');
    for (const subject of [a.owner.user.id, a.agent.id]) {
      const response = await api.post('/agent/memories', {
        key: bAgent.apiKey,
        body: {
          memory: {
            content: 'x',
            thought: 'y',
            system: 'working',
            type: 'episodic',
            segment: 'user',
            subject_id: subject,
          },
        },
      });
      const error = expectRestError(response, 422, 'validation_error');
      expectVendorBody('createAgentMemory', response);
      expect({ message: error.message, details: error.details }).toEqual({
        message: unknownError.message,
        details: unknownError.details,
      });
    }
    const reference = await api.post('/agent/memories', {
      key: bAgent.apiKey,
      body: {
        memory: {
          content: 'x',
          thought: 'y',
          system: 'working',
          type: 'episodic',
          segment: 'user',
          scope: 'organization',
          metadata: { references: [aIds[0]] },
        },
      },
    });
    expect(expectRestError(reference, 422, 'validation_error').details).toEqual({
      '/memory/metadata/references/0': ['is not a memory of your organization'],
    });
  });

  it("B's user reaches none of A's memories by id", async () => {
    for (const id of aIds) {
      for (const [method, path, op] of [
        ['GET', `/me/memories/${id}`, 'getUserMemory'],
        ['POST', `/me/memories/${id}/supersede`, 'supersedeUserMemory'],
        ['POST', `/me/memories/${id}/archive`, 'archiveUserMemory'],
        ['POST', `/me/memories/${id}/restore`, 'restoreUserMemory'],
        ['DELETE', `/me/memories/${id}`, 'deleteUserMemory'],
      ] as const) {
        const response = await api.request(method, path, { key: bUser.apiKey });
        expectRestError(response, 404, 'not_found');
        expectVendorBody(op, response);
      }
    }
    await expectAUnchanged();
  });

  it("B's user lists nothing of A's, in any scope or room, though it sits in A's room", async () => {
    const scopes = ['about_me', 'organization', 'room', 'all'];
    const queries = scopes.flatMap((scope) => [
      `?scope=${scope}&status=all`,
      `?scope=${scope}&chat_room_id=${a.room}&status=all`,
      `?scope=${scope}&content_query=A%20secret&status=all`,
    ]);
    let seenOwn = 0;
    for (const query of queries) {
      const response = await api.get<MemoryList>(`/me/memories${query}`, { key: bUser.apiKey });
      expect(response.status, `${query}: ${response.text}`).toBe(200);
      expectVendorBody('listUserMemories', response);
      expectNoneOfA(response.body.data);
      seenOwn += response.body.data.length;
    }
    // The filters do work: B's own memories, the one stored in A's room included, come back.
    const own = await api.get<MemoryList>(`/me/memories?chat_room_id=${a.room}`, { key: bUser.apiKey });
    expect(own.body.data.map((m) => m.id)).toEqual([bIds[2]]);
    expect(seenOwn).toBeGreaterThan(0);
  });

  it("A's own user still sees A's room memory (the fixtures are sound)", async () => {
    const response = await api.get<MemoryList>(`/me/memories?scope=room&chat_room_id=${a.room}`, {
      key: a.owner.apiKey,
    });
    expect(response.body.data.map((m) => m.id)).toEqual([aIds[5]]);
  });
});

describe('over native tRPC', () => {
  it("B's agent reaches none of A's memories and lists none", async () => {
    const client = trpcClient(ts.url, bAgent.apiKey);
    for (const id of aIds) {
      await expectTrpcError(client.agent.memories.get.query({ id }), 404, 'not_found');
      await expectTrpcError(client.agent.memories.supersede.mutate({ id }), 404, 'not_found');
      await expectTrpcError(client.agent.memories.delete.mutate({ id }), 404, 'not_found');
      await expectTrpcError(client.agent.memories.archive.mutate({ id }), 404, 'not_found');
    }
    for (const subject of [a.owner.user.id, a.agent.id]) {
      for (const scope of ['subject', 'organization', 'all'] as const) {
        const page = await client.agent.memories.list.query({ subject_id: subject, scope, status: 'all' });
        expectNoneOfA(page.data);
      }
      await expectTrpcError(
        client.agent.memories.create.mutate({
          memory: {
            content: 'x',
            thought: 'y',
            system: 'long_term',
            type: 'semantic',
            segment: 'user',
            subject_id: subject,
          },
        }),
        422,
        'validation_error',
      );
    }
    await expectAUnchanged();
  });

  it("B's user reaches none of A's memories and lists none", async () => {
    const client = trpcClient(ts.url, bUser.apiKey);
    for (const id of aIds) {
      await expectTrpcError(client.human.memories.get.query({ id }), 404, 'not_found');
      await expectTrpcError(client.human.memories.supersede.mutate({ id }), 404, 'not_found');
      await expectTrpcError(client.human.memories.archive.mutate({ id }), 404, 'not_found');
      await expectTrpcError(client.human.memories.restore.mutate({ id }), 404, 'not_found');
      await expectTrpcError(client.human.memories.delete.mutate({ id }), 404, 'not_found');
    }
    for (const scope of ['about_me', 'organization', 'room', 'all'] as const) {
      expectNoneOfA((await client.human.memories.list.query({ scope, status: 'all' })).data);
      expectNoneOfA((await client.human.memories.list.query({ scope, chat_room_id: a.room, status: 'all' })).data);
    }
    await expectAUnchanged();
  });
});
