import type { CoreDeps } from '@parley/core/deps';
import { type AdvisoryLeases, openAdvisoryLeases } from '@parley/db/advisoryLeases';
import type { DatabaseHandle } from '@parley/db/openDatabase';
import { findPlatformAgent, listPlatformAgentIds } from '@parley/db/repositories/platformAgents';
import type { EventHub } from '@parley/realtime/eventHub';
import { type ErrorInfo, runAgent } from '@parley/sdk';
import { answerMessage } from './answerMessage.js';
import { completeChat, type ProviderSettings } from './chatCompletions.js';
import { localAgentClient } from './localAgentClient.js';
import { ProviderError } from './providerError.js';
import { ProviderGate } from './providerGate.js';

/** The advisory lock class of platform agents' leases ('plat'). */
const LEASE_NAMESPACE = 1886151028;

/** Whether `work` settled within `ms`. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RuntimeLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface PlatformAgentRuntimeOptions {
  deps: CoreDeps;
  /** The live events each agent's loop follows (`agent.events.stream`). */
  events: EventHub;
  database: DatabaseHandle;
  provider: ProviderSettings;
  /** The models the operator allows now; an agent whose model was withdrawn uses the first. */
  models: readonly string[];
  /** Attempts of a message before it stays `failed`, and the first retry's delay (doubled after). */
  maxAttempts: number;
  retryDelayMs: number;
  /** How often to look for platform agents to run. */
  scanMs: number;
  /**
   * How long a reply under way may finish once this instance stops running its agent (the lease
   * was lost, or the runtime closes); after that the message is handed back for another attempt.
   */
  drainMs: number;
  /**
   * How long closing waits for the loops and the lease connection beyond `drainMs`. A shutdown
   * must end even when a database call or a broken connection does not: what is left unfinished
   * stays `processing` and is taken over like the work of an instance that died.
   */
  closeGraceMs: number;
  log: RuntimeLog;
}

export interface PlatformAgentRuntime {
  /** The agents this instance runs now. */
  running(): string[];
  /** Looks for agents to run now instead of at the next scan. */
  scan(): Promise<void>;
  /** Stops every loop (messages under way get a grace period, then are handed back) and the leases. */
  close(): Promise<void>;
}

interface Loop {
  stop: AbortController;
  done: Promise<void>;
}

/**
 * Runs every platform agent, each in the SDK's own `runAgent` loop over an in-process client (so
 * it goes through exactly the procedures an external agent calls). With several instances on one
 * database, each agent runs on one instance only: an instance runs the agents whose advisory-lock
 * lease it holds, and takes over the leases of an instance that died at its next scan.
 */
export function startPlatformAgentRuntime(options: PlatformAgentRuntimeOptions): PlatformAgentRuntime {
  const { deps, log } = options;
  const loops = new Map<string, Loop>();
  const gate = new ProviderGate();
  let closed = false;
  let scanning: Promise<void> | undefined;

  const leases: AdvisoryLeases = openAdvisoryLeases(options.database, {
    namespace: LEASE_NAMESPACE,
    applicationName: 'parley-platform-agents',
    onLost(error) {
      // The locks went with the connection: another instance may start these agents now.
      log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'platform agents: lease connection lost',
      );
      for (const loop of loops.values()) loop.stop.abort();
    },
  });

  const complete = async (request: Parameters<typeof completeChat>[1], signal: AbortSignal) => {
    await gate.ready(signal);
    try {
      return await completeChat(options.provider, request, signal);
    } catch (error) {
      if (error instanceof ProviderError && error.retryAfterMs !== undefined) gate.pause(error.retryAfterMs);
      throw error;
    }
  };

  async function currentSettings(agentId: string) {
    const row = await findPlatformAgent(deps.db, agentId);
    const fallback = options.models[0];
    if (!row || options.models.includes(row.model) || fallback === undefined) return row;
    return { ...row, model: fallback };
  }

  function start(agentId: string) {
    const stop = new AbortController();
    const report = (error: unknown, info: ErrorInfo) =>
      log.warn(
        { agentId, phase: info.phase, roomId: info.roomId, messageId: info.messageId, willRetry: info.willRetry },
        `platform agent: ${error instanceof Error ? error.message : String(error)}`,
      );
    const done = runAgent({
      client: localAgentClient(deps, options.events, agentId),
      signal: stop.signal,
      maxAttempts: options.maxAttempts,
      retryDelayMs: options.retryDelayMs,
      shutdownTimeoutMs: options.drainMs,
      onError: report,
      onMessage: (message, context) =>
        answerMessage(
          {
            settings: () => currentSettings(agentId),
            complete,
            warn: (error, what) =>
              log.warn(
                { agentId, messageId: message.id, err: error instanceof Error ? error.message : String(error) },
                what,
              ),
          },
          message,
          context,
        ),
    })
      .catch((error: unknown) => {
        // A 401: the agent was deleted (or is no longer a platform agent).
        if (!closed)
          log.info(
            { agentId, reason: error instanceof Error ? error.message : String(error) },
            'platform agent stopped',
          );
      })
      .finally(async () => {
        loops.delete(agentId);
        await leases.release(agentId);
      });
    loops.set(agentId, { stop, done });
  }

  async function scanOnce() {
    const ids = await listPlatformAgentIds(deps.db);
    const wanted = new Set(ids);
    for (const [id, loop] of loops) if (!wanted.has(id)) loop.stop.abort();
    const candidates = ids.filter((id) => !loops.has(id));
    if (closed || candidates.length === 0) return;
    const held = await leases.tryAcquire(candidates);
    // Checked after the last wait: close() stops the loops it sees, so none may start after it.
    for (const id of held) {
      if (closed) await leases.release(id);
      else start(id);
    }
  }

  const scan = () => {
    scanning ??= scanOnce()
      .catch((error: unknown) =>
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'platform agents: scan failed'),
      )
      .finally(() => {
        scanning = undefined;
      });
    return scanning;
  };

  const timer = setInterval(() => void scan(), options.scanMs);
  timer.unref();
  void scan();

  return {
    running: () => [...loops.keys()],
    scan,
    async close() {
      closed = true;
      clearInterval(timer);
      // A scan under way starts no loop once `closed` is set, so these are all there will be:
      // stopped now, they drain while that scan ends (or hangs).
      const all = [...loops.values()];
      for (const loop of all) loop.stop.abort();
      const stopped = settlesWithin(
        (async () => {
          // The lease connection is closed after the scan's last use of it.
          await scanning;
          await Promise.all(all.map((loop) => loop.done));
          await leases.close();
        })(),
        options.drainMs + options.closeGraceMs,
      );
      if (!(await stopped))
        log.warn({}, 'platform agents did not stop in time; their unfinished work is left to the leases');
    },
  };
}
