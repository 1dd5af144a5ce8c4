import { registerAgent } from '@parley/core/agents/registerAgent';
import type { CoreDeps } from '@parley/core/deps';
import { expect } from 'vitest';
import { makeUser } from './fixtures.js';
import type { restClient } from './http.js';
import { expectVendorError, expectVendorShape, vendorStatuses } from './vendorContract.js';

type Rest = ReturnType<typeof restClient>;

/** A REST response checked against the vendor: its schema for that status, else the Error envelope. */
export function expectVendorBody(operationId: string, response: { status: number; body: unknown }) {
  if (vendorStatuses(operationId).includes(response.status)) expectVendorShape(operationId, response);
  else expectVendorError(response);
}

export interface OrgAgent {
  id: string;
  apiKey: string;
}

/** An agent owned by `owner`, registered through the domain (as `POST /me/agents/register` does). */
export async function makeAgent(
  deps: CoreDeps,
  owner: Awaited<ReturnType<typeof makeUser>>,
  name = 'Memory Bot',
): Promise<OrgAgent> {
  const { agent, apiKey } = await registerAgent(
    deps,
    {
      kind: 'user',
      userId: owner.user.id,
      organizationId: owner.organization.id,
      handle: owner.user.handle,
      keyId: '',
    },
    { name, description: 'remembers things' },
  );
  return { id: agent.id, apiKey };
}

/** An organization with two users, one agent each, and a room holding the owner and its agent. */
export async function makeMemoryOrg(deps: CoreDeps) {
  const owner = await makeUser(deps);
  const teammate = await makeUser(deps, { org: owner.organization.slug });
  const agent = await makeAgent(deps, owner, 'Recall');
  const otherAgent = await makeAgent(deps, teammate, 'Other Recall');
  const room = await makeRoom(deps, owner.organization.id, [
    { id: owner.user.id, type: 'User' },
    { id: agent.id, type: 'Agent' },
  ]);
  return { organizationId: owner.organization.id, owner, teammate, agent, otherAgent, room };
}

/**
 * A chat room with participants, written straight to the tables: the chat endpoints are built
 * elsewhere, and the `room` scope only needs the rows.
 */
export async function makeRoom(
  deps: CoreDeps,
  organizationId: string,
  participants: { id: string; type: 'User' | 'Agent' }[],
): Promise<string> {
  const room = await deps.db
    .insertInto('chat_rooms')
    .values({
      organization_id: organizationId,
      title: 'memories',
      type: 'group',
      status: 'active',
      created_by: participants[0]?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [index, p] of participants.entries()) {
    await deps.db
      .insertInto('chat_participants')
      .values({
        chat_room_id: room.id,
        participant_id: p.id,
        participant_type: p.type,
        role: index === 0 ? 'owner' : 'member',
        status: 'active',
      })
      .execute();
  }
  return room.id;
}

/**
 * A memory stored in a room, written straight to the table (any source agent, in the room or not).
 * Through the API, `chat_room_id` on create does it (memories.room.rest.e2e.test.ts).
 */
export async function insertRoomMemory(
  deps: CoreDeps,
  values: { organizationId: string; roomId: string; sourceAgentId: string; content: string; subjectId?: string },
): Promise<string> {
  const row = await deps.db
    .insertInto('memories')
    .values({
      organization_id: values.organizationId,
      chat_room_id: values.roomId,
      source_agent_id: values.sourceAgentId,
      subject_id: values.subjectId ?? null,
      scope: values.subjectId ? 'subject' : 'organization',
      system: 'working',
      type: 'episodic',
      segment: 'user',
      content: values.content,
      thought: 'noted in the room',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // PGlite's clock counts milliseconds, and lists order by time (ties by random id): rows stored
  // in the same millisecond would list in any order. Suites check newest first, so the next row
  // must be stored at a later time.
  await new Promise((resolve) => setTimeout(resolve, 2));
  return row.id;
}

export interface MemoryBody {
  id: string;
  content: string;
  status: string;
  scope: string;
  subject_id: string | null;
  chat_room_id?: string | null;
  source_agent_id?: string;
  organization_id: string;
  metadata: { tags: string[]; references: string[] };
  inserted_at: string;
}

export interface MemoryList {
  data: MemoryBody[];
  metadata: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** Stores a memory through `POST /agent/memories` and returns it (the body checked against the vendor). */
export async function storeMemory(api: Rest, agentKey: string, memory: Record<string, unknown>): Promise<MemoryBody> {
  const response = await api.post<{ data: MemoryBody }>('/agent/memories', {
    key: agentKey,
    body: {
      memory: { system: 'long_term', type: 'semantic', segment: 'user', thought: 'worth keeping', ...memory },
    },
  });
  expect(response.status, response.text).toBe(201);
  expectVendorShape('createAgentMemory', response);
  return response.body.data;
}
