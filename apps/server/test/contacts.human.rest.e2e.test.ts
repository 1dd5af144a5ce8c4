import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HumanContactRequest, humanContactsApi } from './harness/contactApis.js';
import { expectContactError, expectContactOk } from './harness/contactAssertions.js';
import {
  agentParty,
  contactHandles,
  makeContacts,
  type Party,
  sendRequest,
  userParty,
} from './harness/contactFixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/** The Human API's contacts between two users (REST), rule by rule. */

let ts: TestServer;
const api = restClient(() => ts.url);
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => ts?.close());

const user = (options: { org?: string; firstName?: string } = {}) => userParty(ts.server.deps, options);

const { create, approve, reject } = humanContactsApi(api);
type RequestBody = HumanContactRequest;

async function received(who: Party, path = '/me/contacts/requests') {
  return expectContactOk<RequestBody[]>('listReceivedContactRequests', await api.get(path, { key: who.key }));
}
async function sent(who: Party, query = '') {
  return expectContactOk<RequestBody[]>(
    'listSentContactRequests',
    await api.get(`/me/contacts/requests/sent${query}`, { key: who.key }),
  );
}

describe('sending a request', () => {
  it('creates a pending request both sides can see, with handles and names but no email', async () => {
    const alice = await user({ firstName: 'Alice' });
    const bob = await user();
    const data = expectContactOk<RequestBody>('createContactRequest', await create(alice, bob.handle, 'hi Bob'), 201);
    expect(data).toMatchObject({
      status: 'pending',
      requester_id: alice.id,
      requester_type: 'User',
      recipient_id: bob.id,
      recipient_type: 'User',
      message: 'hi Bob',
      responded_at: null,
      requester: { id: alice.id, handle: alice.handle, name: 'Alice' },
      recipient: { id: bob.id, handle: bob.handle, name: bob.handle },
    });
    expect(JSON.stringify(data)).not.toContain('@example.test');
    expect((await received(bob)).map((r) => r.id)).toEqual([data.id]);
    expect((await sent(alice)).map((r) => r.id)).toEqual([data.id]);
    expect(await received(alice)).toEqual([]);
  });

  it('accepts a leading @ and any case in the handle', async () => {
    const alice = await user();
    const bob = await user();
    const data = expectContactOk<RequestBody>(
      'createContactRequest',
      await create(alice, `@${bob.handle.toUpperCase()}`),
      201,
    );
    expect(data.recipient_id).toBe(bob.id);
  });

  it('refuses a request to yourself with 409', async () => {
    const alice = await user();
    expectContactError('createContactRequest', await create(alice, alice.handle), 409, 'conflict');
  });

  it('refuses a second pending request with 409', async () => {
    const alice = await user();
    const bob = await user();
    await sendRequest(api, alice, bob);
    expectContactError('createContactRequest', await create(alice, bob.handle), 409, 'conflict');
  });

  it('refuses a request to an existing contact with 409, from either side', async () => {
    const alice = await user();
    const bob = await user();
    await makeContacts(api, alice, bob);
    expectContactError('createContactRequest', await create(alice, bob.handle), 409, 'conflict');
    expectContactError('createContactRequest', await create(bob, alice.handle), 409, 'conflict');
  });

  it('approves the inverse pending request instead of creating a second one', async () => {
    const alice = await user();
    const bob = await user();
    const first = await sendRequest(api, alice, bob);
    const data = expectContactOk<RequestBody>('createContactRequest', await create(bob, alice.handle), 201);
    expect(data).toMatchObject({ id: first, status: 'approved', requester_id: alice.id, recipient_id: bob.id });
    expect(data.responded_at).toBeTruthy();
    expect(await contactHandles(api, alice)).toEqual([bob.handle]);
    expect(await contactHandles(api, bob)).toEqual([alice.handle]);
    expect(await received(alice)).toEqual([]);
  });

  it('answers 404 for an unknown handle and 400 for a malformed one', async () => {
    const alice = await user();
    expectContactError('createContactRequest', await create(alice, 'nobody-here-at-all'), 404, 'not_found');
    expectContactError('createContactRequest', await create(alice, 'no spaces!'), 400, 'invalid_handle');
    expectContactError('createContactRequest', await create(alice, ''), 400, 'invalid_handle');
  });

  it('validates the body: message up to 500 characters, no unknown properties, handle required', async () => {
    const alice = await user();
    const bob = await user();
    const long = expectContactError(
      'createContactRequest',
      await create(alice, bob.handle, 'x'.repeat(501)),
      422,
      'validation_error',
    );
    expect(Object.keys(long.details ?? {})).toEqual(['/contact_request/message']);
    const extra = await api.post('/me/contacts/requests', {
      key: alice.key,
      body: { contact_request: { recipient_handle: bob.handle, note: 'x' } },
    });
    expectContactError('createContactRequest', extra, 400, 'unknown_property');
    const missing = await api.post('/me/contacts/requests', { key: alice.key, body: { contact_request: {} } });
    expectContactError('createContactRequest', missing, 422, 'validation_error');
    expectContactOk('createContactRequest', await create(alice, bob.handle, 'x'.repeat(500)), 201);
  });

  it('refuses a NUL character in the message with 422 (never a 500)', async () => {
    const alice = await user();
    const bob = await user();
    const error = expectContactError(
      'createContactRequest',
      await create(alice, bob.handle, 'a\u0000b'),
      422,
      'validation_error',
    );
    expect(Object.keys(error.details ?? {})).toEqual(['/contact_request/message']);
  });

  it('refuses an overlong handle with 400 without echoing it', async () => {
    const alice = await user();
    const error = expectContactError(
      'createContactRequest',
      await create(alice, 'x'.repeat(5000)),
      400,
      'invalid_handle',
    );
    expect(error.message.length).toBeLessThan(100);
  });

  it('accepts a null message and stores a blank one as null', async () => {
    const alice = await user();
    const bob = await user();
    const carol = await user();
    expect(
      expectContactOk<RequestBody>('createContactRequest', await create(alice, bob.handle, null), 201).message,
    ).toBeNull();
    expect(
      expectContactOk<RequestBody>('createContactRequest', await create(alice, carol.handle, '  '), 201).message,
    ).toBeNull();
  });

  it('lets users of different organizations become contacts, and shows the email only to contacts', async () => {
    const alice = await user({ org: 'contacts-org-a' });
    const bob = await user({ org: 'contacts-org-b' });
    const colleague = await user({ org: 'contacts-org-a' });
    const id = await sendRequest(api, alice, bob);
    const pending = await received(bob);
    expect(JSON.stringify(pending)).not.toContain(`${alice.handle}@example.test`);
    expectContactOk('approveContactRequest', await approve(bob, id));
    await makeContacts(api, alice, colleague);
    const list = expectContactOk<{ user: { handle: string; email?: string } }[]>(
      'listMyContacts',
      await api.get('/me/contacts', { key: alice.key }),
    );
    expect(list.map((c) => c.user.email).sort()).toEqual(
      [`${bob.handle}@example.test`, `${colleague.handle}@example.test`].sort(),
    );
  });

  it('is refused to an agent key with 403', async () => {
    const alice = await user();
    const bot = await agentParty(api, alice);
    expectContactError('createContactRequest', await create(bot, alice.handle), 403, 'forbidden');
    expectContactError('listMyContacts', await api.get('/me/contacts', { key: bot.key }), 403, 'forbidden');
  });
});

