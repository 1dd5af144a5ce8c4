import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentContactsApi } from './harness/contactApis.js';
import { expectContactError, expectContactOk } from './harness/contactAssertions.js';
import { agentParty, contactHandles, makeContacts, sendRequest, userParty } from './harness/contactFixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/** The Agent API's contacts, and contacts between users and agents (REST). */

let ts: TestServer;
const api = restClient(() => ts.url);
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => ts?.close());

const user = (options: { firstName?: string } = {}) => userParty(ts.server.deps, options);
async function agent(name = 'Helper Bot') {
  return agentParty(api, await user(), name);
}

const { add, respond, requestsOf } = agentContactsApi(api);

describe('agent ↔ agent', () => {
  it('runs add → listed on both sides → approve by handle → contacts', async () => {
    const a = await agent('Alpha Bot');
    const b = await agent('Beta Bot');
    const added = expectContactOk<{ id: string; status: string }>(
      'addAgentContact',
      await add(a, { handle: b.handle, message: 'hello' }),
      201,
    );
    expect(added.status).toBe('pending');
    const inbox = await requestsOf(b);
    expect(inbox.data.received).toEqual([
      expect.objectContaining({
        id: added.id,
        from_handle: a.handle,
        from_name: 'Alpha Bot',
        status: 'pending',
        message: 'hello',
      }),
    ]);
    expect((await requestsOf(a)).data.sent).toEqual([
      expect.objectContaining({ id: added.id, to_handle: b.handle, to_name: 'Beta Bot' }),
    ]);
    const approved = expectContactOk(
      'respondToAgentContactRequest',
      await respond(b, { action: 'approve', handle: `@${a.handle}` }),
    );
    expect(approved).toEqual({ id: added.id, status: 'approved' });
    const list = expectContactOk<Record<string, unknown>[]>(
      'listAgentContacts',
      await api.get('/agent/contacts', { key: a.key }),
    );
    expect(list).toEqual([
      expect.objectContaining({
        handle: b.handle,
        name: 'Beta Bot',
        type: 'Agent',
        description: 'an agent for contacts',
        is_external: true,
        tags: [],
      }),
    ]);
    expect(await contactHandles(api, b)).toEqual([a.handle]);
    expect((await requestsOf(b)).data.received).toEqual([]);
  });

  it('answers approved with the inverse request’s id when the other side asked first', async () => {
    const a = await agent();
    const b = await agent();
    const first = await sendRequest(api, a, b);
    const added = expectContactOk('addAgentContact', await add(b, { handle: a.handle }), 201);
    expect(added).toEqual({ id: first, status: 'approved' });
    expect(await contactHandles(api, a)).toEqual([b.handle]);
  });

  it('rejects and cancels by handle', async () => {
    const a = await agent();
    const b = await agent();
    const c = await agent();
    const rejected = await sendRequest(api, a, b);
    expect(
      expectContactOk('respondToAgentContactRequest', await respond(b, { action: 'reject', handle: a.handle })),
    ).toEqual({
      id: rejected,
      status: 'rejected',
    });
    const cancelled = await sendRequest(api, a, c);
    expect(
      expectContactOk('respondToAgentContactRequest', await respond(a, { action: 'cancel', handle: c.handle })),
    ).toEqual({
      id: cancelled,
      status: 'cancelled',
    });
    expect(await contactHandles(api, a)).toEqual([]);
  });

  it('responds by request_id, which wins over handle', async () => {
    const a = await agent();
    const b = await agent();
    const c = await agent();
    const fromA = await sendRequest(api, a, c);
    const fromB = await sendRequest(api, b, c);
    const response = await respond(c, { action: 'approve', request_id: fromB, handle: a.handle });
    expect(expectContactOk('respondToAgentContactRequest', response)).toEqual({ id: fromB, status: 'approved' });
    expect((await requestsOf(c)).data.received.map((r) => r.id)).toEqual([fromA]);
  });

  it('answers 400 with neither request_id nor handle, and 422 for an unknown action', async () => {
    const a = await agent();
    expectContactError(
      'respondToAgentContactRequest',
      await respond(a, { action: 'approve' }),
      400,
      'identifier_required',
    );
    expectContactError(
      'respondToAgentContactRequest',
      await respond(a, { action: 'delete', handle: 'x' }),
      422,
      'validation_error',
    );
    expectContactError(
      'respondToAgentContactRequest',
      await respond(a, { handle: 'someone' }),
      422,
      'validation_error',
    );
  });

  it('answers 403 to the wrong side: the requester approving, the recipient cancelling', async () => {
    const a = await agent();
    const b = await agent();
    const id = await sendRequest(api, a, b);
    expectContactError(
      'respondToAgentContactRequest',
      await respond(a, { action: 'approve', request_id: id }),
      403,
      'forbidden',
    );
    expectContactError(
      'respondToAgentContactRequest',
      await respond(a, { action: 'reject', request_id: id }),
      403,
      'forbidden',
    );
    expectContactError(
      'respondToAgentContactRequest',
      await respond(b, { action: 'cancel', request_id: id }),
      403,
      'forbidden',
    );
  });

  it('answers 404 to a stranger, and to a handle with no pending request in that direction', async () => {
    const a = await agent();
    const b = await agent();
    const stranger = await agent();
    const id = await sendRequest(api, a, b);
    expectContactError(
      'respondToAgentContactRequest',
      await respond(stranger, { action: 'approve', request_id: id }),
      404,
      'not_found',
    );
    expectContactError(
      'respondToAgentContactRequest',
      await respond(stranger, { action: 'approve', handle: a.handle }),
      404,
      'not_found',
    );
    // The requester naming the recipient finds nothing to approve: the request goes the other way.
    expectContactError(
      'respondToAgentContactRequest',
      await respond(a, { action: 'approve', handle: b.handle }),
      404,
      'not_found',
    );
    expectContactError(
      'respondToAgentContactRequest',
      await respond(b, { action: 'cancel', handle: a.handle }),
      404,
      'not_found',
    );
    expectContactError(
      'respondToAgentContactRequest',
      await respond(b, { action: 'approve', handle: 'no-such/agent' }),
      404,
      'not_found',
    );
  });

  it('answers 409 to a second approval and to cancelling an approved request', async () => {
    const a = await agent();
    const b = await agent();
    const id = await sendRequest(api, a, b);
    expectContactOk('respondToAgentContactRequest', await respond(b, { action: 'approve', request_id: id }));
    expectContactError(
      'respondToAgentContactRequest',
      await respond(b, { action: 'approve', request_id: id }),
      409,
      'conflict',
    );
    expectContactError(
      'respondToAgentContactRequest',
      await respond(a, { action: 'cancel', request_id: id }),
      409,
      'conflict',
    );
  });

  it('answers 409 to adding yourself, an existing contact, or twice', async () => {
    const a = await agent();
    const b = await agent();
    const c = await agent();
    expectContactError('addAgentContact', await add(a, { handle: a.handle }), 409, 'conflict');
    await makeContacts(api, a, b);
    expectContactError('addAgentContact', await add(a, { handle: b.handle }), 409, 'conflict');
    await sendRequest(api, a, c);
    expectContactError('addAgentContact', await add(a, { handle: c.handle }), 409, 'conflict');
  });

  it('answers 400 for a malformed handle, 404 for an unknown one, 400 for unknown properties', async () => {
    const a = await agent();
    expectContactError('addAgentContact', await add(a, { handle: 'Not A Handle' }), 400, 'invalid_handle');
    expectContactError('addAgentContact', await add(a, { handle: 'ghost/bot' }), 404, 'not_found');
    expectContactError('addAgentContact', await add(a, { handle: 'ghost', extra: 1 }), 400, 'unknown_property');
  });
});

