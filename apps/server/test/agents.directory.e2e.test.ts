import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { makeAgent, type OrgAgent } from './harness/memoryFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';
import { expectVendorShape } from './harness/vendorContract.js';

/** `PATCH /me/agents/{id}/directory` (a Parley extension) and the peers it drives, over REST and tRPC. */
let ts: TestServer;
let api: ReturnType<typeof restClient>;
let alice: Awaited<ReturnType<typeof makeUser>>;
let bob: Awaited<ReturnType<typeof makeUser>>;
let dave: Awaited<ReturnType<typeof makeUser>>; // another organization
let helper: OrgAgent; // alice's
let bobsAgent: OrgAgent;
let davesAgent: OrgAgent;

interface AgentBody {
  id: string;
  listed_in_directory: boolean;
  shared_with_organization: boolean;
  tags: string[];
  updated_at: string;
}
interface PeerBody {
  id: string;
  tags?: string[] | null;
  listed_in_directory?: boolean | null;
}

beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
  const deps = ts.server.deps;
  alice = await makeUser(deps);
  bob = await makeUser(deps, { org: alice.organization.slug });
  dave = await makeUser(deps);
  helper = await makeAgent(deps, alice, 'Helper');
  bobsAgent = await makeAgent(deps, bob, 'Bobs');
  davesAgent = await makeAgent(deps, dave, 'Daves');
});
afterAll(async () => ts?.close());

function patch(key: string, id: string, agent: Record<string, unknown>) {
  return api.patch<{ data: AgentBody }>(`/me/agents/${id}/directory`, { key, body: { agent } });
}

async function peersOf(path: '/me/peers' | '/agent/peers', key: string): Promise<PeerBody[]> {
  const response = await api.get<{ data: PeerBody[] }>(`${path}?page_size=100`, { key });
  expect(response.status, response.text).toBe(200);
  expectVendorShape(path === '/me/peers' ? 'listMyPeers' : 'listAgentPeers', response);
  return response.body.data;
}

async function isPeerOfOrganization(agentId: string) {
  const ofBob = (await peersOf('/me/peers', bob.apiKey)).some((p) => p.id === agentId);
  const ofBobsAgent = (await peersOf('/agent/peers', bobsAgent.apiKey)).some((p) => p.id === agentId);
  expect(ofBobsAgent).toBe(ofBob);
  return ofBob;
}

describe('PATCH /me/agents/{id}/directory', () => {
  it('lists the agent in the directory with its tags: a peer of the organization, never of another', async () => {
    expect(await isPeerOfOrganization(helper.id)).toBe(false);
    const response = await patch(alice.apiKey, helper.id, {
      listed_in_directory: true,
      tags: ['search', 'docs', 'search'],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.data).toMatchObject({
      id: helper.id,
      listed_in_directory: true,
      shared_with_organization: false,
      tags: ['search', 'docs'],
    });
    expect(await isPeerOfOrganization(helper.id)).toBe(true);
    const seen = (await peersOf('/me/peers', bob.apiKey)).find((p) => p.id === helper.id);
    expect(seen).toMatchObject({ tags: ['search', 'docs'], listed_in_directory: true });
    expect((await peersOf('/me/peers', dave.apiKey)).some((p) => p.id === helper.id)).toBe(false);
    expect((await peersOf('/agent/peers', davesAgent.apiKey)).some((p) => p.id === helper.id)).toBe(false);
    const mine = await api.get<{ data: AgentBody[] }>('/me/agents', { key: alice.apiKey });
    expect(mine.body.data.find((a) => a.id === helper.id)).toMatchObject({
      listed_in_directory: true,
      tags: ['search', 'docs'],
    });
  });

  it('changes only what is given; shared with the organization keeps it a peer, neither flag removes it', async () => {
    const shared = await patch(alice.apiKey, helper.id, { listed_in_directory: false, shared_with_organization: true });
    expect(shared.body.data).toMatchObject({
      listed_in_directory: false,
      shared_with_organization: true,
      tags: ['search', 'docs'],
    });
    expect(await isPeerOfOrganization(helper.id)).toBe(true);
    const empty = await patch(alice.apiKey, helper.id, {});
    expect(empty.status).toBe(200);
    expect(empty.body.data).toMatchObject({ shared_with_organization: true, tags: ['search', 'docs'] });
    const hidden = await patch(alice.apiKey, helper.id, { shared_with_organization: false, tags: [] });
    expect(hidden.body.data).toMatchObject({ listed_in_directory: false, shared_with_organization: false, tags: [] });
    expect(await isPeerOfOrganization(helper.id)).toBe(false);
  });

  it('answers 404 for another user’s agent (same organization or not) and an unknown id, changing nothing', async () => {
    expectRestError(await patch(bob.apiKey, helper.id, { listed_in_directory: true }), 404, 'not_found');
    expectRestError(await patch(dave.apiKey, helper.id, { listed_in_directory: true }), 404, 'not_found');
    expectRestError(
      await patch(alice.apiKey, '00000000-0000-4000-8000-000000000000', { listed_in_directory: true }),
      404,
      'not_found',
    );
    expect(await isPeerOfOrganization(helper.id)).toBe(false);
    // An agent's key is not its owner's.
    expectRestError(await patch(helper.apiKey, helper.id, { listed_in_directory: true }), 403, 'forbidden');
  });

  it('refuses bad flags and tags with 422 and unknown properties with 400', async () => {
    for (const value of ['yes', 'false', 1, null]) {
      const notBool = await patch(alice.apiKey, helper.id, { listed_in_directory: value });
      expect(Object.keys(expectRestError(notBool, 422, 'validation_error').details ?? {})).toEqual([
        '/agent/listed_in_directory',
      ]);
    }
    const blankTag = await patch(alice.apiKey, helper.id, { tags: ['ok', '  '] });
    expect(Object.keys(expectRestError(blankTag, 422, 'validation_error').details ?? {})).toEqual(['/agent/tags/1']);
    const tooMany = await patch(alice.apiKey, helper.id, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) });
    expectRestError(tooMany, 422, 'validation_error');
    expectRestError(await patch(alice.apiKey, helper.id, { name: 'x' }), 400, 'unknown_property');
    expect(await isPeerOfOrganization(helper.id)).toBe(false);
  });
});

describe('human.agents.updateDirectory (tRPC)', () => {
  it('sets the same flags, with the same rules', async () => {
    const owner = trpcClient(ts.url, alice.apiKey);
    const result = await owner.human.agents.updateDirectory.mutate({
      id: helper.id,
      agent: { shared_with_organization: true, tags: ['ops'] },
    });
    expect(result.data).toMatchObject({ id: helper.id, shared_with_organization: true, tags: ['ops'] });
    expect(await isPeerOfOrganization(helper.id)).toBe(true);
    await expectTrpcError(
      trpcClient(ts.url, bob.apiKey).human.agents.updateDirectory.mutate({ id: helper.id, agent: { tags: [] } }),
      404,
      'not_found',
    );
    await owner.human.agents.updateDirectory.mutate({ id: helper.id, agent: { shared_with_organization: false } });
    expect(await isPeerOfOrganization(helper.id)).toBe(false);
  });
});
