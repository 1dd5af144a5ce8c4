import { RotateMyAgentKeyOutput } from '@parley/contracts/human/rotateMyAgentKey';
import { setOrganizationLimits } from '@parley/core/organizations/setOrganizationLimits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { makeContacts, makeDelivery, makeMemory, makeMessage, makeRoom } from './harness/peerFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectVendorShape } from './harness/vendorContract.js';

let ts: TestServer;
let api: ReturnType<typeof restClient>;
beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
});
afterAll(async () => ts?.close());

interface Registered {
  data: { agent: { id: string; handle: string; name: string }; credentials: { api_key: string } };
}
interface Deleted {
  data: { id: string; name: string; description: string | null; executions_deleted: number };
}

async function registerAgent(key: string, name = 'Helper Bot', description = 'helps') {
  const response = await api.post<Registered>('/me/agents/register', { key, body: { agent: { name, description } } });
  expect(response.status, response.text).toBe(201);
  return { id: response.body.data.agent.id, key: response.body.data.credentials.api_key };
}

async function agentsUsed(organizationId: string) {
  const row = await ts.server.deps.db
    .selectFrom('quota_usage')
    .select('used')
    .where('scope_id', '=', organizationId)
    .where('resource', '=', 'agents')
    .executeTakeFirst();
  return row?.used ?? 0;
}

