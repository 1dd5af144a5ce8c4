import { appRouter } from '@parley/api/appRouter';
import { restRouter } from '@parley/api/restRouter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentParty, expireRequest, type Party, userParty } from './harness/contactFixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';

/** Every contacts procedure over native tRPC, with the same rules and statuses as REST. */

let ts: TestServer;
const api = restClient(() => ts.url);
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => ts?.close());

const client = (party: Party) => trpcClient(ts.url, party.key);
const user = () => userParty(ts.server.deps);
const agent = async () => agentParty(api, await user());
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('Human API over tRPC', () => {
  it('runs the user ↔ user state machine: create → list → approve → contacts → remove', async () => {
    const alice = await user();
    const bob = await user();
    const created = await client(alice).human.contacts.requests.create.mutate({
      contact_request: { recipient_handle: `@${bob.handle}`, message: 'hi' },
    });
    expect(created.data).toMatchObject({
      status: 'pending',
      requester_id: alice.id,
      recipient_id: bob.id,
      message: 'hi',
    });
    const inbox = await client(bob).human.contacts.requests.listReceived.query();
    expect(inbox.data.map((r) => r.id)).toEqual([created.data.id]);
    expect((await client(alice).human.contacts.requests.listSent.query({ status: 'pending' })).data).toHaveLength(1);
    const approved = await client(bob).human.contacts.requests.approve.mutate({ id: created.data.id });
    expect(approved.data).toEqual({ id: created.data.id, status: 'approved' });
    const contacts = await client(alice).human.contacts.list.query({ page_size: 10 });
    expect(contacts.metadata).toEqual({ page: 1, page_size: 10, total_count: 1, total_pages: 1 });
    expect(contacts.data[0]).toMatchObject({ contact_id: bob.id, user: { email: `${bob.handle}@example.test` } });
    const removed = await client(alice).human.contacts.remove.mutate({ handle: bob.handle });
    expect(removed.data).toEqual({ status: 'removed' });
    expect((await client(bob).human.contacts.list.query()).data).toEqual([]);
  });

  it('answers approve/reject/cancel errors with 403, 404 and 409', async () => {
    const alice = await user();
    const bob = await user();
    const stranger = await user();
    const { data } = await client(alice).human.contacts.requests.create.mutate({
      contact_request: { recipient_handle: bob.handle },
    });
    await expectTrpcError(client(alice).human.contacts.requests.approve.mutate({ id: data.id }), 403, 'forbidden');
    await expectTrpcError(client(bob).human.contacts.requests.cancel.mutate({ id: data.id }), 403, 'forbidden');
    await expectTrpcError(client(stranger).human.contacts.requests.reject.mutate({ id: data.id }), 404, 'not_found');
    await expectTrpcError(client(bob).human.contacts.requests.approve.mutate({ id: NO_SUCH_ID }), 404, 'not_found');
    await client(bob).human.contacts.requests.reject.mutate({ id: data.id });
    await expectTrpcError(client(bob).human.contacts.requests.approve.mutate({ id: data.id }), 409, 'conflict');
    await expectTrpcError(client(alice).human.contacts.requests.cancel.mutate({ id: data.id }), 409, 'conflict');
  });

  it('offers the REST-only aliases over REST and not as native procedures', async () => {
    const native = Object.keys(appRouter._def.procedures);
    expect(native).toContain('human.contacts.requests.cancel');
    for (const alias of ['cancelAlias', 'listReceivedAlias', 'removeById']) {
      expect(native.some((path) => path.endsWith(`.${alias}`))).toBe(false);
    }
    // Every procedure REST has beyond the native router is an alias (or the REST-only credential
    // check), and no alias leaks into the native router under any path.
    const restOnly = Object.keys(restRouter._def.procedures).filter((path) => !native.includes(path));
    expect(restOnly.length).toBeGreaterThanOrEqual(3);
    for (const path of restOnly) expect(path).toMatch(/^(restAliases\.|test\.)/);
    expect(native.some((path) => path.startsWith('restAliases.'))).toBe(false);
    const alice = await user();
    const res = await fetch(`${ts.url}/trpc/human.contacts.requests.listReceivedAlias`, {
      headers: { 'x-api-key': alice.key },
    });
    expect(res.status).toBe(404);
  });

  it('answers create errors: 409 self/duplicate, 404 unknown, 400 bad handle, 422 long message', async () => {
    const alice = await user();
    const bob = await user();
    const create = (recipient_handle: string, message?: string) =>
      client(alice).human.contacts.requests.create.mutate({ contact_request: { recipient_handle, message } });
    await expectTrpcError(create(alice.handle), 409, 'conflict');
    await create(bob.handle);
    await expectTrpcError(create(bob.handle), 409, 'conflict');
    await expectTrpcError(create('nobody-anywhere'), 404, 'not_found');
    await expectTrpcError(create('Bad Handle!'), 400, 'invalid_handle');
    await expectTrpcError(create(bob.handle, 'x'.repeat(501)), 422, 'validation_error');
  });

  it('resolves handles and answers remove without identifiers with 400', async () => {
    const alice = await user();
    const bot = await agent();
    expect((await client(alice).human.contacts.resolve.mutate({ handle: `@${bot.handle}` })).data).toEqual({
      handle: bot.handle,
      name: 'Helper Bot',
      type: 'Agent',
    });
    await expectTrpcError(client(alice).human.contacts.resolve.mutate({ handle: 'nobody-anywhere' }), 404, 'not_found');
    await expectTrpcError(client(alice).human.contacts.remove.mutate({}), 400, 'identifier_required');
    await expectTrpcError(client(bot).human.contacts.list.query(), 403, 'forbidden');
  });

  it('reports expired requests as expired and refuses to approve them', async () => {
    const alice = await user();
    const bob = await user();
    const { data } = await client(alice).human.contacts.requests.create.mutate({
      contact_request: { recipient_handle: bob.handle },
    });
    await expireRequest(ts.server.deps, data.id);
    expect(
      (await client(alice).human.contacts.requests.listSent.query({ status: 'expired' })).data.map((r) => r.status),
    ).toEqual(['expired']);
    await expectTrpcError(client(bob).human.contacts.requests.approve.mutate({ id: data.id }), 409, 'conflict');
  });
});

