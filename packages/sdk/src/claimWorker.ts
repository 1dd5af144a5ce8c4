import { backoffDelay, sleep } from './backoff.js';
import type { AgentClient } from './createAgentClient.js';
import { createMessageContext } from './messageContext.js';
import type { ErrorReporter, MessageHandler } from './messageProcessor.js';
import { ParleyError } from './parleyError.js';
import type { AgentMe, RouterOutputs } from './parleyRouter.js';
import { whileWorking } from './workingIndicator.js';

type Claim = RouterOutputs['agent']['inbox']['claim']['data'][number];

export interface ClaimWorkerOptions {
  client: AgentClient;
  agent: AgentMe;
  handler: MessageHandler;
  report: ErrorReporter;
  /** Messages handled at once (each from a different room: the server gives one per room). */
  concurrency: number;
  /** Lease length; the worker renews it at half-time while a handler runs. */
  leaseSeconds: number;
  /** Attempts of a message whose handler throws, before it is dead-lettered. */
  maxAttempts: number;
  /** Wait before the retry of a failed message, doubled for each further attempt. */
  retryDelayMs: number;
  /** Claims again this often when idle: other workers' acks free rooms without an event. */
  idlePollMs: number;
  /** Working-indicator keep-alive while a handler runs; 0: no indicator. */
  workingKeepAliveMs?: number;
}

/** The server caps the error text (10 000 characters) and wants it non-blank. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return (text.trim() || 'the handler failed').slice(0, 10_000);
}

const RELEASED = 'interrupted: the agent shut down before the handler finished';

/**
 * The claim-based loop of `runAgent` (docs/leased-claims.md): claims as many messages as it has
 * free slots, runs each handler under a lease it renews, then acks or fails it. Any number of
 * workers of one agent share its messages with no duplicates; the server hands out one message
 * per room at a time, in order. A worker that dies leaves its leases to expire, and another
 * worker takes those messages again as the next attempt.
 */
