import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Removing contacts (both APIs, and the DELETE alias) and resolving handles (REST). */

let ts: TestServer;
const api = restClient(() => ts.url);
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => ts?.close());

const user = (options: { firstName?: string } = {}) => userParty(ts.server.deps, options);

async function recordIdOf(owner: Party, other: Party): Promise<string> {
  if (owner.kind === 'User') {
    const list = expectContactOk<{ id: string; contact_id: string }[]>(
      'listMyContacts',
      await api.get('/me/contacts', { key: owner.key }),
    );
    const record = list.find((c) => c.contact_id === other.id);
    if (!record) throw new Error('not a contact');
    return record.id;
  }
  const list = expectContactOk<{ id: string; handle: string }[]>(
    'listAgentContacts',
    await api.get('/agent/contacts', { key: owner.key }),
  );
  const record = list.find((c) => c.handle === other.handle);
  if (!record) throw new Error('not a contact');
  return record.id;
}

const removeAsUser = (who: Party, body: unknown) => api.post('/me/contacts/remove', { key: who.key, body });
const removeAsAgent = (who: Party, body: unknown) => api.post('/agent/contacts/remove', { key: who.key, body });

describe('POST /me/contacts/remove', () => {
  it('removes by contact_id, in both directions', async () => {
    const alice = await user();
    const bob = await user();
    await makeContacts(api, alice, bob);
    const data = expectContactOk(
      'removeMyContact',
      await removeAsUser(alice, { contact_id: await recordIdOf(alice, bob) }),
    );
    expect(data).toEqual({ status: 'removed' });
    expect(await contactHandles(api, alice)).toEqual([]);
    expect(await contactHandles(api, bob)).toEqual([]);
  });

  it('removes by handle, with or without @', async () => {
    const alice = await user();
    const bob = await user();
    const carol = await user();
    await makeContacts(api, alice, bob);
    await makeContacts(api, carol, alice);
    expectContactOk('removeMyContact', await removeAsUser(alice, { handle: bob.handle }));
    expectContactOk('removeMyContact', await removeAsUser(alice, { handle: `@${carol.handle}` }));
    expect(await contactHandles(api, alice)).toEqual([]);
    expect(await contactHandles(api, carol)).toEqual([]);
  });

  it('lets contact_id win over handle', async () => {
    const alice = await user();
    const bob = await user();
    const carol = await user();
    await makeContacts(api, alice, bob);
    await makeContacts(api, alice, carol);
    const body = { contact_id: await recordIdOf(alice, bob), handle: carol.handle };
    expectContactOk('removeMyContact', await removeAsUser(alice, body));
    expect(await contactHandles(api, alice)).toEqual([carol.handle]);
  });

  it('answers 400 identifier_required with neither identifier', async () => {
    const alice = await user();
    expectContactError('removeMyContact', await removeAsUser(alice, {}), 400, 'identifier_required');
    expectContactError(
      'removeMyContact',
      await removeAsUser(alice, { handle: null, contact_id: null }),
      400,
      'identifier_required',
    );
  });

  it('answers 404 for a non-contact, an unknown handle, and someone else’s record', async () => {
    const alice = await user();
    const bob = await user();
    const carol = await user();
    await makeContacts(api, bob, carol);
    expectContactError('removeMyContact', await removeAsUser(alice, { handle: bob.handle }), 404, 'not_found');
    expectContactError('removeMyContact', await removeAsUser(alice, { handle: 'nobody-at-all' }), 404, 'not_found');
    const bobsRecord = await recordIdOf(bob, carol);
    expectContactError('removeMyContact', await removeAsUser(alice, { contact_id: bobsRecord }), 404, 'not_found');
    expect(await contactHandles(api, bob)).toEqual([carol.handle]);
  });

  it('answers 400 for a malformed handle and 422 for a malformed contact_id', async () => {
    const alice = await user();
    expectContactError('removeMyContact', await removeAsUser(alice, { handle: 'bad handle' }), 400, 'invalid_handle');
    expectContactError('removeMyContact', await removeAsUser(alice, { contact_id: 'nope' }), 422, 'validation_error');
  });

  it('lets either side ask again after a removal', async () => {
    const alice = await user();
    const bob = await user();
    await makeContacts(api, alice, bob);
    expectContactOk('removeMyContact', await removeAsUser(bob, { handle: alice.handle }));
    await makeContacts(api, bob, alice);
    expect(await contactHandles(api, alice)).toEqual([bob.handle]);
  });
});