describe('request lists', () => {
  it('serves the received list at the changelog alias too', async () => {
    const alice = await user();
    const bob = await user();
    const id = await sendRequest(api, alice, bob);
    expect((await received(bob, '/me/contacts/requests/received')).map((r) => r.id)).toEqual([id]);
  });

  it('filters sent requests by status (default all) and pages them', async () => {
    const alice = await user();
    const [b, c, d] = [await user(), await user(), await user()];
    const pending = await sendRequest(api, alice, b);
    const approved = await sendRequest(api, alice, c);
    expectContactOk('approveContactRequest', await approve(c, approved));
    const rejected = await sendRequest(api, alice, d);
    expectContactOk('rejectContactRequest', await reject(d, rejected));
    expect((await sent(alice)).map((r) => r.id)).toEqual([rejected, approved, pending]);
    expect((await sent(alice, '?status=all')).length).toBe(3);
    expect((await sent(alice, '?status=pending')).map((r) => r.id)).toEqual([pending]);
    expect((await sent(alice, '?status=approved')).map((r) => r.id)).toEqual([approved]);
    expect(await sent(alice, '?status=expired')).toEqual([]);
    const page = await api.get<{ data: RequestBody[]; metadata: Record<string, number> }>(
      '/me/contacts/requests/sent?page=2&page_size=2',
      { key: alice.key },
    );
    expectContactOk('listSentContactRequests', page);
    expect(page.body.data.map((r) => r.id)).toEqual([pending]);
    expect(page.body.metadata).toEqual({ page: 2, page_size: 2, total_count: 3, total_pages: 2 });
  });

  it('refuses a bad status, cursor paging and unknown query keys', async () => {
    const alice = await user();
    const bad = await api.get('/me/contacts/requests/sent?status=maybe', { key: alice.key });
    expectContactError('listSentContactRequests', bad, 422, 'validation_error');
    const cursor = await api.get('/me/contacts/requests?limit=5', { key: alice.key });
    expectContactError('listReceivedContactRequests', cursor, 400, 'unknown_property');
    const size = await api.get('/me/contacts?page_size=101', { key: alice.key });
    expectContactError('listMyContacts', size, 422, 'validation_error');
  });

  it('pages the contact list', async () => {
    const alice = await user();
    for (let i = 0; i < 3; i++) await makeContacts(api, alice, await user());
    const page = await api.get<{ data: unknown[]; metadata: Record<string, number> }>(
      '/me/contacts?page=1&page_size=2',
      {
        key: alice.key,
      },
    );
    expectContactOk('listMyContacts', page);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.metadata).toEqual({ page: 1, page_size: 2, total_count: 3, total_pages: 2 });
  });
});
