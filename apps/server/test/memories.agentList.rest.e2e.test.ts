import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { restClient } from './harness/http.js';
import { expectVendorBody, type MemoryList, makeMemoryOrg, storeMemory } from './harness/memoryFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
let api: ReturnType<typeof restClient>;
let org: Awaited<ReturnType<typeof makeMemoryOrg>>;
/** Contents of the stored memories by name, so expectations read as names. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
  org = await makeMemoryOrg(ts.server.deps);
  const owner = org.owner.user.id;
  const teammate = org.teammate.user.id;
  const specs: [string, Record<string, unknown>][] = [
    ['tea', { content: 'Likes green TEA', subject_id: owner }],
    ['logo', { content: 'saw a logo', system: 'sensory', type: 'iconic', segment: 'tool', subject_id: owner }],
    [
      'monday',
      { content: 'met on Monday', system: 'working', type: 'episodic', segment: 'agent', subject_id: teammate },
    ],
    [
      'greet',
      { content: 'Always greet 100% politely_', type: 'procedural', segment: 'guideline', scope: 'organization' },
    ],
    ['orgAboutOwner', { content: 'owner runs the org', scope: 'organization', subject_id: owner }],
    ['old', { content: 'used to like coffee', subject_id: owner }],
    ['shelved', { content: 'shelved fact', subject_id: owner }],
  ];
  for (const [name, memory] of specs) ids[name] = (await storeMemory(api, org.agent.apiKey, memory)).id;
  await api.post(`/agent/memories/${ids.old}/supersede`, { key: org.agent.apiKey });
  await api.post(`/agent/memories/${ids.shelved}/archive`, { key: org.agent.apiKey });
});
afterAll(async () => ts?.close());

async function list(query: string, key = org.agent.apiKey) {
  const response = await api.get<MemoryList>(`/agent/memories${query}`, { key });
  expectVendorBody('listAgentMemories', response);
  return response;
}

/** The names of the listed memories, in the order listed. */
async function names(query: string) {
  const response = await list(query);
  expect(response.status, response.text).toBe(200);
  const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return response.body.data.map((m) => byId[m.id] ?? m.id);
}

describe('GET /agent/memories: scopes', () => {
  it('defaults to the active memories about subject_id plus the organization ones, newest first', async () => {
    expect(await names(`?subject_id=${org.owner.user.id}`)).toEqual(['orgAboutOwner', 'greet', 'logo', 'tea']);
    expect(await names(`?scope=all&subject_id=${org.teammate.user.id}`)).toEqual(['orgAboutOwner', 'greet', 'monday']);
  });

  it('without subject_id gives the organization memories only', async () => {
    expect(await names('')).toEqual(['orgAboutOwner', 'greet']);
    expect(await names('?scope=all')).toEqual(['orgAboutOwner', 'greet']);
  });

  it('scope=subject needs subject_id and gives the subject-scoped memories about it', async () => {
    expect(await names(`?scope=subject&subject_id=${org.owner.user.id}`)).toEqual(['logo', 'tea']);
    const error = expectRestError(await list('?scope=subject'), 422, 'validation_error');
    expect(error.details).toEqual({ '/subject_id': ['is required when scope is subject'] });
  });

  it('scope=organization ignores subject_id', async () => {
    expect(await names(`?scope=organization&subject_id=${org.teammate.user.id}`)).toEqual(['orgAboutOwner', 'greet']);
  });

  it('a subject nobody wrote about gives only the organization memories', async () => {
    expect(await names(`?subject_id=${org.otherAgent.id}`)).toEqual(['orgAboutOwner', 'greet']);
    expect(await names('?scope=subject&subject_id=00000000-0000-4000-8000-000000000000')).toEqual([]);
  });
});

