import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { restClient } from './harness/http.js';
import { makeRoom } from './harness/peerFixtures.js';
import { makePeerWorld, type PeerWorld } from './harness/peerWorld.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectVendorShape } from './harness/vendorContract.js';

interface PeerBody {
  id: string;
  name: string;
  type: 'User' | 'Agent';
  handle: string;
  source: 'registry' | 'contact';
  is_contact: boolean;
  [key: string]: unknown;
}
interface PeerPage {
  data: PeerBody[];
  metadata: { page: number; page_size: number; total_count: number; total_pages: number };
}

let ts: TestServer;
let api: ReturnType<typeof restClient>;
let w: PeerWorld;
beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
  w = await makePeerWorld(ts.server.deps);
});
afterAll(async () => ts?.close());

async function myPeers(key: string, query = '') {
  const response = await api.get<PeerPage>(`/me/peers${query}`, { key });
  expectVendorShape('listMyPeers', response);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

async function agentPeers(key: string, query = '') {
  const response = await api.get<PeerPage>(`/agent/peers${query}`, { key });
  expectVendorShape('listAgentPeers', response);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

const ids = (page: PeerPage) => page.data.map((p) => p.id);

describe('GET /me/peers', () => {
  it('lists registry entries first, then contacts, each group by name, handle and id', async () => {
    const page = await myPeers(w.alice.apiKey);
    expect(ids(page)).toEqual(w.aliceOrder);
    expect(page.data.map((p) => p.source)).toEqual([...Array(7).fill('registry'), 'contact', 'contact']);
    expect(page.metadata).toEqual({ page: 1, page_size: 20, total_count: 9, total_pages: 1 });
  });

  it('never lists the caller, nor anyone of another organization except contacts', async () => {
    const page = await myPeers(w.alice.apiKey);
    const listed = ids(page);
    expect(listed).not.toContain(w.alice.user.id);
    expect(listed).not.toContain(w.dave.user.id);
    expect(listed).not.toContain(w.agents.outsider.id); // directory-listed, but in the other organization
    expect(listed).not.toContain(w.agents.bobPrivate.id); // neither own, listed nor shared
    expect(new Set(listed).size).toBe(listed.length);
    const erin = page.data.find((p) => p.id === w.erin.user.id);
    expect(erin).toMatchObject({ source: 'contact', is_contact: true, type: 'User', name: 'Erin' });

    const dave = await myPeers(w.dave.apiKey);
    expect(ids(dave).sort()).toEqual([w.erin.user.id, w.agents.outsider.id, w.agents.foreignFriend.id].sort());
  });

  it('gives each peer its fields: a registry peer that is also a contact appears once', async () => {
    const page = await myPeers(w.alice.apiKey);
    const bob = page.data.find((p) => p.id === w.bob.user.id);
    expect(bob).toEqual({
      id: w.bob.user.id,
      name: 'Bob',
      type: 'User',
      handle: w.bob.user.handle,
      description: null,
      is_contact: true,
      is_external: null,
      listed_in_directory: false,
      tags: null,
      source: 'registry',
    });
    const carol = page.data.find((p) => p.id === w.carol.user.id);
    expect(carol).toMatchObject({ name: w.carol.user.handle, is_contact: false });
    const directory = page.data.find((p) => p.id === w.agents.directory.id);
    expect(directory).toEqual({
      id: w.agents.directory.id,
      name: 'Directory Bot',
      type: 'Agent',
      handle: w.agents.directory.handle,
      description: 'Directory Bot at work',
      is_contact: false,
      is_external: true,
      listed_in_directory: true,
      tags: ['search'],
      source: 'registry',
    });
    expect(directory?.handle).not.toMatch(/^@/);
  });

  it('filters by type', async () => {
    const users = await myPeers(w.alice.apiKey, '?type=User');
    expect(ids(users)).toEqual(w.aliceOrder.filter((id) => users.data.some((p) => p.id === id)));
    expect(ids(users)).toEqual([w.bob.user.id, w.carol.user.id, w.erin.user.id]);
    expect(users.metadata.total_count).toBe(3);
    const agents = await myPeers(w.alice.apiKey, '?type=Agent');
    expect(agents.data.every((p) => p.type === 'Agent')).toBe(true);
    expect(ids(agents)).toEqual(w.aliceOrder.filter((id) => !ids(users).includes(id)));
    expectRestError(await api.get('/me/peers?type=Robot', { key: w.alice.apiKey }), 422, 'validation_error');
    expectRestError(await api.get('/me/peers?type=user', { key: w.alice.apiKey }), 422, 'validation_error');
  });

  it('pages by page and page_size in a stable order', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await myPeers(w.alice.apiKey, `?page=${page}&page_size=4`));
    expect(pages.flatMap(ids)).toEqual(w.aliceOrder);
    expect(pages[0]?.metadata).toEqual({ page: 1, page_size: 4, total_count: 9, total_pages: 3 });
    expect(pages[2]?.data).toHaveLength(1);
    const beyond = await myPeers(w.alice.apiKey, '?page=7&page_size=4');
    expect(beyond.data).toEqual([]);
    expect(beyond.metadata).toEqual({ page: 7, page_size: 4, total_count: 9, total_pages: 3 });
    for (const bad of ['?page=0', '?page_size=0', '?page_size=101', '?page=x']) {
      expectRestError(await api.get(`/me/peers${bad}`, { key: w.alice.apiKey }), 422, 'validation_error');
    }
    expectRestError(await api.get('/me/peers?cursor=abc', { key: w.alice.apiKey }), 400, 'unknown_property');
  });

  it('not_in_chat removes exactly the participants of that room', async () => {
    const room = await makeRoom(ts.server.deps.db, w.alice.organization.id, [
      { id: w.alice.user.id, kind: 'User' },
      { id: w.bob.user.id, kind: 'User' },
      { id: w.agents.zeta.id, kind: 'Agent' },
      { id: w.erin.user.id, kind: 'User' },
    ]);
    const page = await myPeers(w.alice.apiKey, `?not_in_chat=${room}`);
    const inRoom = [w.bob.user.id, w.agents.zeta.id, w.erin.user.id];
    expect(ids(page)).toEqual(w.aliceOrder.filter((id) => !inRoom.includes(id)));
    expect(page.metadata.total_count).toBe(6);
    const agents = await myPeers(w.alice.apiKey, `?not_in_chat=${room}&type=Agent&page_size=2`);
    expect(ids(agents)).toEqual([w.agents.alpha.id, w.agents.aliceBob.id]);
    expect(agents.metadata).toMatchObject({ total_count: 5, total_pages: 3 });
  });

  it('answers 404 for a room the caller is not in, whether it exists or not', async () => {
    const foreign = await makeRoom(ts.server.deps.db, w.alice.organization.id, [
      { id: w.bob.user.id, kind: 'User' },
      { id: w.carol.user.id, kind: 'User' },
    ]);
    expectRestError(await api.get(`/me/peers?not_in_chat=${foreign}`, { key: w.alice.apiKey }), 404, 'not_found');
    expectRestError(
      await api.get('/me/peers?not_in_chat=00000000-0000-4000-8000-000000000000', { key: w.alice.apiKey }),
      404,
      'not_found',
    );
    expectRestError(await api.get('/me/peers?not_in_chat=nope', { key: w.alice.apiKey }), 422, 'validation_error');
  });

  it('needs a user key', async () => {
    const response = await api.get('/me/peers', { key: w.agents.zeta.key });
    expectRestError(response, 403, 'forbidden');
    expectVendorShape('listMyPeers', response);
    const anonymous = await api.get('/me/peers');
    expectRestError(anonymous, 401, 'unauthorized');
    expectVendorShape('listMyPeers', anonymous);
  });
});

