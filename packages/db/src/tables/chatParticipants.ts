import type { CreatedAt } from './columns.js';
import type { PrincipalKind } from './principals.js';

export type ParticipantRole = 'owner' | 'admin' | 'member';

export interface ChatParticipantsTable {
  chat_room_id: string;
  participant_id: string;
  participant_type: PrincipalKind;
  role: ParticipantRole;
  status: 'active';
  inserted_at: CreatedAt;
}