describe('DELETE /me/agents/{id}', () => {
  it('deletes an agent without history, revokes its key at once and frees its quota unit', async () => {
    const owner = await makeUser(ts.server.deps);
    const agent = await registerAgent(owner.apiKey, 'Short Lived', 'gone soon');
    expect((await api.get('/agent/me', { key: agent.key })).status).toBe(200);
    expect(await agentsUsed(owner.organization.id)).toBe(1);

    const response = await api.delete<Deleted>(`/me/agents/${agent.id}`, { key: owner.apiKey });
    expectVendorShape('deleteMyAgent', response);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      id: agent.id,
      name: 'Short Lived',
      description: 'gone soon',
      executions_deleted: 0,
    });

    expectRestError(await api.get('/agent/me', { key: agent.key }), 401, 'unauthorized');
    const listed = await api.get<{ data: unknown[] }>('/me/agents', { key: owner.apiKey });
    expect(listed.body.data).toEqual([]);
    expect(await agentsUsed(owner.organization.id)).toBe(0);
    expectRestError(await api.delete(`/me/agents/${agent.id}`, { key: owner.apiKey }), 404, 'not_found');
  });

  it('refuses an agent with history unless force=true, and says what the history is', async () => {
    const owner = await makeUser(ts.server.deps);
    const db = ts.server.deps.db;
    const agent = await registerAgent(owner.apiKey, 'Busy Bot');
    const user = { id: owner.user.id, kind: 'User' as const };
    const agentRef = { id: agent.id, kind: 'Agent' as const };
    const room = await makeRoom(db, owner.organization.id, [user, agentRef]);
    const sent = await makeMessage(db, room, agentRef, 'I did a thing');
    await makeDelivery(db, room, user, agent.id, 2);
    await makeDelivery(db, room, user, agent.id, 1);

    for (const query of ['', '?force=false']) {
      const refused = await api.delete(`/me/agents/${agent.id}${query}`, { key: owner.apiKey });
      const error = expectRestError(refused, 422, 'validation_error');
      expectVendorShape('deleteMyAgent', refused);
      expect(error.message).toMatch(/1 message sent, 2 deliveries, 3 executions, 0 memories.*force=true/);
      expect(Object.keys(error.details ?? {})).toEqual(['/force']);
    }
    // Refused means untouched: the key still works and the quota unit is still held.
    expect((await api.get('/agent/me', { key: agent.key })).status).toBe(200);
    expect(await agentsUsed(owner.organization.id)).toBe(1);

    const forced = await api.delete<Deleted>(`/me/agents/${agent.id}?force=true`, { key: owner.apiKey });
    expectVendorShape('deleteMyAgent', forced);
    expect(forced.status).toBe(200);
    expect(forced.body.data.executions_deleted).toBe(3);
    expectRestError(await api.get('/agent/me', { key: agent.key }), 401, 'unauthorized');

    const deliveries = await db.selectFrom('message_deliveries').selectAll().where('agent_id', '=', agent.id).execute();
    expect(deliveries).toEqual([]);
    const attempts = await db.selectFrom('delivery_attempts').selectAll().where('agent_id', '=', agent.id).execute();
    expect(attempts).toEqual([]);
    // The room keeps the conversation: the agent's message stays, without a sender id.
    const message = await db.selectFrom('messages').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(message).toMatchObject({ sender_id: null, sender_type: 'Agent', content: 'I did a thing' });
  });

  it('counts each kind of history on its own: a delivery, or a memory', async () => {
    const owner = await makeUser(ts.server.deps);
    const db = ts.server.deps.db;
    const user = { id: owner.user.id, kind: 'User' as const };

    const delivered = await registerAgent(owner.apiKey, 'Delivered To');
    const room = await makeRoom(db, owner.organization.id, [user, { id: delivered.id, kind: 'Agent' }]);
    await makeDelivery(db, room, user, delivered.id);
    const error = expectRestError(
      await api.delete(`/me/agents/${delivered.id}`, { key: owner.apiKey }),
      422,
      'validation_error',
    );
    expect(error.message).toContain('1 delivery, 0 executions');

    const remembering = await registerAgent(owner.apiKey, 'Remembering');
    await makeMemory(db, owner.organization.id, remembering.id);
    const memoryError = expectRestError(
      await api.delete(`/me/agents/${remembering.id}`, { key: owner.apiKey }),
      422,
      'validation_error',
    );
    expect(memoryError.message).toContain('1 memory');
    const forced = await api.delete<Deleted>(`/me/agents/${remembering.id}?force=true`, { key: owner.apiKey });
    expect(forced.status).toBe(200);
    expect(forced.body.data.executions_deleted).toBe(0);
  });

  it('takes the agent out of its rooms, frees its seats, and deletes its memories and contacts', async () => {
    const owner = await makeUser(ts.server.deps);
    const db = ts.server.deps.db;
    const doomed = await registerAgent(owner.apiKey, 'Doomed');
    const survivor = await registerAgent(owner.apiKey, 'Survivor');
    const user = { id: owner.user.id, kind: 'User' as const };
    const doomedRef = { id: doomed.id, kind: 'Agent' as const };
    const survivorRef = { id: survivor.id, kind: 'Agent' as const };
    const roomA = await makeRoom(db, owner.organization.id, [user, doomedRef, survivorRef]);
    const roomB = await makeRoom(db, owner.organization.id, [doomedRef, user]);
    const written = await makeMemory(db, owner.organization.id, doomed.id, owner.user.id);
    const about = await makeMemory(db, owner.organization.id, survivor.id, doomed.id);
    const kept = await makeMemory(db, owner.organization.id, survivor.id, owner.user.id);
    await makeContacts(db, owner.user.id, doomed.id);

    const response = await api.delete<Deleted>(`/me/agents/${doomed.id}?force=true`, { key: owner.apiKey });
    expectVendorShape('deleteMyAgent', response);
    expect(response.status).toBe(200);

    const memberships = await db
      .selectFrom('chat_participants')
      .select(['chat_room_id', 'participant_id'])
      .where('chat_room_id', 'in', [roomA, roomB])
      .execute();
    expect(memberships).toHaveLength(3);
    expect(memberships.some((m) => m.participant_id === doomed.id)).toBe(false);
    const seats = await db
      .selectFrom('quota_usage')
      .select(['scope_id', 'used'])
      .where('resource', '=', 'participants')
      .where('scope_id', 'in', [roomA, roomB])
      .execute();
    expect(Object.fromEntries(seats.map((s) => [s.scope_id, s.used]))).toEqual({ [roomA]: 2, [roomB]: 1 });

    const memories = await db
      .selectFrom('memories')
      .select('id')
      .where('organization_id', '=', owner.organization.id)
      .execute();
    expect(memories.map((m) => m.id)).toEqual([kept.id]);
    expect(memories.map((m) => m.id)).not.toContain(written.id);
    expect(memories.map((m) => m.id)).not.toContain(about.id);
    const contacts = await db
      .selectFrom('contacts')
      .selectAll()
      .where((eb) => eb.or([eb('contact_id', '=', doomed.id), eb('owner_id', '=', doomed.id)]))
      .execute();
    expect(contacts).toEqual([]);
    expect((await api.get('/agent/me', { key: survivor.key })).status).toBe(200);
  });

  it('hands the rooms it solely owned to its owner user, else to an admin, else the oldest member', async () => {
    const owner = await makeUser(ts.server.deps);
    const colleague = await makeUser(ts.server.deps, { org: owner.organization.slug });
    const db = ts.server.deps.db;
    const founder = await registerAgent(owner.apiKey, 'Founder');
    const helper = await registerAgent(owner.apiKey, 'Helper');
    const ownerRef = { id: owner.user.id, kind: 'User' as const };
    const colleagueRef = { id: colleague.user.id, kind: 'User' as const };
    const founderRef = { id: founder.id, kind: 'Agent' as const };
    const helperRef = { id: helper.id, kind: 'Agent' as const };
    // makeRoom: the first participant is the owner, the rest join as members in order.
    const withOwnerUser = await makeRoom(db, owner.organization.id, [founderRef, colleagueRef, ownerRef]);
    const withAdmin = await makeRoom(db, owner.organization.id, [founderRef, colleagueRef, helperRef]);
    await db
      .updateTable('chat_participants')
      .set({ role: 'admin' })
      .where('chat_room_id', '=', withAdmin)
      .where('participant_id', '=', helper.id)
      .execute();
    const membersOnly = await makeRoom(db, owner.organization.id, [founderRef, colleagueRef, helperRef]);
    const coOwned = await makeRoom(db, owner.organization.id, [colleagueRef, founderRef]);
    await db
      .updateTable('chat_participants')
      .set({ role: 'owner' })
      .where('chat_room_id', '=', coOwned)
      .where('participant_id', '=', founder.id)
      .execute();
    const alone = await makeRoom(db, owner.organization.id, [founderRef]);

    expect((await api.delete(`/me/agents/${founder.id}`, { key: owner.apiKey })).status).toBe(200);

    const owners = await db
      .selectFrom('chat_participants')
      .select(['chat_room_id', 'participant_id'])
      .where('role', '=', 'owner')
      .where('chat_room_id', 'in', [withOwnerUser, withAdmin, membersOnly, coOwned, alone])
      .orderBy('chat_room_id')
      .execute();
    const ownersOf = (room: string) => owners.filter((o) => o.chat_room_id === room).map((o) => o.participant_id);
    expect(ownersOf(withOwnerUser)).toEqual([owner.user.id]);
    expect(ownersOf(withAdmin)).toEqual([helper.id]);
    expect(ownersOf(membersOnly)).toEqual([colleague.user.id]);
    expect(ownersOf(coOwned)).toEqual([colleague.user.id]);
    expect(ownersOf(alone)).toEqual([]);
    const remaining = await db
      .selectFrom('chat_participants')
      .select('participant_id')
      .where('chat_room_id', '=', alone)
      .execute();
    expect(remaining).toEqual([]);
  });

  it('answers 404 for another user’s agent and an unknown id, and leaves the agent alone', async () => {
    const owner = await makeUser(ts.server.deps);
    const stranger = await makeUser(ts.server.deps, { org: owner.organization.slug });
    const agent = await registerAgent(owner.apiKey);
    const foreign = await api.delete(`/me/agents/${agent.id}?force=true`, { key: stranger.apiKey });
    expectRestError(foreign, 404, 'not_found');
    expectVendorShape('deleteMyAgent', foreign);
    const unknown = await api.delete('/me/agents/00000000-0000-4000-8000-000000000000', { key: owner.apiKey });
    expectRestError(unknown, 404, 'not_found');
    expect((await api.get('/agent/me', { key: agent.key })).status).toBe(200);
  });

  it('refuses an agent key (403), bad ids and bad flags', async () => {
    const owner = await makeUser(ts.server.deps);
    const agent = await registerAgent(owner.apiKey);
    const forbidden = await api.delete(`/me/agents/${agent.id}`, { key: agent.key });
    expectRestError(forbidden, 403, 'forbidden');
    expectVendorShape('deleteMyAgent', forbidden);
    expectRestError(await api.delete(`/me/agents/${agent.id}`), 401, 'unauthorized');
    const badId = await api.delete('/me/agents/not-a-uuid', { key: owner.apiKey });
    expectRestError(badId, 422, 'validation_error');
    expectVendorShape('deleteMyAgent', badId);
    expectRestError(
      await api.delete(`/me/agents/${agent.id}?force=yes`, { key: owner.apiKey }),
      422,
      'validation_error',
    );
    expectRestError(await api.delete(`/me/agents/${agent.id}?purge=1`, { key: owner.apiKey }), 400, 'unknown_property');
    expect((await api.get('/agent/me', { key: agent.key })).status).toBe(200);
  });

  it('deletes once when two deletions race', async () => {
    const owner = await makeUser(ts.server.deps);
    const agent = await registerAgent(owner.apiKey);
    const [a, b] = await Promise.all([
      api.delete(`/me/agents/${agent.id}`, { key: owner.apiKey }),
      api.delete(`/me/agents/${agent.id}`, { key: owner.apiKey }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 404]);
    expect(await agentsUsed(owner.organization.id)).toBe(0);
  });
});