describe('GET /agent/peers', () => {
  it('lists the owner, siblings and directory agents, then contacts; never itself', async () => {
    const page = await agentPeers(w.agents.zeta.key);
    expect(ids(page)).toEqual(w.zetaOrder);
    expect(ids(page)).not.toContain(w.agents.zeta.id);
    expect(ids(page)).not.toContain(w.bob.user.id); // an organization user, but not the owner
    expect(page.data.map((p) => p.source)).toEqual([...Array(5).fill('registry'), 'contact']);
    expect(page.data[0]).toMatchObject({ id: w.alice.user.id, type: 'User', name: 'Alice', is_contact: false });
    expect(page.metadata).toEqual({ page: 1, page_size: 20, total_count: 6, total_pages: 1 });
  });

  it('sees its own contacts only, and siblings see each other', async () => {
    const alpha = await agentPeers(w.agents.alpha.key);
    expect(ids(alpha)).toEqual([
      w.alice.user.id,
      w.agents.aliceBob.id,
      w.agents.directory.id,
      w.agents.shared.id,
      w.agents.zeta.id,
    ]);
    const outsider = await agentPeers(w.agents.outsider.key);
    expect(ids(outsider)).toEqual([w.dave.user.id, w.agents.foreignFriend.id]);
  });

  it('applies not_in_chat and pages', async () => {
    const room = await makeRoom(ts.server.deps.db, w.alice.organization.id, [
      { id: w.alice.user.id, kind: 'User' },
      { id: w.agents.zeta.id, kind: 'Agent' },
      { id: w.agents.directory.id, kind: 'Agent' },
    ]);
    const page = await agentPeers(w.agents.zeta.key, `?not_in_chat=${room}&page=2&page_size=2`);
    const expected = w.zetaOrder.filter((id) => id !== w.alice.user.id && id !== w.agents.directory.id);
    expect(ids(page)).toEqual(expected.slice(2, 4));
    expect(page.metadata).toEqual({ page: 2, page_size: 2, total_count: 4, total_pages: 2 });
    expectRestError(await api.get(`/agent/peers?not_in_chat=${room}`, { key: w.agents.alpha.key }), 404, 'not_found');
  });

  it('needs an agent key and takes no type filter', async () => {
    const response = await api.get('/agent/peers', { key: w.alice.apiKey });
    expectRestError(response, 403, 'forbidden');
    expectVendorShape('listAgentPeers', response);
    expectRestError(await api.get('/agent/peers?type=User', { key: w.agents.zeta.key }), 400, 'unknown_property');
  });
});
