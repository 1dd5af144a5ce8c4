import type { ClaimWorker } from './claimWorker.js';
import type { AgentClient } from './createAgentClient.js';
import { startEventFeed } from './eventFeed.js';
import type { ErrorReporter } from './messageProcessor.js';
import type { AgentMe, RouterOutputs } from './parleyRouter.js';

type Claim = RouterOutputs['agent']['inbox']['claim']['data'][number];

/**
 * `runAgent` on a server that offers leased claims: the worker claims, and the agent's live events
 * only wake it (a mention may be claimable now). Rooms need no bookkeeping here: the server
 * knows the agent's rooms and serves each in order. Resolves after a clean shutdown.
 */
export async function runClaimMode(input: {
  client: AgentClient;
  agent: AgentMe;
  worker: ClaimWorker;
  first: Claim[];
  signal: AbortSignal | undefined;
  shutdownTimeoutMs: number;
  report: ErrorReporter;
  onReady: ((agent: AgentMe) => void) | undefined;
}): Promise<void> {
  const { worker, signal } = input;
  let fatal: unknown;
  const halt = new AbortController();
  const stop = (error?: unknown) => {
    fatal ??= error;
    halt.abort();
  };
  const onAbort = () => stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  const feed = startEventFeed({
    client: input.client,
    onEvent: (event) => {
      if (event.type === 'message_created' || event.type === 'room_added' || event.type === 'participant_added') {
        worker.wake();
      }
    },
    onResync: () => worker.wake(),
    onFatal: (error) => stop(error),
    onError: (error) => input.report(error, { phase: 'stream' }),
  });
  try {
    if (!halt.signal.aborted) input.onReady?.(input.agent);
    await worker.run(halt.signal, input.first).catch((error: unknown) => stop(error));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    feed.stop();
    await worker.shutdown(input.shutdownTimeoutMs);
  }
  if (fatal !== undefined) throw fatal;
}
