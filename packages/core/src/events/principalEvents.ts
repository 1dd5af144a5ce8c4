import type { DB } from '@parley/db/database';
import { contactRecordsNaming } from '@parley/db/repositories/eventSources';
import type { Transaction } from 'kysely';
import { recordEvents } from './recordEvent.js';
import { recordLeavingAllRooms } from './roomEvents.js';

/**
 * A user or agent is about to be deleted: each of its rooms learns it left (`participant_removed`)
 * and each of its contacts loses it (`contact_removed` with their own record id). Call before the
 * rows go.
 */
export async function recordPrincipalDeleted(
  trx: Transaction<DB>,
  input: { principalId: string; type: 'User' | 'Agent'; name: string; handle: string },
): Promise<void> {
  await recordLeavingAllRooms(trx, input);
  const records = await contactRecordsNaming(trx, input.principalId);
  await recordEvents(
    trx,
    records.map((r) => ({
      type: 'contact_removed' as const,
      organizationId: r.organization_id,
      recipientId: r.owner_id,
      payload: { id: r.id },
    })),
  );
}