describe('GET /agent/memories: filters', () => {
  const owner = () => org.owner.user.id;

  it('filters by status, default active, all for every status', async () => {
    expect(await names(`?scope=subject&subject_id=${owner()}&status=superseded`)).toEqual(['old']);
    expect(await names(`?scope=subject&subject_id=${owner()}&status=archived`)).toEqual(['shelved']);
    expect(await names(`?scope=subject&subject_id=${owner()}&status=all`)).toEqual(['shelved', 'old', 'logo', 'tea']);
  });

  it('filters by system, type and segment', async () => {
    expect(await names(`?subject_id=${owner()}&system=sensory`)).toEqual(['logo']);
    expect(await names(`?subject_id=${owner()}&type=procedural`)).toEqual(['greet']);
    expect(await names(`?subject_id=${owner()}&segment=guideline`)).toEqual(['greet']);
    expect(await names(`?subject_id=${owner()}&system=working&type=semantic`)).toEqual([]);
  });

  it('content_query is a case-insensitive substring, wildcards taken literally', async () => {
    expect(await names(`?subject_id=${owner()}&content_query=tea`)).toEqual(['tea']);
    expect(await names(`?subject_id=${owner()}&content_query=GREEN%20tea`)).toEqual(['tea']);
    expect(await names(`?subject_id=${owner()}&content_query=100%25`)).toEqual(['greet']);
    expect(await names(`?subject_id=${owner()}&content_query=_`)).toEqual(['greet']);
    expect(await names(`?subject_id=${owner()}&content_query=%25`)).toEqual(['greet']);
    expect(await names(`?subject_id=${owner()}&content_query=`)).toEqual(['orgAboutOwner', 'greet', 'logo', 'tea']);
  });

  it('refuses bad filter values with 422 and unknown parameters with 400', async () => {
    for (const query of [
      '?system=short_term',
      '?type=visual',
      '?segment=world',
      '?status=deleted',
      '?scope=room',
      '?subject_id=not-a-uuid',
      `?content_query=${'x'.repeat(501)}`,
      '?content_query=a%00b',
    ]) {
      expectRestError(await list(query), 422, 'validation_error');
    }
    expectRestError(await list('?chat_room_id=00000000-0000-4000-8000-000000000000'), 400, 'unknown_property');
  });
});

describe('GET /agent/memories: pagination', () => {
  const everything = () => `?scope=all&subject_id=${org.owner.user.id}&status=all`;

  it('pages by page/page_size with counts, under both metadata and meta', async () => {
    const first = await list(`${everything()}&page=1&page_size=4`);
    expect(first.body.data).toHaveLength(4);
    expect(first.body.metadata).toMatchObject({
      page: 1,
      page_size: 4,
      total_count: 6,
      total_pages: 2,
      has_more: true,
      limit: 4,
    });
    expect(first.body.meta).toEqual(first.body.metadata);
    const second = await list(`${everything()}&page=2&page_size=4`);
    expect(second.body.data).toHaveLength(2);
    expect(second.body.metadata).toMatchObject({ page: 2, has_more: false, next_cursor: null });
    const ids = [...first.body.data, ...second.body.data].map((m) => m.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('defaults to page 1 of 20', async () => {
    const response = await list('');
    expect(response.body.metadata).toMatchObject({ page: 1, page_size: 20, total_count: 2, total_pages: 1 });
  });

  it('walks by cursor without repeats or gaps, and the cursor path does not count', async () => {
    const all = (await list(`${everything()}&page_size=50`)).body.data.map((m) => m.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(
        `${everything()}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.metadata).not.toHaveProperty('total_count');
      expect(page.body.meta).toEqual(page.body.metadata);
      walked.push(...page.body.data.map((m) => m.id));
      cursor = page.body.metadata.next_cursor as string | null;
      expect(page.body.metadata.has_more).toBe(cursor !== null);
    } while (cursor);
    expect(walked).toEqual(all);
  });

  it('switches from an offset page to the cursor', async () => {
    const first = await list(`${everything()}&page=1&page_size=4`);
    const rest = await list(`${everything()}&limit=50&cursor=${first.body.metadata.next_cursor}`);
    expect(rest.body.data).toHaveLength(2);
  });

  it('caps page_size at 50 and limit at 100; refuses mixed styles and bad cursors', async () => {
    expectRestError(await list('?page_size=51'), 422, 'validation_error');
    expect((await list('?page_size=50')).status).toBe(200);
    expectRestError(await list('?limit=101'), 422, 'validation_error');
    expect((await list('?limit=100')).status).toBe(200);
    expectRestError(await list('?page=0'), 422, 'validation_error');
    const far = await list(`?page=${Number.MAX_SAFE_INTEGER}&page_size=50`);
    expect(far.status, far.text).toBe(200);
    expect(far.body.data).toEqual([]);
    expectRestError(await list('?page=1&limit=5'), 422, 'validation_error');
    expectRestError(await list('?cursor=garbage'), 422, 'validation_error');
    const uuid = '00000000-0000-4000-8000-000000000000';
    for (const [value, id] of [
      ['yesterday', uuid],
      ['2025-02-30T00:00:00.000000Z', uuid],
      ['0000-01-01T00:00:00.000000Z', uuid],
      ['2025-01-01T00:00:00.000000Z', '-'.repeat(36)],
    ]) {
      const forged = Buffer.from(JSON.stringify(['inserted_at', 'desc', value, id])).toString('base64url');
      expectRestError(await list(`?cursor=${forged}`), 422, 'validation_error');
    }
    const otherSort = Buffer.from(JSON.stringify(['name', 'asc', 'x', uuid])).toString('base64url');
    expectRestError(await list(`?cursor=${otherSort}`), 422, 'validation_error');
  });
});
