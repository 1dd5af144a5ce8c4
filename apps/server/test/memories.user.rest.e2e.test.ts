import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { restClient } from './harness/http.js';
import {
  expectVendorBody,
  insertRoomMemory,
  type MemoryBody,
  type MemoryList,
  makeMemoryOrg,
  makeRoom,
  storeMemory,
} from './harness/memoryFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectVendorShape } from './harness/vendorContract.js';

let ts: TestServer;
let api: ReturnType<typeof restClient>;
let org: Awaited<ReturnType<typeof makeMemoryOrg>>;
let otherRoom: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
  const deps = ts.server.deps;
  org = await makeMemoryOrg(deps);
  const me = org.owner.user.id;
  const teammate = org.teammate.user.id;
  // A room of the teammate and their agent, which the owner is not in.
  otherRoom = await makeRoom(deps, org.organizationId, [
    { id: teammate, type: 'User' },
    { id: org.otherAgent.id, type: 'Agent' },
  ]);
  const a = org.agent.apiKey;
  const b = org.otherAgent.apiKey;
  ids.aboutMe = (await storeMemory(api, a, { content: 'likes jazz', subject_id: me })).id;
  ids.aboutMeOrg = (await storeMemory(api, a, { content: 'leads the team', subject_id: me, scope: 'organization' })).id;
  ids.aboutTeammate = (await storeMemory(api, b, { content: 'teammate secret', subject_id: teammate })).id;
  ids.orgWide = (await storeMemory(api, b, { content: 'office closes at 6', scope: 'organization' })).id;
  const room = (roomId: string, content: string, subjectId?: string) =>
    insertRoomMemory(deps, {
      organizationId: org.organizationId,
      roomId,
      sourceAgentId: org.agent.id,
      content,
      ...(subjectId ? { subjectId } : {}),
    });
  ids.inMyRoom = await room(org.room, 'decided on Friday', org.agent.id);
  ids.inOtherRoom = await room(otherRoom, 'their plan', teammate);
  ids.aboutMeInOtherRoom = await room(otherRoom, 'they discussed me', me);
  ids.aboutMeInMyRoom = await room(org.room, 'I asked for a summary', me);
});
afterAll(async () => ts?.close());

const key = () => org.owner.apiKey;

async function list(query: string, apiKey = key()) {
  const response = await api.get<MemoryList>(`/me/memories${query}`, { key: apiKey });
  expectVendorBody('listUserMemories', response);
  return response;
}

async function names(query: string) {
  const response = await list(query);
  expect(response.status, response.text).toBe(200);
  const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return response.body.data.map((m) => byId[m.id] ?? m.id);
}

describe('GET /me/memories: scopes', () => {
  it('about_me: every memory whose subject is the caller, any scope or room', async () => {
    expect(await names('?scope=about_me')).toEqual(['aboutMeInMyRoom', 'aboutMeInOtherRoom', 'aboutMeOrg', 'aboutMe']);
  });

  it('organization: the organization-scoped memories', async () => {
    expect(await names('?scope=organization')).toEqual(['orgWide', 'aboutMeOrg']);
  });

  it('room: memories stored in rooms the caller is in', async () => {
    expect(await names('?scope=room')).toEqual(['aboutMeInMyRoom', 'inMyRoom']);
  });

  it('all (the default): the union, each memory once, and nothing else', async () => {
    const expected = ['aboutMeInMyRoom', 'aboutMeInOtherRoom', 'inMyRoom', 'orgWide', 'aboutMeOrg', 'aboutMe'];
    expect(await names('')).toEqual(expected);
    expect(await names('?scope=all')).toEqual(expected);
    const counted = await list('?page=1&page_size=4');
    expect(counted.body.metadata).toMatchObject({ total_count: 6, total_pages: 2, has_more: true });
    expect(counted.body.meta).toEqual(counted.body.metadata);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: MemoryList = (await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      walked.push(...page.data.map((m) => m.id));
      cursor = page.metadata.next_cursor as string | null;
    } while (cursor);
    expect(walked).toEqual(expected.map((n) => ids[n]));
  });

  it('chat_room_id narrows to a room the caller is in, and to nothing otherwise', async () => {
    expect(await names(`?chat_room_id=${org.room}`)).toEqual(['aboutMeInMyRoom', 'inMyRoom']);
    expect(await names(`?scope=about_me&chat_room_id=${org.room}`)).toEqual(['aboutMeInMyRoom']);
    expect(await names(`?scope=organization&chat_room_id=${org.room}`)).toEqual([]);
    expect(await names(`?chat_room_id=${otherRoom}`)).toEqual([]);
    expect(await names('?chat_room_id=00000000-0000-4000-8000-000000000000')).toEqual([]);
    expectRestError(await list('?chat_room_id=room-1'), 422, 'validation_error');
  });

  it('takes the agent filters and refuses bad values', async () => {
    expect(await names('?content_query=JAZZ')).toEqual(['aboutMe']);
    expect(await names('?scope=about_me&segment=tool')).toEqual([]);
    expect(await names('?status=superseded')).toEqual([]);
    const bad = [
      '?scope=subject',
      '?scope=everything',
      '?status=gone',
      '?page_size=51',
      '?type=x',
      '?content_query=%00',
    ];
    for (const query of bad) {
      expectRestError(await list(query), 422, 'validation_error');
    }
    expectRestError(await list('?subject_id=00000000-0000-4000-8000-000000000000'), 400, 'unknown_property');
  });

  it('is for users only', async () => {
    expectRestError(await list('', org.agent.apiKey), 403, 'forbidden');
  });
});

