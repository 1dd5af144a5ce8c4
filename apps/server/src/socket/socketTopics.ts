import { eventTable } from '@parley/contracts/events/eventTable';
import type { Identity } from '@parley/core/auth/identity';
import type { CoreDeps } from '@parley/core/deps';
import { findMembership } from '@parley/db/repositories/chatParticipants';
import type { Viewer, VisibleEvent } from '@parley/realtime/eventVisibility';

/** The socket's topics (docs/realtime.md), parsed. */
export type SocketTopic =
  | { kind: 'chat_room' | 'room_participants'; roomId: string }
  | { kind: 'user_rooms' | 'user_contacts'; userId: string }
  | { kind: 'agent_rooms' | 'agent_contacts' | 'agent_control'; agentId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOPIC = /^(chat_room|room_participants|user_rooms|user_contacts|agent_rooms|agent_contacts|agent_control):(.+)$/;

/** A topic of ours, or null for any other string (Phoenix answers those "unmatched topic"). */
export function parseTopic(topic: string): SocketTopic | null {
  const m = TOPIC.exec(topic);
  if (!m) return null;
  const kind = m[1] as SocketTopic['kind'];
  const id = m[2] as string;
  switch (kind) {
    case 'chat_room':
    case 'room_participants':
      return { kind, roomId: id };
    case 'user_rooms':
    case 'user_contacts':
      return { kind, userId: id };
    case 'agent_rooms':
    case 'agent_contacts':
    case 'agent_control':
      return { kind, agentId: id };
  }
}

/**
 * Whether `identity` may join: room topics need a participant of the room; personal topics
 * belong to their one user or agent. Ids that are not UUIDs are simply nobody's.
 */
export async function mayJoinTopic(deps: CoreDeps, identity: Identity, topic: SocketTopic): Promise<boolean> {
  switch (topic.kind) {
    case 'chat_room':
    case 'room_participants': {
      if (!UUID.test(topic.roomId)) return false;
      const principalId = identity.kind === 'user' ? identity.userId : identity.agentId;
      return (await findMembership(deps.db, topic.roomId, principalId)) !== undefined;
    }
    case 'user_rooms':
    case 'user_contacts':
      return identity.kind === 'user' && identity.userId === topic.userId;
    case 'agent_rooms':
    case 'agent_contacts':
    case 'agent_control':
      return identity.kind === 'agent' && identity.agentId === topic.agentId;
  }
}

/** The topic an event is pushed on, for this viewer (the event table's topic family). */
export function topicOf(event: VisibleEvent, viewer: Viewer): string {
  const topic = eventTable[event.type].topic;
  switch (topic) {
    case 'chat_room':
    case 'room_participants':
      return `${topic}:${event.roomId}`;
    case 'rooms':
    case 'contacts':
      return `${viewer.kind}_${topic}:${viewer.principalId}`;
  }
}
