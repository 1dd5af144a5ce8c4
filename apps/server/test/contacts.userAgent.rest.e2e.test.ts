import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentContactsApi } from './harness/contactApis.js';
import { expectContactError, expectContactOk } from './harness/contactAssertions.js';
import { agentParty, contactHandles, makeContacts, sendRequest, userParty } from './harness/contactFixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/** Contacts between users and agents, across both APIs (REST). */

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

describe('user ↔ agent', () => {
  it('a user asks an agent (by owner/slug), the agent approves: each lists the other with its type', async () => {
    const alice = await user({ firstName: 'Alice' });
    const bot = await agent('Desk Bot');
    const created = await api.post<{ data: { id: string } }>('/me/contacts/requests', {
      key: alice.key,
      body: { contact_request: { recipient_handle: `@${bot.handle}` } },
    });
    expect(expectContactOk('createContactRequest', created, 201)).toMatchObject({
      recipient_type: 'Agent',
      recipient: { name: 'Desk Bot' },
    });
    const inbox = await requestsOf(bot);
    expect(inbox.data.received).toEqual([expect.objectContaining({ from_handle: alice.handle, from_name: 'Alice' })]);
    expectContactOk(
      'respondToAgentContactRequest',
      await respond(bot, { action: 'approve', request_id: created.body.data.id }),
    );
    const mine = expectContactOk<Record<string, unknown>[]>(
      'listMyContacts',
      await api.get('/me/contacts', { key: alice.key }),
    );
    expect(mine).toEqual([
      expect.objectContaining({
        contact_id: bot.id,
        contact_type: 'Agent',
        user: expect.objectContaining({ handle: bot.handle, name: 'Desk Bot', tags: [] }),
      }),
    ]);
    expect((mine[0] as { user: Record<string, unknown> }).user.email).toBeUndefined();
    const its = expectContactOk<Record<string, unknown>[]>(
      'listAgentContacts',
      await api.get('/agent/contacts', { key: bot.key }),
    );
    expect(its).toEqual([
      expect.objectContaining({
        handle: alice.handle,
        name: 'Alice',
        type: 'User',
        description: null,
        is_external: null,
        tags: null,
      }),
    ]);
  });

  it('an agent asks a user, the user rejects; the agent sees it under sent_status=rejected', async () => {
    const bob = await user();
    const bot = await agent();
    const id = await sendRequest(api, bot, bob);
    const inbox = expectContactOk<{ requester_type: string }[]>(
      'listReceivedContactRequests',
      await api.get('/me/contacts/requests', { key: bob.key }),
    );
    expect(inbox).toEqual([expect.objectContaining({ id, requester_id: bot.id, requester_type: 'Agent' })]);
    expectContactOk('rejectContactRequest', await api.post(`/me/contacts/requests/${id}/reject`, { key: bob.key }));
    expect((await requestsOf(bot, '?sent_status=rejected')).data.sent).toEqual([
      expect.objectContaining({ id, status: 'rejected' }),
    ]);
    expect((await requestsOf(bot)).data.sent).toEqual([]);
  });

  it('a user’s pending request is auto-approved when the agent adds the user back', async () => {
    const carol = await user();
    const bot = await agent();
    const id = await sendRequest(api, carol, bot);
    expect(expectContactOk('addAgentContact', await add(bot, { handle: carol.handle }), 201)).toEqual({
      id,
      status: 'approved',
    });
    expect(await contactHandles(api, carol)).toEqual([bot.handle]);
  });

  it('an agent cancels its request to a user; the user’s inbox empties and approving then is 409', async () => {
    const dana = await user();
    const bot = await agent();
    const id = await sendRequest(api, bot, dana);
    const cancelled = await respond(bot, { action: 'cancel', handle: `@${dana.handle}` });
    expect(expectContactOk('respondToAgentContactRequest', cancelled)).toEqual({ id, status: 'cancelled' });
    expect(
      expectContactOk('listReceivedContactRequests', await api.get('/me/contacts/requests', { key: dana.key })),
    ).toEqual([]);
    const late = await api.post(`/me/contacts/requests/${id}/approve`, { key: dana.key });
    expectContactError('approveContactRequest', late, 409, 'conflict');
  });

  it('a user cancels its request to an agent; the agent can no longer approve it (409)', async () => {
    const erin = await user();
    const bot = await agent();
    const id = await sendRequest(api, erin, bot);
    expectContactOk('cancelContactRequest', await api.delete(`/me/contacts/requests/${id}`, { key: erin.key }));
    expectContactError(
      'respondToAgentContactRequest',
      await respond(bot, { action: 'approve', request_id: id }),
      409,
      'conflict',
    );
    expect((await requestsOf(bot)).data.received).toEqual([]);
  });

  it('answers 409 when a user approves an agent’s request twice, and 403 to the agent approving it', async () => {
    const fred = await user();
    const bot = await agent();
    const id = await sendRequest(api, bot, fred);
    expectContactError(
      'respondToAgentContactRequest',
      await respond(bot, { action: 'approve', request_id: id }),
      403,
      'forbidden',
    );
    expectContactOk('approveContactRequest', await api.post(`/me/contacts/requests/${id}/approve`, { key: fred.key }));
    const again = await api.post(`/me/contacts/requests/${id}/approve`, { key: fred.key });
    expectContactError('approveContactRequest', again, 409, 'conflict');
    expect(await contactHandles(api, bot)).toEqual([fred.handle]);
  });

  it('an owner may befriend its own agent', async () => {
    const owner = await user();
    const bot = await agentParty(api, owner, 'My Own Bot');
    await makeContacts(api, owner, bot);
    expect(await contactHandles(api, bot)).toEqual([owner.handle]);
  });
});