describe('POST /me/agents/{id}/rotate-key (Parley extension)', () => {
  it('issues a working key and revokes the old one in the same step', async () => {
    const owner = await makeUser(ts.server.deps);
    const agent = await registerAgent(owner.apiKey, 'Rotating');
    const response = await api.post(`/me/agents/${agent.id}/rotate-key`, { key: owner.apiKey });
    expect(response.status, response.text).toBe(200);
    const body = RotateMyAgentKeyOutput.parse(response.body);
    expect(body.data.agent).toMatchObject({ id: agent.id, name: 'Rotating', owner_id: owner.user.id });
    expect(body.data.agent.handle).toBe(`${owner.user.handle}/rotating`);
    const fresh = body.data.credentials.api_key;
    expect(fresh).toMatch(/^thnv_a_\d+_[A-Za-z0-9]{32}$/);
    expect(fresh).not.toBe(agent.key);

    expectRestError(await api.get('/agent/me', { key: agent.key }), 401, 'unauthorized');
    const me = await api.get('/agent/me', { key: fresh });
    expectVendorShape('getAgentMe', me);
    expect(me.body).toMatchObject({ data: { id: agent.id } });

    // A second rotation retires the key the first one issued.
    const again = await api.post(`/me/agents/${agent.id}/rotate-key`, { key: owner.apiKey, body: {} });
    expect(again.status).toBe(200);
    const newest = RotateMyAgentKeyOutput.parse(again.body).data.credentials.api_key;
    expectRestError(await api.get('/agent/me', { key: fresh }), 401, 'unauthorized');
    expect((await api.get('/agent/me', { key: newest })).status).toBe(200);
  });

  it('answers 404 for a foreign or unknown agent, 403 for an agent key, and refuses a body', async () => {
    const owner = await makeUser(ts.server.deps);
    const stranger = await makeUser(ts.server.deps);
    const agent = await registerAgent(owner.apiKey);
    expectRestError(await api.post(`/me/agents/${agent.id}/rotate-key`, { key: stranger.apiKey }), 404, 'not_found');
    expectRestError(
      await api.post('/me/agents/00000000-0000-4000-8000-000000000000/rotate-key', { key: owner.apiKey }),
      404,
      'not_found',
    );
    expectRestError(await api.post(`/me/agents/${agent.id}/rotate-key`, { key: agent.key }), 403, 'forbidden');
    expectRestError(
      await api.post(`/me/agents/${agent.id}/rotate-key`, { key: owner.apiKey, body: { api_key: 'mine' } }),
      400,
      'unknown_property',
    );
    expect((await api.get('/agent/me', { key: agent.key })).status).toBe(200);
  });

  it('is documented in our OpenAPI document as a Parley extension', async () => {
    const response = await fetch(`${ts.url}/api/v1/openapi.json`);
    const doc = (await response.json()) as {
      paths: Record<string, Record<string, { operationId: string; description: string; responses: object }>>;
    };
    const rotate = doc.paths['/me/agents/{id}/rotate-key']?.post;
    expect(rotate?.operationId).toBe('rotateMyAgentKey');
    expect(rotate?.description).toMatch(/Parley extension/);
    expect(Object.keys(rotate?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '403', '404']));
    const del = doc.paths['/me/agents/{id}']?.delete;
    expect(del?.operationId).toBe('deleteMyAgent');
    expect(Object.keys(del?.responses ?? {})).toEqual(expect.arrayContaining(['200', '403', '404', '422']));
  });
});

