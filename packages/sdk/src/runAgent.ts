import { AgentRooms } from './agentRooms.js';
import { backoffDelay, sleep } from './backoff.js';
import { runClaimMode } from './claimMode.js';
import { ClaimWorker } from './claimWorker.js';
import type { AgentClient } from './createAgentClient.js';
import { startEventFeed } from './eventFeed.js';
import { type ErrorInfo, type MessageHandler, MessageProcessor } from './messageProcessor.js';
import { ParleyError } from './parleyError.js';
import type { AgentMe } from './parleyRouter.js';
import { RetrySchedule } from './retrySchedule.js';
import { RoomScheduler } from './roomScheduler.js';
import { roomTurn } from './roomTurn.js';

export interface RunAgentOptions {
  /** An agent client from {@link createAgentClient}. */
  client: AgentClient;
  /** Called for each message that mentions the agent; resolve = processed, throw = failed. */
  onMessage: MessageHandler;
  /** Rooms handled at once (messages of one room are always handled one at a time, in order). Default 4. */
  concurrency?: number;
  /** Abort to stop: no new message starts, handlers under way get `shutdownTimeoutMs` to finish. */
  signal?: AbortSignal;
  /** Attempts of a message whose handler throws, before it is left `failed`. Default 3. */
  maxAttempts?: number;
  /** Wait before retrying a failed message, doubled for each further attempt (at most 5 min). Default 5 000 ms. */
  retryDelayMs?: number;
  /** Re-reads the rooms and their queues this often, in case an event was missed. Default 5 min; 0: never. */
  sweepIntervalMs?: number;
  /** How long shutdown waits for handlers before releasing their messages. Default 10 000 ms. */
  shutdownTimeoutMs?: number;
  /**
   * Use the server's leased claims (a Parley extension) when it offers them: any number of processes
   * of one agent then share its messages with no duplicates. `'auto'` (default) detects them and
   * falls back to `/next` on a server without them; `false` always uses `/next` (one loop per agent).
   */
  claims?: 'auto' | false;
  /** Lease of a claimed message, renewed at half-time while its handler runs. Default 60 s. */
  leaseSeconds?: number;
  /** With claims: how often an idle loop claims again (other workers' acks free rooms). Default 1 000 ms. */
  claimPollMs?: number;
  /**
   * While a handler runs, the room shows the agent as working: a keep-alive this often (the
   * server clears the indicator ~10 s after the last). Default 3 000 ms; 0: never.
   */
  workingKeepAliveMs?: number;
  /** Called once the agent follows its rooms live. */
  onReady?: (agent: AgentMe) => void;
  /** Problems the loop recovers from (a handler threw, a call failed and will be retried…). Default: console.warn. */
  onError?: (error: unknown, info: ErrorInfo) => void;
}

/** How long start-up waits for the event stream before draining anyway (the sweep covers gaps). */
const STREAM_START_WAIT_MS = 15_000;

/** A numeric option, or its default; refuses values that would stall or spin the loop. */
function setting(name: keyof RunAgentOptions, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) throw new RangeError(`runAgent: ${name} must be a number ≥ ${min}`);
  return value;
}

function warn(error: unknown, info: ErrorInfo): void {
  const where = [info.phase, info.roomId && `room ${info.roomId}`, info.messageId && `message ${info.messageId}`]
    .filter(Boolean)
    .join(', ');
  const text = error instanceof Error ? error.message : String(error);
  console.warn(`[parley] ${where}: ${text}${info.willRetry === false ? ' (giving up on this message)' : ''}`);
}

/**
 * Runs an agent until `signal` aborts. On a server with leased claims (docs/leased-claims.md) it
 * claims messages under renewed leases, so N processes of one agent share the work with no
 * duplicates and each room's messages are handled one at a time, in order. Otherwise it drains the backlog of every room it is in through `/next`,
 * then follows its live events (resuming after reconnects), joining rooms it is added to and
 * leaving rooms it is removed from. Each message is marked `processing`, handed to `onMessage`,
 * then marked `processed`, or `failed` with the error's text and retried later. A message
 * interrupted by a crash is served again on the next start. Resolves after a clean shutdown;
 * rejects when the key is refused.
 *
 * @example
 * ```ts
 * const client = createAgentClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.PARLEY_API_KEY! });
 * const stop = new AbortController();
 * process.on('SIGTERM', () => stop.abort());
 * await runAgent({
 *   client,
 *   signal: stop.signal,
 *   onMessage: async (message, { reply }) => {
 *     await reply(`You said: ${message.content}`);
 *   },
 * });
 * ```
 */
