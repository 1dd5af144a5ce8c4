import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from './harness/fixtures.js';
import { makeDelivery, makeMemory, makeMessage, makeRoom } from './harness/peerFixtures.js';
import { makePeerWorld, type PeerWorld } from './harness/peerWorld.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';

let ts: TestServer;
let w: PeerWorld;
beforeAll(async () => {
  ts = await startTestServer();
  w = await makePeerWorld(ts.server.deps);
});
afterAll(async () => ts?.close());

async function newAgent(key: string, name: string) {
  const registered = await trpcClient(ts.url, key).human.agents.register.mutate({ agent: { name, description: 'x' } });
  return { id: registered.data.agent.id, key: registered.data.credentials.api_key };
}

describe('native tRPC: agent deletion and key rotation', () => {
  it('deletes with the same rules: history needs force, the key dies at once', async () => {
    const owner = await makeUser(ts.server.deps);
    const human = trpcClient(ts.url, owner.apiKey).human;
    const agent = await newAgent(owner.apiKey, 'Native Doomed');
    const db = ts.server.deps.db;
    const user = { id: owner.user.id, kind: 'User' as const };
    const room = await makeRoom(db, owner.organization.id, [user, { id: agent.id, kind: 'Agent' }]);
    await makeMessage(db, room, { id: agent.id, kind: 'Agent' });
    await makeDelivery(db, room, user, agent.id, 1);
    await makeMemory(db, owner.organization.id, agent.id, owner.user.id);

    const refused = await expectTrpcError(human.agents.delete.mutate({ id: agent.id }), 422, 'validation_error');
    expect(refused?.message).toContain('force=true');
    expect(Object.keys(refused?.details ?? {})).toEqual(['/force']);
    await expectTrpcError(human.agents.delete.mutate({ id: agent.id, force: false }), 422, 'validation_error');
    expect((await trpcClient(ts.url, agent.key).agent.me.query()).data.id).toBe(agent.id);

    const deleted = await human.agents.delete.mutate({ id: agent.id, force: true });
    expect(deleted.data).toEqual({ id: agent.id, name: 'Native Doomed', description: 'x', executions_deleted: 1 });
    await expectTrpcError(trpcClient(ts.url, agent.key).agent.me.query(), 401, 'unauthorized');
    const memberships = await db.selectFrom('chat_participants').selectAll().where('chat_room_id', '=', room).execute();
    expect(memberships.map((m) => m.participant_id)).toEqual([owner.user.id]);
    const memories = await db.selectFrom('memories').selectAll().where('source_agent_id', '=', agent.id).execute();
    expect(memories).toEqual([]);
  });

  it('answers 404 for a foreign agent, 403 for an agent key, 422 for a bad id', async () => {
    const owner = await makeUser(ts.server.deps);
    const stranger = await makeUser(ts.server.deps);
    const agent = await newAgent(owner.apiKey, 'Guarded');
    await expectTrpcError(
      trpcClient(ts.url, stranger.apiKey).human.agents.delete.mutate({ id: agent.id, force: true }),
      404,
      'not_found',
    );
    await expectTrpcError(
      trpcClient(ts.url, stranger.apiKey).human.agents.rotateKey.mutate({ id: agent.id }),
      404,
      'not_found',
    );
    await expectTrpcError(trpcClient(ts.url, agent.key).human.agents.delete.mutate({ id: agent.id }), 403, 'forbidden');
    await expectTrpcError(
      trpcClient(ts.url, owner.apiKey).human.agents.delete.mutate({ id: 'nope' }),
      422,
      'validation_error',
    );
    expect((await trpcClient(ts.url, agent.key).agent.me.query()).data.id).toBe(agent.id);
  });

  it('rotates: the old key is refused, the new one works', async () => {
    const owner = await makeUser(ts.server.deps);
    const agent = await newAgent(owner.apiKey, 'Native Rotating');
    const rotated = await trpcClient(ts.url, owner.apiKey).human.agents.rotateKey.mutate({ id: agent.id });
    expect(rotated.data.agent).toMatchObject({ id: agent.id, owner_id: owner.user.id });
    await expectTrpcError(trpcClient(ts.url, agent.key).agent.me.query(), 401, 'unauthorized');
    const me = await trpcClient(ts.url, rotated.data.credentials.api_key).agent.me.query();
    expect(me.data.id).toBe(agent.id);
  });
});

describe('native tRPC: peers', () => {
  it('lists a user’s peers in order, filters by type and by room', async () => {
    const client = trpcClient(ts.url, w.alice.apiKey);
    const all = await client.human.peers.list.query();
    expect(all.data.map((p) => p.id)).toEqual(w.aliceOrder);
    const users = await client.human.peers.list.query({ type: 'User' });
    expect(users.data.map((p) => p.id)).toEqual([w.bob.user.id, w.carol.user.id, w.erin.user.id]);
    const room = await makeRoom(ts.server.deps.db, w.alice.organization.id, [
      { id: w.alice.user.id, kind: 'User' },
      { id: w.agents.alpha.id, kind: 'Agent' },
      { id: w.carol.user.id, kind: 'User' },
    ]);
    const outside = await client.human.peers.list.query({ not_in_chat: room, page: 1, page_size: 100 });
    expect(outside.data.map((p) => p.id)).toEqual(
      w.aliceOrder.filter((id) => id !== w.agents.alpha.id && id !== w.carol.user.id),
    );
    await expectTrpcError(
      trpcClient(ts.url, w.bob.apiKey).human.peers.list.query({ not_in_chat: room }),
      404,
      'not_found',
    );
    await expectTrpcError(client.human.peers.list.query({ type: 'Robot' as never }), 422, 'validation_error');
  });

  it('lists an agent’s peers and refuses the wrong key kind', async () => {
    const page = await trpcClient(ts.url, w.agents.zeta.key).agent.peers.list.query({ page_size: 3 });
    expect(page.data.map((p) => p.id)).toEqual(w.zetaOrder.slice(0, 3));
    expect(page.metadata).toEqual({ page: 1, page_size: 3, total_count: 6, total_pages: 2 });
    await expectTrpcError(trpcClient(ts.url, w.alice.apiKey).agent.peers.list.query(), 403, 'forbidden');
    await expectTrpcError(trpcClient(ts.url, w.agents.zeta.key).human.peers.list.query(), 403, 'forbidden');
  });
});
