import type { DB } from '@parley/db/database';
import { finishAttempt } from '@parley/db/repositories/deliveryLifecycle';
import { finishAttemptInOneStatement } from '@parley/db/repositories/lifecycleStatements';
import type { Transaction } from 'kysely';
import { notFound, validationError } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordMessageEvent } from '../events/messageEvents.js';
import { oneStatement } from '../idempotency/oneStatement.js';
import { requireProcessableMessage } from './processableMessage.js';

/**
 * Closes the calling agent's open attempt on a message as processed or failed. Without an open
 * attempt (never claimed, or already closed) the answer is 422; a message the agent may not mark
 * is 404. `failed` is not terminal: `/processing` opens the next attempt.
 */
export async function finishProcessing(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { roomId: string; messageId: string },
  outcome: { status: 'processed' } | { status: 'failed'; error: string },
) {
  const key = { roomId: input.roomId, messageId: input.messageId, agentId: identity.agentId };
  const attempt = await oneStatement(deps, async (db) => {
    // The statement checks the caller's membership too: a room it is not in is 404, as any room call.
    const done = await finishAttemptInOneStatement(db, key, outcome);
    if (done.kind === 'finished') return done.attempt;
    if (done.kind === 'not_member') throw notFound('Chat room');
    if (done.kind === 'not_open') return undefined;
    // The delivery changed under the statement's snapshot: redo it with a snapshot per statement.
    const stepwise = async (trx: Transaction<DB>) => {
      const finished = await finishAttempt(trx, key, outcome);
      if (finished !== undefined) {
        await recordMessageEvent(trx, 'message_updated', {
          messageId: input.messageId,
          organizationId: done.organizationId,
        });
      }
      return finished;
    };
    return db.isTransaction ? stepwise(db as Transaction<DB>) : db.transaction().execute(stepwise);
  });
  if (attempt === undefined) {
    await requireProcessableMessage(deps.db, input.roomId, input.messageId, identity.agentId);
    throw validationError('/id', 'has no open processing attempt: call /processing first');
  }
  return { id: input.messageId, status: outcome.status, attempt_number: attempt };
}
