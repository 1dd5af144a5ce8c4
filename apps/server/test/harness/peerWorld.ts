import { randomBytes } from 'node:crypto';
import { registerAgent } from '@parley/core/agents/registerAgent';
import type { CoreDeps } from '@parley/core/deps';
import { makeUser, uniqueHandle } from './fixtures.js';
import { makeContacts, setAgentFlags } from './peerFixtures.js';

type Made = Awaited<ReturnType<typeof makeUser>>;

export interface WorldAgent {
  id: string;
  handle: string;
  key: string;
}

async function agentOf(deps: CoreDeps, owner: Made, name: string): Promise<WorldAgent> {
  const identity = {
    kind: 'user' as const,
    userId: owner.user.id,
    organizationId: owner.organization.id,
    handle: owner.user.handle,
    keyId: 'fixture',
  };
  const { agent, apiKey } = await registerAgent(deps, identity, { name, description: `${name} at work` });
  return { id: agent.id, handle: agent.handle, key: apiKey };
}

/**
 * Two organizations for the peer suites. In `north`: alice (the usual caller) with agents
 * "Zeta Helper", "Alpha Scout" and "Bob" (same name as a user, to test the tie-break); bob with a
 * private agent, a directory-listed one and an organization-shared one; carol without a name (her
 * handle is her name). In `south`: dave with a directory-listed agent and "Foreign Friend", and
 * erin. Contacts: alice–bob (registry and contact), alice–erin and alice–Foreign Friend
 * (contact only, across organizations), Zeta Helper–erin.
 */
export async function makePeerWorld(deps: CoreDeps) {
  const north = `north-${randomBytes(4).toString('hex')}`;
  const south = `south-${randomBytes(4).toString('hex')}`;
  const alice = await makeUser(deps, { org: north, handle: uniqueHandle('alice'), firstName: 'Alice' });
  const bob = await makeUser(deps, { org: north, handle: uniqueHandle('bob'), firstName: 'Bob' });
  const carol = await makeUser(deps, { org: north, handle: uniqueHandle('carol') });
  const dave = await makeUser(deps, { org: south, handle: uniqueHandle('dave'), firstName: 'Dave' });
  const erin = await makeUser(deps, { org: south, handle: uniqueHandle('erin'), firstName: 'Erin' });

  const zeta = await agentOf(deps, alice, 'Zeta Helper');
  const alpha = await agentOf(deps, alice, 'Alpha Scout');
  const aliceBob = await agentOf(deps, alice, 'Bob');
  const bobPrivate = await agentOf(deps, bob, 'Bob Private');
  const directory = await agentOf(deps, bob, 'Directory Bot');
  const shared = await agentOf(deps, bob, 'Shared Bot');
  const outsider = await agentOf(deps, dave, 'Outsider');
  const foreignFriend = await agentOf(deps, dave, 'Foreign Friend');

  await setAgentFlags(deps.db, directory.id, { listed_in_directory: true, tags: ['search'] });
  await setAgentFlags(deps.db, shared.id, { shared_with_organization: true });
  await setAgentFlags(deps.db, outsider.id, { listed_in_directory: true });
  await makeContacts(deps.db, alice.user.id, bob.user.id);
  await makeContacts(deps.db, alice.user.id, erin.user.id);
  await makeContacts(deps.db, alice.user.id, foreignFriend.id);
  await makeContacts(deps.db, zeta.id, erin.user.id);

  return {
    alice,
    bob,
    carol,
    dave,
    erin,
    agents: { zeta, alpha, aliceBob, bobPrivate, directory, shared, outsider, foreignFriend },
    /** Alice's peers in their documented order. */
    aliceOrder: [
      alpha.id,
      aliceBob.id, // "Bob" ties with the user Bob; its handle `alice…/bob` sorts first
      bob.user.id,
      carol.user.id, // no name: her handle `carol…` is her name
      directory.id,
      shared.id,
      zeta.id,
      erin.user.id, // contacts only, after the registry
      foreignFriend.id,
    ],
    /** Zeta Helper's peers in their documented order. */
    zetaOrder: [alice.user.id, alpha.id, aliceBob.id, directory.id, shared.id, erin.user.id],
  };
}

export type PeerWorld = Awaited<ReturnType<typeof makePeerWorld>>;
