import type { DB } from '@parley/db/database';
import { bumpAttempt, insertProcessingDelivery, startAttempt } from '@parley/db/repositories/deliveryLifecycle';
import { startAttemptInOneStatement } from '@parley/db/repositories/lifecycleStatements';
import type { Transaction } from 'kysely';
import { notFound } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordMessageEvent } from '../events/messageEvents.js';
import { oneStatement } from '../idempotency/oneStatement.js';
import { requireProcessableMessage } from './processableMessage.js';

/**
 * Starts a new processing attempt of a message by the calling agent (docs/processing.md): attempt n+1, state
 * `processing`. It may be called at any time, again and again (crash recovery re-claims). The
 * delivery row's UPDATE takes its row lock, so concurrent calls get attempts 1 and 2, never two
 * of the same number. A message that mentions the agent only as a reference gets its delivery
 * row on this first call.
 */
export async function markProcessing(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { roomId: string; messageId: string },
) {
  const key = { roomId: input.roomId, messageId: input.messageId, agentId: identity.agentId };
  const attempt = await oneStatement(deps, async (db) => {
    // The statement checks the caller's membership too: a room it is not in is 404, as any room call.
    const outcome = await startAttemptInOneStatement(db, key);
    if (outcome.kind === 'started') return outcome.attempt;
    if (outcome.kind === 'not_member') throw notFound('Chat room');
    if (outcome.kind === 'not_processable') throw notFound('Message');
    // The delivery changed under the statement's snapshot: redo it with a snapshot per statement.
    const stepwise = (trx: Transaction<DB>) => startStepwise(trx, key, outcome.organizationId);
    return db.isTransaction ? stepwise(db as Transaction<DB>) : db.transaction().execute(stepwise);
  });
  return { id: input.messageId, status: 'processing' as const, attempt_number: attempt };
}

/**
 * The same change in several statements, each reading what the ones before committed: for the
 * rare call whose delivery another call changed while the one statement waited for it.
 */
async function startStepwise(
  trx: Transaction<DB>,
  key: { roomId: string; messageId: string; agentId: string },
  organizationId: string,
): Promise<number> {
  let n = await bumpAttempt(trx, key);
  if (n === undefined) {
    const message = await requireProcessableMessage(trx, key.roomId, key.messageId, key.agentId);
    const created = await insertProcessingDelivery(trx, {
      message_id: message.id,
      agent_id: key.agentId,
      chat_room_id: key.roomId,
      message_seq: message.seq,
    });
    // Lost a race to create it: the other call's row now exists, so take the next number.
    n = created ? 1 : await bumpAttempt(trx, key);
    if (n === undefined) throw new Error('delivery vanished while starting an attempt');
  }
  await startAttempt(trx, key.messageId, key.agentId, n);
  await recordMessageEvent(trx, 'message_updated', { messageId: key.messageId, organizationId });
  return n;
}
