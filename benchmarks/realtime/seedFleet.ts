import { registerAgent } from '@parley/core/agents/registerAgent';
import type { UserIdentity } from '@parley/core/auth/identity';
import { createChat } from '@parley/core/chats/createChat';
import type { CoreDeps } from '@parley/core/deps';
import { addParticipant } from '@parley/core/participants/addParticipant';
import { createUser } from '@parley/core/users/createUser';
import type { FleetAgent } from './socketFleet.js';

export interface FleetWorld {
  userKey: string;
  userId: string;
  rooms: { id: string; agents: FleetAgent[] }[];
}

/** One user and `agents` agents spread over `rooms` rooms, through the domain functions. */
export async function seedFleet(deps: CoreDeps, options: { agents: number; rooms: number }): Promise<FleetWorld> {
  const { user, organization, apiKey } = await createUser(deps, {
    org: 'realtime-bench',
    handle: 'rt-bench',
    email: 'rt-bench@example.test',
    firstName: 'Bench',
  });
  const identity: UserIdentity = {
    kind: 'user',
    userId: user.id,
    organizationId: organization.id,
    handle: user.handle,
    keyId: 'bench',
  };
  const rooms: FleetWorld['rooms'] = [];
  for (let r = 0; r < options.rooms; r++) {
    rooms.push({ id: (await createChat(deps, identity, { title: `fleet ${r}` })).id, agents: [] });
  }
  const BATCH = 20;
  for (let i = 0; i < options.agents; i += BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(BATCH, options.agents - i) }, async (_, j) => {
        const n = i + j;
        const room = rooms[n % rooms.length] as FleetWorld['rooms'][number];
        const { agent, apiKey: key } = await registerAgent(deps, identity, {
          name: `Fleet ${n}`,
          description: 'bench',
        });
        await addParticipant(deps, identity, { roomId: room.id, participantId: agent.id });
        room.agents.push({ id: agent.id, key, roomId: room.id });
      }),
    );
  }
  return { userKey: apiKey, userId: user.id, rooms };
}
