export type QuotaResource = 'agents' | 'chats' | 'participants' | 'messages';

/** How much of a plan quota a scope (organization or room) has used. */
export interface QuotaUsageTable {
  scope_id: string;
  resource: QuotaResource;
  used: number;
}
