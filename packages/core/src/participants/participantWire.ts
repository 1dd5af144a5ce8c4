import type { ChatParticipant, MeChatParticipant } from '@parley/contracts/objects/chatParticipant';
import type { ParticipantRow } from '@parley/db/repositories/chatParticipants';

/** The ChatParticipant wire object (Agent API, add and remove answers). */
export function chatParticipantView(p: ParticipantRow): ChatParticipant {
  return { id: p.id, type: p.type, name: p.name, handle: p.handle, role: p.role, status: p.status };
}

/**
 * The participant as the Human API lists it (agents also show their description and whether they
 * are external; null for users). `participant_added` carries this object too: it is a superset of
 * the vendor's ChatParticipant, so the event and `GET /me/chats/{id}/participants` cannot drift.
 */
export function meChatParticipantView(p: ParticipantRow): MeChatParticipant {
  return { ...chatParticipantView(p), description: p.description, is_external: p.is_external };
}

/** `participant_removed`: who left (the vendor's `{id, type}`, with `name` and `handle`). */
export function removedParticipantView(p: Pick<ParticipantRow, 'id' | 'type' | 'name' | 'handle'>) {
  return { id: p.id, type: p.type, name: p.name, handle: p.handle };
}
