import type { Database } from '@parley/db/database';
import { type ActivityRow, keepWorking, stopWorking, takeExpired } from '@parley/db/repositories/agentActivity';
import { AppError } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { type EventToRecord, recordEvents } from '../events/recordEvent.js';
import { transact } from '../idempotency/transact.js';
import { roomActor } from '../tasks/taskActor.js';
import { actorView } from '../tasks/taskWire.js';

/** How long an indicator stays on after the last keep-alive, unless configured otherwise. */
export const DEFAULT_ACTIVITY_TTL_MS = 10_000;

function stoppedEvent(row: ActivityRow, reason: 'stopped' | 'expired'): EventToRecord {
  return {
    type: 'agent_working_stopped',
    organizationId: row.organization_id,
    roomId: row.chat_room_id,
    payload: { chat_room_id: row.chat_room_id, agent: actorView(row.agent), working: false, expires_at: null, reason },
  };
}

/**
 * The agent's working report for a room. `true` turns the indicator on (announced once, when it
 * was off) or pushes its expiry out; `false` turns it off (announced when it was on). The state
 * and its expiry live in the database, so any instance may take the next report or the expiry.
 */
export async function reportActivity(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { roomId: string; working: boolean },
): Promise<{ working: boolean }> {
  if (identity.kind !== 'agent') throw new AppError('forbidden', 'Only agents report activity');
  return transact(deps, async (trx) => {
    const { actor, organizationId } = await roomActor(trx, identity, input.roomId);
    if (!input.working) {
      const row = await stopWorking(trx, input.roomId, identity.agentId);
      if (row) await recordEvents(trx, [stoppedEvent(row, 'stopped')]);
      return { working: false };
    }
    const { row, started } = await keepWorking(trx, {
      roomId: input.roomId,
      agentId: identity.agentId,
      organizationId,
      agent: actor,
      ttlMs: deps.activityTtlMs ?? DEFAULT_ACTIVITY_TTL_MS,
    });
    if (started) {
      await recordEvents(trx, [
        {
          type: 'agent_working_started',
          organizationId,
          roomId: input.roomId,
          payload: { chat_room_id: input.roomId, agent: actorView(actor), working: true, expires_at: row.expires_at },
        },
      ]);
    }
    return { working: true };
  });
}

const SWEEP_BATCH = 500;

/**
 * Turns off every indicator past its expiry and announces each, in the same transaction as the
 * delete: whichever instance's sweep deletes a row announces it, so each expiry is announced
 * exactly once however many instances sweep. Returns how many expired.
 */
export async function sweepExpiredActivity(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await takeExpired(trx, SWEEP_BATCH);
      if (rows.length > 0)
        await recordEvents(
          trx,
          rows.map((r) => stoppedEvent(r, 'expired')),
        );
      return rows.length;
    });
    total += n;
    if (n < SWEEP_BATCH) return total;
  }
}
