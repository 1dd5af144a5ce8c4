import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk, type Transport } from './harness/chatClients.js';
import { chatAgent, chatUser, type Principal, roomWith } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

const ids = (data: { id: string }[]) => data.map((p) => p.id);

describe.each<Transport>(['rest', 'trpc'])('participant roles over %s', (transport) => {
  let api: ChatApi;
  let owner: Principal;
  beforeAll(async () => {
    api = chatApi(ts.url, transport);
    owner = await chatUser(ts);
  });
  const agent = () => chatAgent(ts, owner.key);

  it('owner removes a member agent → 200 with the removed participant', async () => {
    const member = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: member.id }]);
    const removed = expectOk(await api.removeParticipant(owner.key, roomId, member.id));
    expect(removed).toEqual({
      id: member.id,
      type: 'Agent',
      name: member.name,
      handle: member.handle,
      role: 'member',
      status: 'active',
    });
    expect(ids(expectOk(await api.participants(owner.key, roomId)))).toEqual([owner.id]);
  });

  it('owner removes an admin agent → 200', async () => {
    const admin = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: admin.id, role: 'admin' }]);
    expect(expectOk(await api.removeParticipant(owner.key, roomId, admin.id)).role).toBe('admin');
  });

  it('an agent removes a User → 403, even as an owner', async () => {
    const ownerAgent = await agent();
    const roomId = await roomWith(api, ownerAgent.key, [{ id: owner.id }]);
    expectFailure(await api.removeParticipant(ownerAgent.key, roomId, owner.id), 403, 'forbidden');
  });

  it('a member removes the owner → 403', async () => {
    const member = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: member.id }]);
    expectFailure(await api.removeParticipant(member.key, roomId, owner.id), 403, 'forbidden');
  });

  it('an admin removes the owner → 403', async () => {
    const ownerAgent = await agent();
    const admin = await agent();
    const roomId = await roomWith(api, ownerAgent.key, [{ id: admin.id, role: 'admin' }]);
    expectFailure(await api.removeParticipant(admin.key, roomId, ownerAgent.id), 403, 'forbidden');
  });

  it('the sole owner removes itself → 403 cannot_remove_sole_owner', async () => {
    const roomId = await roomWith(api, owner.key);
    expectFailure(await api.removeParticipant(owner.key, roomId, owner.id), 403, 'cannot_remove_sole_owner');
    const ownerAgent = await agent();
    const agentsRoom = await roomWith(api, ownerAgent.key);
    expectFailure(
      await api.removeParticipant(ownerAgent.key, agentsRoom, ownerAgent.id),
      403,
      'cannot_remove_sole_owner',
    );
  });

  it('an admin leaves → 200', async () => {
    const admin = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: admin.id, role: 'admin' }]);
    expect(expectOk(await api.removeParticipant(admin.key, roomId, admin.id)).id).toBe(admin.id);
    expect(ids(expectOk(await api.participants(owner.key, roomId)))).toEqual([owner.id]);
  });

  it('a member adding someone with role admin → 403', async () => {
    const member = await agent();
    const sibling = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: member.id }]);
    expectFailure(
      await api.addParticipant(member.key, roomId, { participant_id: sibling.id, role: 'admin' }),
      403,
      'forbidden',
    );
  });

  it('a plain member adding anyone → 403', async () => {
    const member = await agent();
    const sibling = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: member.id }]);
    expectFailure(await api.addParticipant(member.key, roomId, { participant_id: sibling.id }), 403, 'forbidden');
  });

  it('the owner adds → 201, with the default role member or the one asked for', async () => {
    const a = await agent();
    const b = await agent();
    const roomId = await roomWith(api, owner.key);
    const added = expectOk(await api.addParticipant(owner.key, roomId, { participant_id: a.id }), 201);
    expect(added).toEqual({
      id: a.id,
      type: 'Agent',
      name: a.name,
      handle: a.handle,
      role: 'member',
      status: 'active',
    });
    expect(
      expectOk(await api.addParticipant(owner.key, roomId, { participant_id: b.id, role: 'owner' }), 201).role,
    ).toBe('owner');
  });

  it('an admin adds → 201, but not an owner (403)', async () => {
    const admin = await agent();
    const sibling = await agent();
    const third = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: admin.id, role: 'admin' }]);
    expectOk(await api.addParticipant(admin.key, roomId, { participant_id: sibling.id, role: 'admin' }), 201);
    expectFailure(
      await api.addParticipant(admin.key, roomId, { participant_id: third.id, role: 'owner' }),
      403,
      'forbidden',
    );
  });

  it('adding someone already present → 409', async () => {
    const a = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: a.id }]);
    expectFailure(await api.addParticipant(owner.key, roomId, { participant_id: a.id }), 409, 'conflict');
    expectFailure(await api.addParticipant(owner.key, roomId, { participant_id: owner.id }), 409, 'conflict');
  });

  it('a removed agent acting on the room → 404 everywhere', async () => {
    const a = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: a.id }]);
    expectOk(await api.removeParticipant(owner.key, roomId, a.id));
    expectFailure(await api.getRoom(a.key, roomId), 404, 'not_found');
    expectFailure(await api.participants(a.key, roomId), 404, 'not_found');
    expectFailure(await api.send(a.key, roomId, { content: 'hi', mentions: [{ id: owner.id }] }), 404, 'not_found');
    expectFailure(await api.removeParticipant(a.key, roomId, a.id), 404, 'not_found');
    expectFailure(await api.next(a.key, roomId), 404, 'not_found');
    expectFailure(await api.context(a.key, roomId), 404, 'not_found');
  });

  it('an owner may leave when another owner remains; two owners leaving at once leave one', async () => {
    const co = await agent();
    const roomId = await roomWith(api, owner.key, [{ id: co.id, role: 'owner' }]);
    const [mine, theirs] = await Promise.all([
      api.removeParticipant(owner.key, roomId, owner.id),
      api.removeParticipant(co.key, roomId, co.id),
    ]);
    expect([mine.status, theirs.status].sort()).toEqual([200, 403]);
    expect([mine, theirs].find((r) => r.status === 403)?.error?.code).toBe('cannot_remove_sole_owner');
  });

  it('removing someone who is not in the room → 404', async () => {
    const roomId = await roomWith(api, owner.key);
    expectFailure(await api.removeParticipant(owner.key, roomId, crypto.randomUUID()), 404, 'not_found');
  });
});
