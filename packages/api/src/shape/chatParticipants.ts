import type { ChatParticipant, MeChatParticipant } from '@parley/contracts/objects/chatParticipant';
import type { ParticipantRow } from '@parley/db/repositories/chatParticipants';

export function toChatParticipant(p: ParticipantRow): ChatParticipant {
  return { id: p.id, type: p.type, name: p.name, handle: p.handle, role: p.role, status: p.status };
}

export function toMeChatParticipant(p: ParticipantRow): MeChatParticipant {
  return { ...toChatParticipant(p), description: p.description, is_external: p.is_external };
}
