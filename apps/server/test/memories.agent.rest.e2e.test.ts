import { memorySystems, memoryTypes, memoryTypesBySystem } from '@parley/contracts/objects/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { restClient } from './harness/http.js';
import { expectVendorBody, type MemoryBody, makeMemoryOrg, storeMemory } from './harness/memoryFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectVendorShape } from './harness/vendorContract.js';

let ts: TestServer;
let api: ReturnType<typeof restClient>;
let org: Awaited<ReturnType<typeof makeMemoryOrg>>;
beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
  org = await makeMemoryOrg(ts.server.deps);
});
afterAll(async () => ts?.close());

const base = { content: 'Prefers tea', segment: 'user', thought: 'asked twice' };

async function create(memory: Record<string, unknown>, key = org.agent.apiKey) {
  const response = await api.post<{ data: MemoryBody }>('/agent/memories', { key, body: { memory } });
  expectVendorBody('createAgentMemory', response);
  return response;
}

describe('POST /agent/memories', () => {
  it('accepts exactly the types of each system and refuses every other pairing with 422 at /memory/type', async () => {
    for (const system of memorySystems) {
      for (const type of memoryTypes) {
        const response = await create({ ...base, system, type, subject_id: org.owner.user.id });
        if (memoryTypesBySystem[system].includes(type)) {
          expect(response.status, `${system}/${type}: ${response.text}`).toBe(201);
          expect(response.body.data).toMatchObject({ system, type, status: 'active', scope: 'subject' });
        } else {
          const error = expectRestError(response, 422, 'validation_error');
          expect(Object.keys(error.details ?? {}), `${system}/${type}`).toEqual(['/memory/type']);
        }
      }
    }
  });

  it('returns the stored memory with its origin and metadata', async () => {
    const response = await create({
      ...base,
      system: 'sensory',
      type: 'echoic',
      subject_id: org.teammate.user.id,
      metadata: { tags: ['drinks'] },
    });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({
      content: 'Prefers tea',
      thought: 'asked twice',
      segment: 'user',
      subject_id: org.teammate.user.id,
      source_agent_id: org.agent.id,
      organization_id: org.organizationId,
      metadata: { tags: ['drinks'], references: [] },
    });
    expect(response.body.data.inserted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });

  it('requires thought, content, system, type and segment, and refuses blanks and NUL', async () => {
    const missing = await create({ subject_id: org.owner.user.id });
    const error = expectRestError(missing, 422, 'validation_error');
    expect(Object.keys(error.details ?? {}).sort()).toEqual([
      '/memory/content',
      '/memory/segment',
      '/memory/system',
      '/memory/thought',
      '/memory/type',
    ]);
    const blank = await create({
      ...base,
      thought: '   ',
      system: 'working',
      type: 'episodic',
      subject_id: org.owner.user.id,
    });
    expect(Object.keys(expectRestError(blank, 422, 'validation_error').details ?? {})).toEqual(['/memory/thought']);
    const nul = await create({
      ...base,
      content: 'a\u0000b',
      system: 'working',
      type: 'episodic',
      scope: 'organization',
      metadata: { tags: ['\u0000'] },
    });
    expect(Object.keys(expectRestError(nul, 422, 'validation_error').details ?? {}).sort()).toEqual([
      '/memory/content',
      '/memory/metadata/tags/0',
    ]);
    const badEnum = await create({ ...base, system: 'short_term', type: 'episodic', subject_id: org.owner.user.id });
    expect(Object.keys(expectRestError(badEnum, 422, 'validation_error').details ?? {})).toEqual(['/memory/system']);
  });

  it('refuses unknown properties at any depth with 400', async () => {
    const top = await create({ ...base, system: 'working', type: 'episodic', subject_id: org.owner.user.id, color: 1 });
    expectRestError(top, 400, 'unknown_property');
    const deep = await create({
      ...base,
      system: 'working',
      type: 'episodic',
      subject_id: org.owner.user.id,
      metadata: { tags: [], mood: 'x' },
    });
    expect(expectRestError(deep, 400, 'unknown_property').details).toEqual({
      unknown_properties: ['/memory/metadata/mood'],
    });
    const room = await create({ ...base, system: 'working', type: 'episodic', room_id: org.room });
    expectRestError(room, 400, 'unknown_property');
  });

  describe('scope', () => {
    const memory = { ...base, system: 'long_term', type: 'procedural' };

    it('defaults to subject and then needs a subject_id', async () => {
      const response = await create(memory);
      const error = expectRestError(response, 422, 'validation_error');
      expect(error.details).toEqual({ '/memory/subject_id': ['is required when scope is subject'] });
      const explicit = await create({ ...memory, scope: 'subject', subject_id: null });
      expect(Object.keys(expectRestError(explicit, 422, 'validation_error').details ?? {})).toEqual([
        '/memory/subject_id',
      ]);
    });

    it('takes a user or an agent of the organization as subject', async () => {
      for (const subject of [org.owner.user.id, org.teammate.user.id, org.agent.id, org.otherAgent.id]) {
        const response = await create({ ...memory, subject_id: subject });
        expect(response.status, response.text).toBe(201);
        expect(response.body.data.subject_id).toBe(subject);
      }
    });

    it('refuses an unknown or malformed subject with 422', async () => {
      const unknown = await create({ ...memory, subject_id: '00000000-0000-4000-8000-000000000000' });
      expect(expectRestError(unknown, 422, 'validation_error').details).toEqual({
        '/memory/subject_id': ['is not a user or agent of your organization'],
      });
      const malformed = await create({ ...memory, subject_id: 'not-a-uuid' });
      expect(Object.keys(expectRestError(malformed, 422, 'validation_error').details ?? {})).toEqual([
        '/memory/subject_id',
      ]);
    });

    it('stores organization memories with or without a subject', async () => {
      const general = await create({ ...memory, scope: 'organization' });
      expect(general.status).toBe(201);
      expect(general.body.data).toMatchObject({ scope: 'organization', subject_id: null });
      const about = await create({ ...memory, scope: 'organization', subject_id: org.owner.user.id });
      expect(about.body.data).toMatchObject({ scope: 'organization', subject_id: org.owner.user.id });
    });

    it('reports every broken rule at once', async () => {
      const response = await create({ ...base, system: 'sensory', type: 'semantic' });
      expect(Object.keys(expectRestError(response, 422, 'validation_error').details ?? {}).sort()).toEqual([
        '/memory/subject_id',
        '/memory/type',
      ]);
    });
  });

  it('accepts references to memories of the organization only', async () => {
    const first = await storeMemory(api, org.agent.apiKey, { content: 'first', subject_id: org.owner.user.id });
    const linked = await create({
      ...base,
      system: 'working',
      type: 'semantic',
      scope: 'organization',
      metadata: { references: [first.id] },
    });
    expect(linked.status).toBe(201);
    expect(linked.body.data.metadata).toEqual({ tags: [], references: [first.id] });
    const dangling = await create({
      ...base,
      system: 'working',
      type: 'semantic',
      scope: 'organization',
      metadata: { references: [first.id, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(expectRestError(dangling, 422, 'validation_error').details).toEqual({
      '/memory/metadata/references/1': ['is not a memory of your organization'],
    });
  });

  it('is for agents only', async () => {
    const response = await api.post('/agent/memories', {
      key: org.owner.apiKey,
      body: { memory: { ...base, system: 'working', type: 'semantic', scope: 'organization' } },
    });
    expectRestError(response, 403, 'forbidden');
    expectRestError(await api.get('/agent/memories', {}), 401, 'unauthorized');
  });
});

describe('GET /agent/memories/{id}', () => {
  it('reads any memory of the organization, whatever its author', async () => {
    const stored = await storeMemory(api, org.otherAgent.apiKey, { content: 'by the other', scope: 'organization' });
    const response = await api.get<{ data: MemoryBody }>(`/agent/memories/${stored.id}`, { key: org.agent.apiKey });
    expectVendorShape('getAgentMemory', response);
    expect(response.body.data).toMatchObject({ id: stored.id, source_agent_id: org.otherAgent.id });
    expect(response.body.data).not.toHaveProperty('chat_room_id');
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    const missing = await api.get('/agent/memories/00000000-0000-4000-8000-000000000000', { key: org.agent.apiKey });
    expectRestError(missing, 404, 'not_found');
    expectVendorBody('getAgentMemory', missing);
    const malformed = await api.get('/agent/memories/123', { key: org.agent.apiKey });
    expect(Object.keys(expectRestError(malformed, 422, 'validation_error').details ?? {})).toEqual(['/id']);
  });
});

describe('supersede, its DELETE alias, and archive', () => {
  it('lets only the creating agent change a memory', async () => {
    const stored = await storeMemory(api, org.agent.apiKey, { content: 'mine', subject_id: org.owner.user.id });
    for (const [method, path] of [
      ['POST', `/agent/memories/${stored.id}/supersede`],
      ['DELETE', `/agent/memories/${stored.id}`],
      ['POST', `/agent/memories/${stored.id}/archive`],
    ] as const) {
      const response = await api.request(method, path, { key: org.otherAgent.apiKey });
      expectRestError(response, 403, 'forbidden');
      expectVendorBody(path.endsWith('archive') ? 'archiveAgentMemory' : 'supersedeAgentMemory', response);
    }
    const after = await api.get<{ data: MemoryBody }>(`/agent/memories/${stored.id}`, { key: org.agent.apiKey });
    expect(after.body.data.status).toBe('active');
  });

  it('supersedes with POST or DELETE, keeping the memory readable', async () => {
    for (const method of ['POST', 'DELETE'] as const) {
      const stored = await storeMemory(api, org.agent.apiKey, {
        content: `old ${method}`,
        subject_id: org.owner.user.id,
      });
      const path = method === 'POST' ? `/agent/memories/${stored.id}/supersede` : `/agent/memories/${stored.id}`;
      const response = await api.request<{ data: MemoryBody }>(method, path, { key: org.agent.apiKey });
      expectVendorShape('supersedeAgentMemory', response);
      expect(response.body.data).toMatchObject({ id: stored.id, status: 'superseded' });
      const again = await api.request<{ data: MemoryBody }>(method, path, { key: org.agent.apiKey });
      expect(again.status).toBe(200);
      expect(again.body.data.status).toBe('superseded');
      const read = await api.get<{ data: MemoryBody }>(`/agent/memories/${stored.id}`, { key: org.agent.apiKey });
      expect(read.body.data.status).toBe('superseded');
    }
  });

  it('archives an active memory, and refuses to archive a superseded one', async () => {
    const stored = await storeMemory(api, org.agent.apiKey, { content: 'archive me', subject_id: org.owner.user.id });
    const archived = await api.post<{ data: MemoryBody }>(`/agent/memories/${stored.id}/archive`, {
      key: org.agent.apiKey,
    });
    expectVendorShape('archiveAgentMemory', archived);
    expect(archived.body.data.status).toBe('archived');
    const superseded = await api.post<{ data: MemoryBody }>(`/agent/memories/${stored.id}/supersede`, {
      key: org.agent.apiKey,
    });
    expect(superseded.body.data.status).toBe('superseded');
    const refused = await api.post(`/agent/memories/${stored.id}/archive`, { key: org.agent.apiKey });
    expectRestError(refused, 422, 'validation_error');
    expectVendorBody('archiveAgentMemory', refused);
  });

  it('answers 404 for unknown ids and 422 for malformed ones', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectRestError(
      await api.post(`/agent/memories/${unknown}/supersede`, { key: org.agent.apiKey }),
      404,
      'not_found',
    );
    expectRestError(await api.delete(`/agent/memories/${unknown}`, { key: org.agent.apiKey }), 404, 'not_found');
    expectRestError(await api.post(`/agent/memories/${unknown}/archive`, { key: org.agent.apiKey }), 404, 'not_found');
    expectRestError(await api.delete('/agent/memories/nope', { key: org.agent.apiKey }), 422, 'validation_error');
  });
});