describe('GET /me/memories/{id}', () => {
  it('returns a visible memory with its room', async () => {
    const response = await api.get<{ data: MemoryBody }>(`/me/memories/${ids.inMyRoom}`, { key: key() });
    expectVendorShape('getUserMemory', response);
    expect(response.body.data).toMatchObject({
      id: ids.inMyRoom,
      chat_room_id: org.room,
      source_agent_id: org.agent.id,
    });
    const plain = await api.get<{ data: MemoryBody }>(`/me/memories/${ids.aboutMe}`, { key: key() });
    expect(plain.body.data.chat_room_id).toBeNull();
  });

  it('answers 404 for memories the caller cannot see, and 422 for a malformed id', async () => {
    for (const hidden of [ids.aboutTeammate, ids.inOtherRoom, '00000000-0000-4000-8000-000000000000']) {
      const response = await api.get(`/me/memories/${hidden}`, { key: key() });
      expectRestError(response, 404, 'not_found');
      expectVendorBody('getUserMemory', response);
    }
    expectRestError(await api.get('/me/memories/x', { key: key() }), 422, 'validation_error');
  });
});

describe('changing memories about the caller', () => {
  async function fresh(content: string) {
    return (await storeMemory(api, org.agent.apiKey, { content, subject_id: org.owner.user.id })).id;
  }
  const act = (action: string, id: string) =>
    api.post<{ data: MemoryBody }>(`/me/memories/${id}/${action}`, { key: key() });

  it('archives and restores, and restores only from archived', async () => {
    const id = await fresh('archive and back');
    const notArchived = await act('restore', id);
    expectRestError(notArchived, 422, 'validation_error');
    expectVendorBody('restoreUserMemory', notArchived);
    const archived = await act('archive', id);
    expectVendorShape('archiveUserMemory', archived);
    expect(archived.body.data.status).toBe('archived');
    expect(await names('?status=archived')).toContain(id);
    const restored = await act('restore', id);
    expectVendorShape('restoreUserMemory', restored);
    expect(restored.body.data.status).toBe('active');
  });

  it('supersedes for good: no restore, no archive afterwards', async () => {
    const id = await fresh('supersede me');
    const superseded = await act('supersede', id);
    expectVendorShape('supersedeUserMemory', superseded);
    expect(superseded.body.data.status).toBe('superseded');
    expectRestError(await act('restore', id), 422, 'validation_error');
    expectRestError(await act('archive', id), 422, 'validation_error');
    expect((await act('supersede', id)).status).toBe(200);
  });

  it('deletes with 204 and no body; the memory is gone', async () => {
    const id = await fresh('forget me');
    const response = await api.delete(`/me/memories/${id}`, { key: key() });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expectRestError(await api.get(`/me/memories/${id}`, { key: key() }), 404, 'not_found');
    expectRestError(await api.delete(`/me/memories/${id}`, { key: key() }), 404, 'not_found');
  });

  it('refuses memories the caller sees but that are not about them (403)', async () => {
    for (const visible of [ids.orgWide, ids.inMyRoom]) {
      for (const action of ['supersede', 'archive', 'restore']) {
        const response = await act(action, visible as string);
        expectRestError(response, 403, 'forbidden');
        expectVendorBody(`${action}UserMemory`, response);
      }
      expectRestError(await api.delete(`/me/memories/${visible}`, { key: key() }), 403, 'forbidden');
    }
    const unchanged = await api.get<{ data: MemoryBody }>(`/me/memories/${ids.orgWide}`, { key: key() });
    expect(unchanged.body.data.status).toBe('active');
  });

  it('answers 404 for memories the caller cannot see', async () => {
    for (const hidden of [ids.aboutTeammate, ids.inOtherRoom]) {
      for (const action of ['supersede', 'archive', 'restore']) {
        expectRestError(await act(action, hidden as string), 404, 'not_found');
      }
      expectRestError(await api.delete(`/me/memories/${hidden}`, { key: key() }), 404, 'not_found');
    }
  });

  it('lets the subject change a memory stored by any agent', async () => {
    const id = (await storeMemory(api, org.otherAgent.apiKey, { content: 'by B', subject_id: org.owner.user.id })).id;
    expect((await act('archive', id)).body.data.status).toBe('archived');
  });
});
