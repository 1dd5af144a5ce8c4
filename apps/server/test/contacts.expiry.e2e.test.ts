import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContactError, expectContactOk } from './harness/contactAssertions.js';
import {
  agentParty,
  contactHandles,
  expireRequest,
  type Party,
  sendRequest,
  userParty,
} from './harness/contactFixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/**
 * Expiry of pending requests (30 days; moved into the past through Kysely here) and the races a
 * busy server sees: concurrent approvals and concurrent sends between one pair.
 */

let ts: TestServer;
const api = restClient(() => ts.url);
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => ts?.close());

const user = () => userParty(ts.server.deps);
const agent = async () => agentParty(api, await user());
const approve = (who: Party, id: string) => api.post(`/me/contacts/requests/${id}/approve`, { key: who.key });
const storedStatus = async (id: string) =>
  (
    await ts.server.deps.db
      .selectFrom('contact_requests')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

describe('expiry', () => {
  it('expires a new request 30 days after it was sent', async () => {
    const alice = await user();
    const bob = await user();
    const created = await api.post<{ data: { inserted_at: string; expires_at: string } }>('/me/contacts/requests', {
      key: alice.key,
      body: { contact_request: { recipient_handle: bob.handle } },
    });
    const data = expectContactOk<{ inserted_at: string; expires_at: string }>('createContactRequest', created, 201);
    const days = (Date.parse(data.expires_at) - Date.parse(data.inserted_at)) / 86_400_000;
    expect(days).toBe(30);
  });

  it('shows an expired request as expired to the requester and drops it from the recipient’s inbox', async () => {
    const alice = await user();
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    await expireRequest(ts.server.deps, id);
    const sent = expectContactOk<{ id: string; status: string }[]>(
      'listSentContactRequests',
      await api.get('/me/contacts/requests/sent', { key: alice.key }),
    );
    expect(sent).toEqual([expect.objectContaining({ id, status: 'expired' })]);
    const expired = await api.get<{ data: { id: string }[] }>('/me/contacts/requests/sent?status=expired', {
      key: alice.key,
    });
    expect(expectContactOk<{ id: string }[]>('listSentContactRequests', expired).map((r) => r.id)).toEqual([id]);
    const pending = await api.get('/me/contacts/requests/sent?status=pending', { key: alice.key });
    expect(expectContactOk('listSentContactRequests', pending)).toEqual([]);
    expect(
      expectContactOk('listReceivedContactRequests', await api.get('/me/contacts/requests', { key: bob.key })),
    ).toEqual([]);
  });

  it('answers 409 to approving, rejecting or cancelling an expired request', async () => {
    const alice = await user();
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    await expireRequest(ts.server.deps, id);
    const error = expectContactError('approveContactRequest', await approve(bob, id), 409, 'conflict');
    expect(error.details).toEqual({ status: 'expired' });
    expectContactError(
      'rejectContactRequest',
      await api.post(`/me/contacts/requests/${id}/reject`, { key: bob.key }),
      409,
      'conflict',
    );
    expectContactError(
      'cancelContactRequest',
      await api.delete(`/me/contacts/requests/${id}`, { key: alice.key }),
      409,
      'conflict',
    );
    expect(await contactHandles(api, bob)).toEqual([]);
  });

  it('lets either side send a fresh request after expiry (no auto-approve of the stale one)', async () => {
    const alice = await user();
    const bob = await user();
    const stale = await sendRequest(api, alice, bob);
    await expireRequest(ts.server.deps, stale);
    const fresh = await api.post<{ data: { id: string; status: string } }>('/me/contacts/requests', {
      key: bob.key,
      body: { contact_request: { recipient_handle: alice.handle } },
    });
    expect(expectContactOk('createContactRequest', fresh, 201)).toMatchObject({
      status: 'pending',
      requester_id: bob.id,
    });
    expect(await storedStatus(stale)).toBe('expired');
    expect(await contactHandles(api, alice)).toEqual([]);
  });

  it('on the Agent API: gone from received, hidden from sent_status=all, listed under sent_status=expired', async () => {
    const a = await agent();
    const b = await agent();
    const id = await sendRequest(api, a, b);
    await expireRequest(ts.server.deps, id);
    const list = async (who: Party, query = '') => {
      const response = await api.get<{ data: { received: { id: string }[]; sent: { id: string; status: string }[] } }>(
        `/agent/contacts/requests${query}`,
        { key: who.key },
      );
      return expectContactOk<{ received: { id: string }[]; sent: { id: string; status: string }[] }>(
        'listAgentContactRequests',
        response,
      );
    };
    expect((await list(b)).received).toEqual([]);
    expect((await list(a)).sent).toEqual([]);
    expect((await list(a, '?sent_status=all')).sent).toEqual([]);
    const expired = await api.get<{ data: { sent: { id: string; status: string }[] } }>(
      '/agent/contacts/requests?sent_status=expired',
      {
        key: a.key,
      },
    );
    // Not validated against the vendor schema on purpose: `expired` is a Parley extension that the
    // vendor's agent-side enum lacks, which is why it appears only when asked for explicitly.
    expect(expired.status).toBe(200);
    expect(expired.body.data.sent).toEqual([expect.objectContaining({ id, status: 'expired' })]);
    const respond = (who: Party, body: unknown) => api.post('/agent/contacts/requests/respond', { key: who.key, body });
    expectContactError(
      'respondToAgentContactRequest',
      await respond(b, { action: 'approve', request_id: id }),
      409,
      'conflict',
    );
    expectContactError(
      'respondToAgentContactRequest',
      await respond(b, { action: 'approve', handle: a.handle }),
      404,
      'not_found',
    );
  });
});

describe('concurrency', () => {
  it('lets exactly one of two simultaneous approvals win; the other gets 409 and no duplicate rows', async () => {
    const alice = await user();
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    const results = await Promise.all([approve(bob, id), approve(bob, id), approve(bob, id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    for (const r of results) {
      if (r.status === 200) expectContactOk('approveContactRequest', r);
      else expectContactError('approveContactRequest', r, 409, 'conflict');
    }
    const rows = await ts.server.deps.db
      .selectFrom('contacts')
      .select(['owner_id', 'contact_id'])
      .where('owner_id', 'in', [alice.id, bob.id])
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('turns two simultaneous requests between one pair into one approved pair', async () => {
    const alice = await user();
    const bob = await user();
    const send = (from: Party, to: Party) =>
      api.post<{ data: { status: string } }>('/me/contacts/requests', {
        key: from.key,
        body: { contact_request: { recipient_handle: to.handle } },
      });
    const results = await Promise.all([send(alice, bob), send(bob, alice)]);
    for (const r of results) expectContactOk('createContactRequest', r, 201);
    expect(results.map((r) => r.body.data.status).sort()).toEqual(['approved', 'pending']);
    expect(await contactHandles(api, alice)).toEqual([bob.handle]);
    expect(await contactHandles(api, bob)).toEqual([alice.handle]);
  });

  it('creates one request out of duplicate simultaneous sends; the rest get 409', async () => {
    const alice = await user();
    const bob = await user();
    const send = () =>
      api.post('/me/contacts/requests', {
        key: alice.key,
        body: { contact_request: { recipient_handle: bob.handle } },
      });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results) if (r.status === 409) expectContactError('createContactRequest', r, 409, 'conflict');
    const rows = await ts.server.deps.db
      .selectFrom('contact_requests')
      .select('id')
      .where('requester_id', '=', alice.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
