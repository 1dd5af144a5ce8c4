import { eventTable, type RealtimeEventType } from '@parley/contracts/events/eventTable';
import type { Identity } from '@parley/core/auth/identity';
import type { OutboxRow } from '@parley/db/repositories/eventOutbox';

/** Who is looking: the principal a socket or stream authenticated as. */
export interface Viewer {
  kind: 'user' | 'agent';
  principalId: string;
}

export function viewerOf(identity: Identity): Viewer {
  return identity.kind === 'user'
    ? { kind: 'user', principalId: identity.userId }
    : { kind: 'agent', principalId: identity.agentId };
}

/** An event as one viewer receives it. */
export interface VisibleEvent {
  id: number;
  type: RealtimeEventType;
  roomId: string | null;
  payload: unknown;
}

/** Platform-internal message types: never pushed to anyone (docs/messages.md). */
const INTERNAL_TYPES = new Set(['system', 'action', 'guidelines']);

interface MessageLike {
  message_type?: unknown;
  sender_id?: unknown;
  metadata?: { mentions?: unknown; delivery_status?: unknown } | null;
}

function mentions(payload: MessageLike, principalId: string): boolean {
  const list = payload.metadata?.mentions;
  if (!Array.isArray(list)) return false;
  return list.some(
    (m: { id?: unknown; kind?: unknown } | null) => m?.id === principalId && (m.kind ?? 'mention') === 'mention',
  );
}

/**
 * Whether an event is for this viewer, membership aside (docs/realtime.md): personal events for their one
 * recipient; in rooms, people get messages, events and updates, while an agent gets only
 * `message_created` of text that mentions it and that it did not send, plus membership changes.
 */
export function eventConcerns(row: OutboxRow, viewer: Viewer): boolean {
  if (row.recipient_id !== null) return row.recipient_id === viewer.principalId;
  const entry = eventTable[row.type as RealtimeEventType];
  if (!entry) return false; // a type this build does not know (a newer instance wrote it)
  const message = row.payload as MessageLike;
  if (INTERNAL_TYPES.has(String(message.message_type))) return false;
  switch (entry.audience) {
    case 'room_people_and_mentioned_agents':
      if (viewer.kind === 'user') return true;
      return (
        message.message_type === 'text' &&
        message.sender_id !== viewer.principalId &&
        mentions(message, viewer.principalId)
      );
    case 'room_people':
      return viewer.kind === 'user';
    case 'room_everyone':
      return true;
    case 'recipient':
      return false; // a personal event always names its recipient (checked above)
  }
}

/** Agents mentioned by a text message: the only agents a `message_created` can reach. */
export function mentionedIds(row: OutboxRow): string[] {
  const list = (row.payload as MessageLike).metadata?.mentions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((m: { id?: unknown } | null) => (typeof m?.id === 'string' ? [m.id] : []));
}

/**
 * The payload as this viewer may see it: an agent sees only its own entry of a message's
 * `delivery_status` (as in the REST answers), people see all of it.
 */
export function viewEvent(row: OutboxRow, viewer: Viewer): VisibleEvent {
  let payload = row.payload;
  const message = payload as MessageLike;
  const statuses = message.metadata?.delivery_status;
  if (viewer.kind === 'agent' && statuses && typeof statuses === 'object') {
    const own = (statuses as Record<string, unknown>)[viewer.principalId];
    payload = {
      ...(payload as object),
      metadata: { ...message.metadata, delivery_status: own === undefined ? {} : { [viewer.principalId]: own } },
    };
  }
  return { id: row.id, type: row.type as RealtimeEventType, roomId: row.chat_room_id, payload };
}