describe('GET /agent/contacts/requests', () => {
  it('pages each direction on its own and reports per-direction totals', async () => {
    const me = await agent();
    const others = [await agent(), await agent(), await agent()];
    for (const other of others) await sendRequest(api, other, me);
    await sendRequest(api, me, await agent());
    const body = await requestsOf(me, '?page=1&page_size=2');
    expect(body.data.received).toHaveLength(2);
    expect(body.data.sent).toHaveLength(1);
    expect(body.metadata).toEqual({
      page: 1,
      page_size: 2,
      received: { total: 3, total_pages: 2 },
      sent: { total: 1, total_pages: 1 },
    });
    const second = await requestsOf(me, '?page=2&page_size=2');
    expect(second.data.received.map((r) => r.from_handle)).toEqual([others[0]?.handle]);
    expect(second.data.sent).toEqual([]);
  });

  it('filters sent requests by sent_status (default pending); received are always pending', async () => {
    const me = await agent();
    const [b, c, d] = [await agent(), await agent(), await agent()];
    const pending = await sendRequest(api, me, b);
    const approved = await sendRequest(api, me, c);
    expectContactOk('respondToAgentContactRequest', await respond(c, { action: 'approve', request_id: approved }));
    const cancelled = await sendRequest(api, me, d);
    expectContactOk('respondToAgentContactRequest', await respond(me, { action: 'cancel', request_id: cancelled }));
    expect((await requestsOf(me)).data.sent.map((r) => r.id)).toEqual([pending]);
    expect((await requestsOf(me, '?sent_status=approved')).data.sent.map((r) => r.id)).toEqual([approved]);
    expect((await requestsOf(me, '?sent_status=cancelled')).data.sent.map((r) => r.id)).toEqual([cancelled]);
    expect((await requestsOf(me, '?sent_status=all')).data.sent.map((r) => r.id)).toEqual([
      cancelled,
      approved,
      pending,
    ]);
    const bad = await api.get('/agent/contacts/requests?sent_status=nope', { key: me.key });
    expectContactError('listAgentContactRequests', bad, 422, 'validation_error');
  });

  it('is refused to a user key with 403', async () => {
    const alice = await user();
    expectContactError('listAgentContacts', await api.get('/agent/contacts', { key: alice.key }), 403, 'forbidden');
    expectContactError(
      'listAgentContactRequests',
      await api.get('/agent/contacts/requests', { key: alice.key }),
      403,
      'forbidden',
    );
  });
});
