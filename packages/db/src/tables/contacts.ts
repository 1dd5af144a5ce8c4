import type { CreatedAt, Timestamp, UuidPk } from './columns.js';

/** One row per direction: an approved pair is two rows. */
export interface ContactsTable {
  id: UuidPk;
  owner_id: string;
  contact_id: string;
  source: string;
  inserted_at: CreatedAt;
}

export type ContactRequestStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled';

export interface ContactRequestsTable {
  id: UuidPk;
  requester_id: string;
  recipient_id: string;
  status: ContactRequestStatus;
  message: string | null;
  inserted_at: CreatedAt;
  responded_at: Timestamp | null;
  expires_at: Timestamp;
}
