import type { Database } from '@parley/db/database';

/**
 * Rows the agent-deletion and peer suites need from other parts of the domain (rooms,
 * participants, contacts, messages, deliveries, memories), written straight through Kysely so
 * these suites do not depend on the chat, contact or memory endpoints.
 */

type Kind = 'User' | 'Agent';
export interface PrincipalRef {
  id: string;
  kind: Kind;
}

/** A room in `organizationId` with these participants, joined in order (the first one is its owner). */
export async function makeRoom(db: Database, organizationId: string, participants: PrincipalRef[]): Promise<string> {
  const room = await db
    .insertInto('chat_rooms')
    .values({
      organization_id: organizationId,
      title: 'fixture room',
      type: 'group',
      status: 'active',
      created_by: participants[0]?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Explicit join times a millisecond apart: PGlite's clock does not tell quick inserts apart.
  const base = Date.now();
  for (const [index, p] of participants.entries()) {
    await addParticipant(db, room.id, p, index === 0 ? 'owner' : 'member', new Date(base + index).toISOString());
  }
  return room.id;
}

/** Adds a participant and takes its seat in the room's `participants` quota, as the chat core does. */
export async function addParticipant(
  db: Database,
  roomId: string,
  p: PrincipalRef,
  role: 'owner' | 'admin' | 'member' = 'member',
  joinedAt?: string,
) {
  await db
    .insertInto('chat_participants')
    .values({
      chat_room_id: roomId,
      participant_id: p.id,
      participant_type: p.kind,
      role,
      status: 'active',
      ...(joinedAt ? { inserted_at: joinedAt } : {}),
    })
    .execute();
  await db
    .insertInto('quota_usage')
    .values({ scope_id: roomId, resource: 'participants', used: 1 })
    .onConflict((oc) =>
      oc.columns(['scope_id', 'resource']).doUpdateSet((eb) => ({ used: eb('quota_usage.used', '+', 1) })),
    )
    .execute();
}

/** An approved contact: one row per direction, as the contacts domain stores it. */
export async function makeContacts(db: Database, a: string, b: string) {
  await db
    .insertInto('contacts')
    .values([
      { owner_id: a, contact_id: b, source: 'request' },
      { owner_id: b, contact_id: a, source: 'request' },
    ])
    .execute();
}

/** A text message in a room from `senderId`. */
export async function makeMessage(db: Database, roomId: string, sender: PrincipalRef, content = 'hello') {
  return db
    .insertInto('messages')
    .values({ chat_room_id: roomId, sender_id: sender.id, sender_type: sender.kind, message_type: 'text', content })
    .returning(['id', 'seq'])
    .executeTakeFirstOrThrow();
}

/** A message delivered to an agent with `attempts` processing attempts on it. */
export async function makeDelivery(db: Database, roomId: string, sender: PrincipalRef, agentId: string, attempts = 0) {
  const message = await makeMessage(db, roomId, sender, 'for the agent');
  await db
    .insertInto('message_deliveries')
    .values({
      message_id: message.id,
      agent_id: agentId,
      chat_room_id: roomId,
      message_seq: message.seq,
      status: attempts > 0 ? 'processing' : 'delivered',
      current_attempt: attempts,
    })
    .execute();
  for (let n = 1; n <= attempts; n++) {
    await db
      .insertInto('delivery_attempts')
      .values({ message_id: message.id, agent_id: agentId, attempt_number: n, status: 'processing' })
      .execute();
  }
  return message;
}

/** A memory written by `agentId`, about `subjectId` (or the organization). */
export async function makeMemory(db: Database, organizationId: string, agentId: string, subjectId?: string) {
  return db
    .insertInto('memories')
    .values({
      organization_id: organizationId,
      source_agent_id: agentId,
      subject_id: subjectId ?? null,
      scope: subjectId ? 'subject' : 'organization',
      system: 'long_term',
      type: 'semantic',
      segment: 'agent',
      content: 'remember this',
      thought: 'worth keeping',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Sets flags the API cannot set yet (no endpoint updates an agent or a user's directory flag). */
export async function setAgentFlags(
  db: Database,
  agentId: string,
  flags: { listed_in_directory?: boolean; shared_with_organization?: boolean; tags?: string[] },
) {
  await db.updateTable('agents').set(flags).where('id', '=', agentId).execute();
}
