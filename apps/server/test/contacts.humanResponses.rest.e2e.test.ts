import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HumanContactRequest, humanContactsApi } from './harness/contactApis.js';
import { expectContactError, expectContactOk } from './harness/contactAssertions.js';
import { contactHandles, sendRequest, userParty } from './harness/contactFixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/** Approving, rejecting and cancelling between two users on the Human API (REST), rule by rule. */

let ts: TestServer;
const api = restClient(() => ts.url);
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => ts?.close());

const user = (options: { org?: string; firstName?: string } = {}) => userParty(ts.server.deps, options);

const { create, approve, reject, cancel, received, sent } = humanContactsApi(api);

describe('approving', () => {
  it('makes both sides contacts and answers {id, status: approved}', async () => {
    const alice = await user({ firstName: 'Alice' });
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    expect(expectContactOk('approveContactRequest', await approve(bob, id))).toEqual({ id, status: 'approved' });
    const bobs = expectContactOk<Record<string, unknown>[]>(
      'listMyContacts',
      await api.get('/me/contacts', { key: bob.key }),
    );
    expect(bobs).toHaveLength(1);
    expect(bobs[0]).toMatchObject({
      contact_id: alice.id,
      contact_type: 'User',
      status: 'active',
      source: 'request',
      user: { id: alice.id, handle: alice.handle, name: 'Alice', email: `${alice.handle}@example.test` },
    });
    expect(await contactHandles(api, alice)).toEqual([bob.handle]);
    expect(await received(bob)).toEqual([]);
    const [mine] = await sent(alice);
    expect(mine).toMatchObject({ id, status: 'approved' });
    expect(mine?.responded_at).toBeTruthy();
  });

  it('answers 409 to a second approval', async () => {
    const alice = await user();
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    expectContactOk('approveContactRequest', await approve(bob, id));
    expectContactError('approveContactRequest', await approve(bob, id), 409, 'conflict');
  });

  it('answers 403 to the requester approving their own request', async () => {
    const alice = await user();
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    expectContactError('approveContactRequest', await approve(alice, id), 403, 'forbidden');
  });

  it('answers 404 to a stranger, so the request stays secret', async () => {
    const alice = await user();
    const bob = await user();
    const stranger = await user();
    const id = await sendRequest(api, alice, bob);
    expectContactError('approveContactRequest', await approve(stranger, id), 404, 'not_found');
    expectContactError('rejectContactRequest', await reject(stranger, id), 404, 'not_found');
    expectContactError('cancelContactRequest', await cancel(stranger, id), 404, 'not_found');
    expect((await received(bob)).map((r) => r.status)).toEqual(['pending']);
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    const bob = await user();
    expectContactError(
      'approveContactRequest',
      await approve(bob, '00000000-0000-4000-8000-000000000000'),
      404,
      'not_found',
    );
    expectContactError('approveContactRequest', await approve(bob, 'not-a-uuid'), 422, 'validation_error');
  });

  it('answers 409 to approving a rejected or cancelled request', async () => {
    const alice = await user();
    const bob = await user();
    const carol = await user();
    const rejected = await sendRequest(api, alice, bob);
    expectContactOk('rejectContactRequest', await reject(bob, rejected));
    expectContactError('approveContactRequest', await approve(bob, rejected), 409, 'conflict');
    const cancelled = await sendRequest(api, alice, carol);
    expectContactOk('cancelContactRequest', await cancel(alice, cancelled));
    expectContactError('approveContactRequest', await approve(carol, cancelled), 409, 'conflict');
  });
});

describe('rejecting', () => {
  it('marks the request rejected, makes no contacts, and lets the requester ask again', async () => {
    const alice = await user();
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    expect(expectContactOk('rejectContactRequest', await reject(bob, id))).toEqual({ id, status: 'rejected' });
    expect(await contactHandles(api, alice)).toEqual([]);
    expect(await received(bob)).toEqual([]);
    expect((await sent(alice, '?status=rejected')).map((r) => r.id)).toEqual([id]);
    const again = expectContactOk<HumanContactRequest>('createContactRequest', await create(alice, bob.handle), 201);
    expect(again).toMatchObject({ status: 'pending' });
    expect(again.id).not.toBe(id);
  });

  it('answers 403 to the requester and 409 to a second rejection', async () => {
    const alice = await user();
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    expectContactError('rejectContactRequest', await reject(alice, id), 403, 'forbidden');
    expectContactOk('rejectContactRequest', await reject(bob, id));
    expectContactError('rejectContactRequest', await reject(bob, id), 409, 'conflict');
  });
});

describe('cancelling', () => {
  it('cancels a pending request you sent (DELETE and the POST …/cancel alias)', async () => {
    const alice = await user();
    const bob = await user();
    const carol = await user();
    const first = await sendRequest(api, alice, bob);
    expect(expectContactOk('cancelContactRequest', await cancel(alice, first))).toEqual({
      id: first,
      status: 'cancelled',
    });
    const second = await sendRequest(api, alice, carol);
    const alias = await api.post(`/me/contacts/requests/${second}/cancel`, { key: alice.key });
    expect(expectContactOk('cancelContactRequest', alias)).toEqual({ id: second, status: 'cancelled' });
    expect(await received(bob)).toEqual([]);
    expect((await sent(alice, '?status=cancelled')).map((r) => r.id).sort()).toEqual([first, second].sort());
  });

  it('answers 403 to the recipient', async () => {
    const alice = await user();
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    expectContactError('cancelContactRequest', await cancel(bob, id), 403, 'forbidden');
  });

  it('answers 409 after approval, and after a first cancel', async () => {
    const alice = await user();
    const bob = await user();
    const carol = await user();
    const approved = await sendRequest(api, alice, bob);
    expectContactOk('approveContactRequest', await approve(bob, approved));
    expectContactError('cancelContactRequest', await cancel(alice, approved), 409, 'conflict');
    const cancelled = await sendRequest(api, alice, carol);
    expectContactOk('cancelContactRequest', await cancel(alice, cancelled));
    expectContactError('cancelContactRequest', await cancel(alice, cancelled), 409, 'conflict');
    expectContactError('rejectContactRequest', await reject(carol, cancelled), 409, 'conflict');
  });
});
