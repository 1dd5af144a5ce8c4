import { backoffDelay, sleep } from './backoff.js';
import type { AgentClient } from './createAgentClient.js';
import { createMessageContext, type MessageContext } from './messageContext.js';
import { ParleyError } from './parleyError.js';
import type { AgentMe, ChatMessage } from './parleyRouter.js';
import type { RetrySchedule } from './retrySchedule.js';
import { whileWorking } from './workingIndicator.js';

/** A message handler: resolve to mark the message processed; throw to mark it failed. */
export type MessageHandler = (message: ChatMessage, context: MessageContext) => unknown;

/** Where a non-fatal problem happened, for `onError`. */
export interface ErrorInfo {
  phase: 'handler' | 'lifecycle' | 'room' | 'stream' | 'sync' | 'shutdown';
  roomId?: string;
  messageId?: string;
  attempt?: number;
  /** For handler failures: whether the message will be tried again. */
  willRetry?: boolean;
}

export type ErrorReporter = (error: unknown, info: ErrorInfo) => void;

interface InFlight {
  message: ChatMessage;
  controller: AbortController;
  phase: 'claiming' | 'handling' | 'settling';
  released: boolean;
  done: Promise<void>;
}

/** The server caps the error text (10 000 characters) and wants it non-blank. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return (text.trim() || 'the handler failed').slice(0, 10_000);
}

const RELEASED = 'interrupted: the agent shut down before the handler finished';

/**
 * Runs the processing lifecycle of one message at a time per id (docs/processing.md): `processing`, the
 * handler, then `processed`, or `failed` with the error's text. A message already in flight here is
 * never started twice. At shutdown, handlers get a grace period, then are released.
 */
export class MessageProcessor {
  private readonly inFlight = new Map<string, InFlight>();
  private closed = false;

  constructor(
    private readonly deps: {
      client: AgentClient;
      agent: AgentMe;
      handler: MessageHandler;
      schedule: RetrySchedule;
      report: ErrorReporter;
      /** Working-indicator keep-alive while a handler runs; 0: no indicator. */
      workingKeepAliveMs?: number;
    },
  ) {}

  isInFlight(messageId: string): boolean {
    return this.inFlight.has(messageId);
  }

  /** Claims the message, runs the handler and records the outcome. Lifecycle failures throw. */
  async process(message: ChatMessage): Promise<void> {
    if (this.closed || this.inFlight.has(message.id)) return;
    let finish: () => void = () => {};
    const entry: InFlight = {
      message,
      controller: new AbortController(),
      phase: 'claiming',
      released: false,
      done: new Promise<void>((resolve) => {
        finish = resolve;
      }),
    };
    this.inFlight.set(message.id, entry);
    const ids = { chat_id: message.chat_room_id, id: message.id };
    const chats = this.deps.client.agent.chats;
    try {
      const claim = await chats.markProcessing.mutate(ids);
      const attempt = claim.data.attempt_number;
      if (this.closed) {
        // Shutting down since the claim went out: hand the message back instead of starting it.
        await settle(() => chats.markFailed.mutate({ ...ids, error: RELEASED }));
        return;
      }
      entry.phase = 'handling';
      const context = createMessageContext({ ...this.deps, message, attempt, signal: entry.controller.signal });
      const released = new Promise<'released'>((resolve) =>
        entry.controller.signal.addEventListener('abort', () => resolve('released'), { once: true }),
      );
      const handled = whileWorking(
        this.deps.client,
        message.chat_room_id,
        this.deps.workingKeepAliveMs ?? 0,
        async () => this.deps.handler(message, context),
        (error) => this.deps.report(error, { phase: 'lifecycle', roomId: message.chat_room_id, messageId: message.id }),
      ).then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
      // A released handler is left behind (its outcome no longer counts), not waited for.
      const failure = await Promise.race([handled, released]);
      if (failure === 'released' || entry.released) return;
      entry.phase = 'settling';
      if (!failure) {
        await settle(() => chats.markProcessed.mutate(ids));
        this.deps.schedule.succeeded(message.id);
        return;
      }
      // Scheduled before the call: should it fail, the message still waits before its next try.
      const verdict = this.deps.schedule.failed(message, attempt);
      this.deps.report(failure.error, {
        phase: 'handler',
        roomId: message.chat_room_id,
        messageId: message.id,
        attempt,
        willRetry: verdict === 'retry',
      });
      await settle(() => chats.markFailed.mutate({ ...ids, error: errorText(failure.error) }));
    } finally {
      this.inFlight.delete(message.id);
      finish();
    }
  }

  /**
   * Starts nothing more; waits up to `graceMs` for handlers under way, then releases the rest:
   * aborts their signal and marks them failed, so that the next run serves them again.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.closed = true;
    const pending = () => [...this.inFlight.values()];
    const grace = new AbortController();
    // The timer is cancelled when the handlers are done first: it must not keep the process alive.
    await Promise.race([
      Promise.all(pending().map((e) => e.done)).then(() => grace.abort()),
      sleep(graceMs, grace.signal),
    ]);
    const late = pending().filter((entry) => entry.phase === 'handling');
    await Promise.all(
      late.map(async (entry) => {
        entry.released = true;
        entry.controller.abort(new Error(RELEASED));
        const { message } = entry;
        try {
          await this.deps.client.agent.chats.markFailed.mutate({
            chat_id: message.chat_room_id,
            id: message.id,
            error: RELEASED,
          });
        } catch (error) {
          this.deps.report(error, { phase: 'shutdown', roomId: message.chat_room_id, messageId: message.id });
        }
      }),
    );
    // Claims and settlements under way are short requests with a timeout: let them land.
    await Promise.all(pending().map((e) => e.done));
  }
}

/**
 * Closes an attempt, retrying transient failures. A 422 on a retry means the earlier try did
 * land (the attempt is no longer open), so it counts as done.
 */
async function settle(call: () => Promise<unknown>): Promise<void> {
  for (let retry = 0; ; retry++) {
    try {
      await call();
      return;
    } catch (cause) {
      const error = ParleyError.from(cause);
      if (retry > 0 && error.status === 422) return;
      const transient = error.status === 0 || error.status >= 500;
      if (!transient || retry >= 3) throw error;
      await sleep(backoffDelay(retry + 1, { baseMs: 500, maxMs: 5_000 }));
    }
  }
}
