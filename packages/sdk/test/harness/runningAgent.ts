import { createAgentClient, type ErrorInfo, type RunAgentOptions, runAgent } from '../../src/index.js';
import { registerAgent } from './fixtures.js';
import type { ParleyTestServer } from './parleyServer.js';

/**
 * `runAgent` for a new agent of the server's user: the run, its abort controller, the errors it
 * reported, and `ready`, which resolves once it follows its rooms.
 */
export async function startAgent(
  server: ParleyTestServer,
  options: Partial<RunAgentOptions> & Pick<RunAgentOptions, 'onMessage'>,
) {
  const agent = await registerAgent(server.owner);
  const client = createAgentClient({ baseUrl: server.url, apiKey: agent.key });
  const stop = new AbortController();
  const errors: { error: unknown; info: ErrorInfo }[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const run = runAgent({
    client,
    signal: stop.signal,
    onReady: () => markReady(),
    onError: (error, info) => errors.push({ error, info }),
    ...options,
  });
  return { agent, client, stop, errors, run, ready };
}