describe('agent quota under concurrency', () => {
  it('accepts exactly the limit out of 20 concurrent registrations, and a deletion frees a slot', async () => {
    const owner = await makeUser(ts.server.deps);
    await setOrganizationLimits(ts.server.deps, { org: owner.organization.slug, limits: { agents: 5 } });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.post<Registered>('/me/agents/register', {
          key: owner.apiKey,
          body: { agent: { name: `Racer ${i}`, description: 'races' } },
        }),
      ),
    );
    const accepted = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const response of refused) {
      const error = expectRestError(response, 403, 'limit_reached');
      expectVendorShape('registerMyAgent', response);
      expect(error.details).toMatchObject({ resource: 'agents', limit: 5, current: 5 });
    }
    const listed = await api.get<{ metadata: { total_count: number } }>('/me/agents', { key: owner.apiKey });
    expect(listed.body.metadata.total_count).toBe(5);
    expect(await agentsUsed(owner.organization.id)).toBe(5);

    const victim = accepted[0]?.body.data.agent.id;
    expect((await api.delete(`/me/agents/${victim}`, { key: owner.apiKey })).status).toBe(200);
    expect(await agentsUsed(owner.organization.id)).toBe(4);
    await registerAgent(owner.apiKey, 'Late Comer');
    expectRestError(
      await api.post('/me/agents/register', {
        key: owner.apiKey,
        body: { agent: { name: 'One Too Many', description: '' } },
      }),
      403,
      'limit_reached',
    );
  });
});