describe('Agent API over tRPC', () => {
  it('runs the agent ↔ agent state machine: add → listRequests → respond → list → remove', async () => {
    const a = await agent();
    const b = await agent();
    const added = await client(a).agent.contacts.add.mutate({ handle: b.handle, message: 'hey' });
    expect(added.data.status).toBe('pending');
    const requests = await client(b).agent.contacts.listRequests.query({ page_size: 5 });
    expect(requests.data.received).toEqual([expect.objectContaining({ id: added.data.id, from_handle: a.handle })]);
    expect(requests.metadata).toEqual({
      page: 1,
      page_size: 5,
      received: { total: 1, total_pages: 1 },
      sent: { total: 0, total_pages: 0 },
    });
    const approved = await client(b).agent.contacts.respond.mutate({ action: 'approve', handle: a.handle });
    expect(approved.data).toEqual({ id: added.data.id, status: 'approved' });
    const list = await client(a).agent.contacts.list.query();
    expect(list.data).toEqual([expect.objectContaining({ handle: b.handle, type: 'Agent' })]);
    const [record] = list.data;
    if (!record) throw new Error('expected a contact');
    expect((await client(a).agent.contacts.remove.mutate({ contact_id: record.id })).data).toEqual({
      status: 'removed',
    });
    expect((await client(b).agent.contacts.list.query()).data).toEqual([]);
  });

  it('auto-approves the inverse request between a user and an agent', async () => {
    const alice = await user();
    const bot = await agent();
    const { data } = await client(alice).human.contacts.requests.create.mutate({
      contact_request: { recipient_handle: bot.handle },
    });
    expect((await client(bot).agent.contacts.add.mutate({ handle: alice.handle })).data).toEqual({
      id: data.id,
      status: 'approved',
    });
    expect((await client(alice).human.contacts.list.query()).data).toEqual([
      expect.objectContaining({ contact_type: 'Agent' }),
    ]);
  });

  it('answers respond errors: 400 no identifier, 403 wrong side, 404 stranger, 409 resolved', async () => {
    const a = await agent();
    const b = await agent();
    const stranger = await agent();
    const { data } = await client(a).agent.contacts.add.mutate({ handle: b.handle });
    const respond = (
      who: Party,
      input: Parameters<ReturnType<typeof client>['agent']['contacts']['respond']['mutate']>[0],
    ) => client(who).agent.contacts.respond.mutate(input);
    await expectTrpcError(respond(b, { action: 'approve' }), 400, 'identifier_required');
    await expectTrpcError(respond(a, { action: 'approve', request_id: data.id }), 403, 'forbidden');
    await expectTrpcError(respond(stranger, { action: 'reject', request_id: data.id }), 404, 'not_found');
    await respond(a, { action: 'cancel', request_id: data.id });
    await expectTrpcError(respond(a, { action: 'cancel', request_id: data.id }), 409, 'conflict');
    await expectTrpcError(client(a).agent.contacts.add.mutate({ handle: a.handle }), 409, 'conflict');
    await expectTrpcError(client(a).agent.contacts.remove.mutate({}), 400, 'identifier_required');
    await expectTrpcError(client(a).agent.contacts.remove.mutate({ handle: b.handle }), 404, 'not_found');
  });

  it('is refused to a user key with 403', async () => {
    const alice = await user();
    await expectTrpcError(client(alice).agent.contacts.list.query(), 403, 'forbidden');
  });
});
