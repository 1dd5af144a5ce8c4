import { randomUUID } from 'node:crypto';
import { registerAgent } from '@parley/core/agents/registerAgent';
import type { CoreDeps } from '@parley/core/deps';
import { type EventToRecord, recordEvents } from '@parley/core/events/recordEvent';
import type { Database } from '@parley/db/database';
import { makeUser } from './fixtures.js';

/** A user with its key, or an agent with its own key and its owner. */
export interface Principal {
  id: string;
  kind: 'User' | 'Agent';
  key: string;
  handle: string;
  organizationId: string;
  name: string;
}

export async function userPrincipal(deps: CoreDeps, org?: string): Promise<Principal> {
  const { user, organization, apiKey } = await makeUser(deps, org ? { org } : {});
  return {
    id: user.id,
    kind: 'User',
    key: apiKey,
    handle: user.handle,
    organizationId: organization.id,
    name: user.handle,
  };
}

export async function agentPrincipal(deps: CoreDeps, owner: Principal, name = 'Helper'): Promise<Principal> {
  const { agent, apiKey } = await registerAgent(
    deps,
    { kind: 'user', userId: owner.id, organizationId: owner.organizationId, handle: owner.handle, keyId: 'fixture' },
    { name, description: 'test agent' },
  );
  return { id: agent.id, kind: 'Agent', key: apiKey, handle: agent.handle, organizationId: owner.organizationId, name };
}

/** A room with these participants, written straight to the tables (no events). */
export async function insertRoom(db: Database, organizationId: string, members: Principal[]): Promise<string> {
  const room = await db
    .insertInto('chat_rooms')
    .values({ organization_id: organizationId, title: 'Realtime room', type: 'direct', status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('chat_participants')
    .values(
      members.map((m, i) => ({
        chat_room_id: room.id,
        participant_id: m.id,
        participant_type: m.kind,
        role: i === 0 ? ('owner' as const) : ('member' as const),
        status: 'active' as const,
      })),
    )
    .execute();
  return room.id;
}

export async function deleteParticipantRow(db: Database, roomId: string, principalId: string): Promise<void> {
  await db
    .deleteFrom('chat_participants')
    .where('chat_room_id', '=', roomId)
    .where('participant_id', '=', principalId)
    .execute();
}

/** Commits events the way a domain write does: in a transaction of their own here. */
export async function publish(db: Database, ...events: EventToRecord[]): Promise<void> {
  await db.transaction().execute((trx) => recordEvents(trx, events));
}

const now = () => new Date().toISOString().replace('Z', '000Z');

/** A ChatMessage payload from `sender` in `roomId`, mentioning `mentions`. */
export function messagePayload(
  roomId: string,
  sender: Principal,
  options: { content?: string; type?: string; mentions?: Principal[]; kind?: 'mention' | 'reference' } = {},
) {
  const at = now();
  return {
    id: randomUUID(),
    chat_room_id: roomId,
    content: options.content ?? 'hello',
    message_type: options.type ?? 'text',
    sender_id: sender.id,
    sender_type: sender.kind,
    sender_name: sender.name,
    metadata: {
      mentions: (options.mentions ?? []).map((m) => ({
        id: m.id,
        handle: m.handle,
        name: m.name,
        kind: options.kind ?? 'mention',
      })),
      status: 'sent',
      delivery_status: Object.fromEntries(
        (options.mentions ?? []).map((m) => [m.id, { status: 'delivered', current_attempt: 0 }]),
      ),
    },
    inserted_at: at,
    updated_at: at,
  };
}

/** A `message_created` (or another message event) ready to record. */
export function messageEvent(
  roomId: string,
  organizationId: string,
  payload: ReturnType<typeof messagePayload>,
  type: 'message_created' | 'message_updated' | 'event_created' = 'message_created',
): EventToRecord {
  return { type, organizationId, roomId, payload };
}

/** Polls `check` until it holds (bounded): never a fixed sleep. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