export class ClaimWorker {
  private readonly inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: ClaimWorkerOptions) {}

  /** Asks for a claim now (a mention arrived, a slot freed). */
  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Claims once to learn whether the server offers claims: a server without them answers 404 for
   * the procedure. Returns the first claims, or undefined when claims are not available.
   */
  async probe(signal: AbortSignal): Promise<Claim[] | undefined> {
    try {
      return await this.claim(signal);
    } catch (error) {
      if (error instanceof ParleyError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Runs until `signal` aborts, starting with `first` (the probe's claims). */
  async run(signal: AbortSignal, first: Claim[]): Promise<void> {
    for (const claim of first) this.start(claim);
    let failures = 0;
    while (!signal.aborted) {
      const free = this.options.concurrency - this.inFlight.size;
      let got = 0;
      if (free > 0) {
        try {
          const claims = await this.claim(signal, free);
          failures = 0;
          got = claims.length;
          for (const claim of claims) this.start(claim);
        } catch (error) {
          if (signal.aborted) break;
          this.options.report(error, { phase: 'room' });
          if (error instanceof ParleyError && error.status === 401) throw error;
          await sleep(backoffDelay(++failures, { baseMs: 1_000, maxMs: 30_000 }), signal);
          continue;
        }
        // A full batch: there may be more right away.
        if (got === free) continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.options.idlePollMs);
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
        this.wakeUp = done;
        signal.addEventListener('abort', done, { once: true });
      });
      this.wakeUp = undefined;
    }
  }

  private claim(signal: AbortSignal, max = this.options.concurrency): Promise<Claim[]> {
    return this.options.client.agent.inbox.claim
      .mutate({ max, lease_seconds: this.options.leaseSeconds }, { signal })
      .then((r) => r.data);
  }

  private start(claim: Claim): void {
    const controller = new AbortController();
    const done = this.handle(claim, controller)
      .catch((error: unknown) =>
        this.options.report(error, {
          phase: 'lifecycle',
          roomId: claim.message.chat_room_id,
          messageId: claim.message.id,
        }),
      )
      .finally(() => {
        this.inFlight.delete(claim.message.id);
        this.wake();
      });
    this.inFlight.set(claim.message.id, { controller, done });
  }

  private async handle(claim: Claim, controller: AbortController): Promise<void> {
    const { client, agent, handler, report, leaseSeconds } = this.options;
    const { message } = claim;
    const lease = { message_id: message.id, lease_token: claim.lease_token };
    const inbox = client.agent.inbox;
    const where = { roomId: message.chat_room_id, messageId: message.id, attempt: claim.attempt_number };
    let lost = false;
    // Renew at half-time; a lost lease means another worker may have the message: stop counting ours.
    const renew = setInterval(
      () => {
        inbox.extend
          .mutate({ leases: [lease], lease_seconds: leaseSeconds })
          .then((r) => {
            if (r.data[0]?.result === 'lease_lost') {
              lost = true;
              controller.abort(new Error('the lease was lost'));
            }
          })
          .catch((error: unknown) => report(error, { ...where, phase: 'lifecycle' }));
      },
      Math.max(250, (leaseSeconds * 1000) / 2),
    );
    try {
      const context = createMessageContext({
        client,
        agent,
        message,
        attempt: claim.attempt_number,
        signal: controller.signal,
      });
      const aborted = new Promise<'aborted'>((resolve) =>
        controller.signal.addEventListener('abort', () => resolve('aborted'), { once: true }),
      );
      const handling = whileWorking(
        client,
        message.chat_room_id,
        this.options.workingKeepAliveMs ?? 0,
        async () => handler(message, context),
        (error) => report(error, { ...where, phase: 'lifecycle' }),
      ).then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
      let outcome = await Promise.race([handling, aborted]);
      if (outcome === 'aborted' && !lost) outcome = await settledSoon(handling);
      if (lost) return;
      // Stopped: a handler that ended anyway finished its work (an answer posted as it was
      // stopped), so it is acked; handing it back would have another worker do it twice. One that
      // gave up (threw on its signal) or did not end in time is handed back at once.
      if (outcome === 'aborted' || (outcome && controller.signal.aborted)) {
        await settle(() => inbox.fail.mutate({ leases: [{ ...lease, error: RELEASED }] }));
        return;
      }
      if (!outcome) {
        await settle(() => inbox.ack.mutate({ leases: [lease] }));
        return;
      }
      const willRetry = claim.attempt_number < this.options.maxAttempts;
      report(outcome.error, { ...where, phase: 'handler', willRetry });
      // The server holds the message (and its room, keeping order) until the retry is due; after
      // the last attempt it is dead-lettered for a person to retry.
      const delayMs = backoffDelay(claim.attempt_number, { baseMs: this.options.retryDelayMs, maxMs: 5 * 60_000 });
      const failure = willRetry ? { retry_after_seconds: delayMs / 1000 } : { dead_letter: true };
      await settle(() => inbox.fail.mutate({ leases: [{ ...lease, error: errorText(outcome.error), ...failure }] }));
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Starts nothing more; waits up to `graceMs` for handlers under way, then aborts the rest. A
   * handler that still ends successfully within `STOP_SETTLE_MS` has its message acked; the others
   * fail their message (released) so that a worker takes it again.
   */
  async shutdown(graceMs: number): Promise<void> {
    const pending = () => [...this.inFlight.values()];
    const grace = new AbortController();
    await Promise.race([
      Promise.all(pending().map((e) => e.done)).then(() => grace.abort()),
      sleep(graceMs, grace.signal),
    ]);
    for (const entry of pending()) entry.controller.abort(new Error(RELEASED));
    await Promise.all(pending().map((e) => e.done));
  }
}

/** How long a stopped handler may take to end (it should react to its signal) before its message is handed back. */
export const STOP_SETTLE_MS = 2_000;

/** The handler's outcome if it ends within {@link STOP_SETTLE_MS}, else `'aborted'`. */
async function settledSoon<T>(handling: Promise<T>): Promise<T | 'aborted'> {
  const timer = new AbortController();
  const outcome = await Promise.race([handling, sleep(STOP_SETTLE_MS, timer.signal).then(() => 'aborted' as const)]);
  timer.abort();
  return outcome;
}

/** Settles a lease, retrying transient failures (the request is idempotent: a repeat is `lease_lost`). */
async function settle(call: () => Promise<unknown>): Promise<void> {
  for (let retry = 0; ; retry++) {
    try {
      await call();
      return;
    } catch (cause) {
      const error = ParleyError.from(cause);
      const transient = error.status === 0 || error.status >= 500 || error.status === 429;
      if (!transient || retry >= 3) throw error;
      await sleep(backoffDelay(retry + 1, { baseMs: 500, maxMs: 5_000 }));
    }
  }
}