describe('DELETE /me/contacts/{id} (changelog alias)', () => {
  it('removes by record id in both directions, and 404s on a second call', async () => {
    const alice = await user();
    const bob = await user();
    await makeContacts(api, alice, bob);
    const id = await recordIdOf(alice, bob);
    expectContactOk('removeMyContact', await api.delete(`/me/contacts/${id}`, { key: alice.key }));
    expect(await contactHandles(api, bob)).toEqual([]);
    expectContactError('removeMyContact', await api.delete(`/me/contacts/${id}`, { key: alice.key }), 404, 'not_found');
  });
});

describe('POST /agent/contacts/remove', () => {
  it('removes by contact_id (winning over handle) and by handle, in both directions', async () => {
    const owner = await user();
    const bot = await agentParty(api, owner, 'Remover');
    const friend = await user();
    const peer = await agentParty(api, friend, 'Peer Bot');
    await makeContacts(api, bot, friend);
    await makeContacts(api, peer, bot);
    const byId = await removeAsAgent(bot, { contact_id: await recordIdOf(bot, friend), handle: peer.handle });
    expect(expectContactOk('removeAgentContact', byId)).toEqual({ status: 'removed' });
    expect(await contactHandles(api, bot)).toEqual([peer.handle]);
    expect(await contactHandles(api, friend)).toEqual([]);
    expectContactOk('removeAgentContact', await removeAsAgent(bot, { handle: `@${peer.handle}` }));
    expect(await contactHandles(api, bot)).toEqual([]);
    expect(await contactHandles(api, peer)).toEqual([]);
  });

  it('answers 400 with neither identifier and 404 for a non-contact', async () => {
    const owner = await user();
    const bot = await agentParty(api, owner);
    expectContactError('removeAgentContact', await removeAsAgent(bot, {}), 400, 'identifier_required');
    expectContactError('removeAgentContact', await removeAsAgent(bot, { handle: owner.handle }), 404, 'not_found');
    const missing = { contact_id: '00000000-0000-4000-8000-000000000000' };
    expectContactError('removeAgentContact', await removeAsAgent(bot, missing), 404, 'not_found');
  });

  it('is refused to a user key with 403', async () => {
    const owner = await user();
    expectContactError('removeAgentContact', await removeAsAgent(owner, { handle: 'whoever' }), 403, 'forbidden');
  });
});

describe('POST /me/contacts/resolve', () => {
  const resolve = (who: Party, handle: unknown) => api.post('/me/contacts/resolve', { key: who.key, body: { handle } });

  it('resolves a user handle to {handle, name, type} without id or email', async () => {
    const alice = await user();
    const bob = await user({ firstName: 'Bob' });
    const data = expectContactOk<Record<string, unknown>>('resolveHandle', await resolve(alice, `@${bob.handle}`));
    expect(data).toEqual({ handle: bob.handle, name: 'Bob', type: 'User' });
  });

  it('resolves an agent handle (owner/slug) in another organization', async () => {
    const alice = await user();
    const owner = await user();
    const bot = await agentParty(api, owner, 'Far Away Bot');
    const data = expectContactOk('resolveHandle', await resolve(alice, bot.handle.toUpperCase()));
    expect(data).toEqual({ handle: bot.handle, name: 'Far Away Bot', type: 'Agent' });
  });

  it('answers 404 for an unknown handle and 400 for a malformed one', async () => {
    const alice = await user();
    expectContactError('resolveHandle', await resolve(alice, 'nobody-at-all'), 404, 'not_found');
    expectContactError('resolveHandle', await resolve(alice, 'a/b/c'), 400, 'invalid_handle');
    expectContactError('resolveHandle', await resolve(alice, 42), 422, 'validation_error');
  });

  it('is refused to an agent key with 403', async () => {
    const owner = await user();
    const bot = await agentParty(api, owner);
    expectContactError('resolveHandle', await resolve(bot, owner.handle), 403, 'forbidden');
  });
});

describe('privacy', () => {
  it('never shows a non-contact’s email in requests, lists or resolve', async () => {
    const alice = await user();
    const bob = await user();
    const bot = await agentParty(api, bob);
    await sendRequest(api, alice, bob);
    await sendRequest(api, bot, alice);
    const bodies = [
      await api.get('/me/contacts/requests', { key: alice.key }),
      await api.get('/me/contacts/requests/sent', { key: alice.key }),
      await api.get('/me/contacts/requests', { key: bob.key }),
      await api.get('/agent/contacts/requests?sent_status=all', { key: bot.key }),
      await api.post('/me/contacts/resolve', { key: alice.key, body: { handle: bob.handle } }),
    ].map((r) => r.text);
    for (const text of bodies) expect(text).not.toContain('@example.test');
  });
});
