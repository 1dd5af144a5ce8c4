import { backoffDelay } from './backoff.js';
import type { ChatMessage } from './parleyRouter.js';

export interface RetryScheduleOptions {
  /** Attempts of one message before the loop leaves it `failed`. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled for each later one. */
  baseDelayMs: number;
  /** The longest wait between attempts. */
  maxDelayMs: number;
}

/** Whether a message may be started now, and if not, from when (never, when given up). */
export type Readiness = { ready: true } | { ready: false; at: number | undefined };

interface Deferral {
  roomId: string;
  /** When the next attempt may start; undefined once given up. */
  at: number | undefined;
}

interface DeliveryStatus {
  status?: unknown;
  current_attempt?: unknown;
}

/** The calling agent's own processing state, from `metadata.delivery_status[agentId]`. */
function deliveryOf(message: ChatMessage, agentId: string): DeliveryStatus | undefined {
  const statuses = message.metadata.delivery_status;
  if (!statuses || typeof statuses !== 'object') return undefined;
  const own = (statuses as Record<string, unknown>)[agentId];
  return own && typeof own === 'object' ? (own as DeliveryStatus) : undefined;
}

/**
 * When a message whose handler failed is tried again: after a growing delay, up to `maxAttempts`
 * attempts, then never (it stays `failed` for a human to see). Delays are remembered in this
 * process; after a restart, a failed message is tried again at once unless its attempts are used
 * up (read from the server's delivery status, so a give-up survives restarts).
 */
export class RetrySchedule {
  private readonly deferred = new Map<string, Deferral>();

  constructor(private readonly options: RetryScheduleOptions) {}

  /** Records a failed attempt; answers whether another one will follow. */
  failed(message: ChatMessage, attempt: number, now: number = Date.now()): 'retry' | 'give_up' {
    if (attempt >= this.options.maxAttempts) {
      this.deferred.set(message.id, { roomId: message.chat_room_id, at: undefined });
      return 'give_up';
    }
    const delay = backoffDelay(attempt, { baseMs: this.options.baseDelayMs, maxMs: this.options.maxDelayMs });
    this.deferred.set(message.id, { roomId: message.chat_room_id, at: now + delay });
    return 'retry';
  }

  succeeded(messageId: string): void {
    this.deferred.delete(messageId);
  }

  readiness(message: ChatMessage, agentId: string, now: number = Date.now()): Readiness {
    const deferral = this.deferred.get(message.id);
    if (deferral)
      return deferral.at !== undefined && deferral.at <= now ? { ready: true } : { ready: false, at: deferral.at };
    const delivery = deliveryOf(message, agentId);
    const attempts = typeof delivery?.current_attempt === 'number' ? delivery.current_attempt : 0;
    if (delivery?.status === 'failed' && attempts >= this.options.maxAttempts) return { ready: false, at: undefined };
    return { ready: true };
  }

  /** The earliest moment a deferred message of this room may be tried again. */
  nextAttemptAt(roomId: string): number | undefined {
    let earliest: number | undefined;
    for (const deferral of this.deferred.values()) {
      if (deferral.roomId !== roomId || deferral.at === undefined) continue;
      if (earliest === undefined || deferral.at < earliest) earliest = deferral.at;
    }
    return earliest;
  }

  /** Forgets a room's messages (the agent left it). */
  forgetRoom(roomId: string): void {
    for (const [id, deferral] of this.deferred) if (deferral.roomId === roomId) this.deferred.delete(id);
  }
}