export async function runAgent(options: RunAgentOptions): Promise<void> {
  const { client, signal } = options;
  const report = options.onError ?? warn;
  const concurrency = Math.floor(setting('concurrency', options.concurrency, 4, 1));
  const maxAttempts = Math.floor(setting('maxAttempts', options.maxAttempts, 3, 1));
  const retryDelayMs = setting('retryDelayMs', options.retryDelayMs, 5_000, 0);
  const sweepMs = setting('sweepIntervalMs', options.sweepIntervalMs, 5 * 60_000, 0);
  if (sweepMs > 0 && sweepMs < 1_000) throw new RangeError('runAgent: sweepIntervalMs must be 0 (off) or ≥ 1000');
  const shutdownTimeoutMs = setting('shutdownTimeoutMs', options.shutdownTimeoutMs, 10_000, 0);
  const leaseSeconds = Math.floor(setting('leaseSeconds', options.leaseSeconds, 60, 1));
  const claimPollMs = setting('claimPollMs', options.claimPollMs, 1_000, 50);
  const workingKeepAliveMs = setting('workingKeepAliveMs', options.workingKeepAliveMs, 3000, 0);
  if (signal?.aborted) return;
  let agent: AgentMe;
  try {
    agent = (await client.agent.me.query(undefined, signal ? { signal } : {})).data;
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
  if (options.claims !== false) {
    const worker = new ClaimWorker({
      client,
      agent,
      handler: options.onMessage,
      report,
      concurrency,
      leaseSeconds,
      maxAttempts,
      retryDelayMs,
      idlePollMs: claimPollMs,
      workingKeepAliveMs,
    });
    let first: Awaited<ReturnType<ClaimWorker['probe']>>;
    try {
      first = await worker.probe(signal ?? new AbortController().signal);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
    if (first) {
      return runClaimMode({
        client,
        agent,
        worker,
        first,
        signal,
        shutdownTimeoutMs,
        report,
        onReady: options.onReady,
      });
    }
  }

  let fatal: unknown;
  const halt = new AbortController();
  const stopped = new Promise<void>((resolve) =>
    halt.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  const stop = (error?: unknown) => {
    fatal ??= error;
    halt.abort();
  };
  const onAbort = () => stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  /** A refused key ends the loop; anything else is reported and recovered from. */
  const fail = (error: unknown, info: ErrorInfo) => {
    if (error instanceof ParleyError && error.status === 401) stop(error);
    else if (!(halt.signal.aborted && error instanceof ParleyError && error.code === 'aborted')) report(error, info);
  };

  const schedule = new RetrySchedule({
    maxAttempts,
    baseDelayMs: retryDelayMs,
    maxDelayMs: 5 * 60_000,
  });
  const processor = new MessageProcessor({
    client,
    agent,
    handler: options.onMessage,
    schedule,
    report: fail,
    workingKeepAliveMs,
  });
  const scheduler: RoomScheduler = new RoomScheduler({
    concurrency,
    step: roomTurn({
      client,
      agent,
      processor,
      schedule,
      signal: halt.signal,
      wakeAt: (roomId, at) => scheduler.wakeAt(roomId, at),
      leave: (roomId) => rooms.leave(roomId),
    }),
    onError: (error, roomId) => fail(error, { phase: 'room', roomId }),
    backoff: { baseMs: 1_000, maxMs: 60_000 },
  });

  const rooms = new AgentRooms({ client, agentId: agent.id, scheduler, schedule });
  const resync = () => rooms.sync(halt.signal).catch((error: unknown) => fail(error, { phase: 'sync' }));

  const feed = startEventFeed({
    client,
    onEvent: (event) => rooms.apply(event),
    onResync: () => void resync(),
    onFatal: (error) => stop(error),
    onError: (error) => report(error, { phase: 'stream' }),
  });
  let sweep: ReturnType<typeof setInterval> | undefined;
  try {
    // Subscribe before reading the queues, so that nothing sent in between is missed.
    const waiting = new AbortController();
    const streamUp = await Promise.race([
      // A refused key rejects it; `fatal` tells.
      feed.started.then(
        () => true,
        () => true,
      ),
      sleep(STREAM_START_WAIT_MS, AbortSignal.any([halt.signal, waiting.signal])).then(() => halt.signal.aborted),
    ]);
    // Cancels the timer (it would keep the process alive).
    waiting.abort();
    if (!streamUp) report(new Error('the event stream is not connected yet; draining anyway'), { phase: 'stream' });
    for (let attempt = 1; !halt.signal.aborted; attempt++) {
      try {
        await rooms.sync(halt.signal);
        break;
      } catch (error) {
        if (halt.signal.aborted) break;
        // Without its rooms the agent can do nothing useful: retry until it works or the key is refused.
        if (error instanceof ParleyError && (error.status === 401 || error.status === 403)) stop(error);
        else report(error, { phase: 'sync' });
        await sleep(backoffDelay(attempt, { baseMs: 1_000, maxMs: 30_000 }), halt.signal);
      }
    }
    if (!halt.signal.aborted) {
      if (sweepMs > 0) sweep = setInterval(resync, sweepMs);
      options.onReady?.(agent);
    }
    await stopped;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    clearInterval(sweep);
    feed.stop();
    scheduler.stop();
    await processor.shutdown(shutdownTimeoutMs);
    await scheduler.idle();
  }
  if (fatal !== undefined) throw fatal;
}
