import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClient, runAgent } from '../src/index.js';
import { deliveryOf, eventually, mention, registerAgent, roomMessages, roomWith } from './harness/fixtures.js';
import { type ParleyTestServer, startParleyServer } from './harness/parleyServer.js';

const builtSdk = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const hangingAgent = fileURLToPath(new URL('./agents/hangingAgent.mjs', import.meta.url));

let server: ParleyTestServer;
beforeAll(async () => {
  if (!existsSync(builtSdk)) throw new Error(`${builtSdk} is missing: run \`pnpm build\` (pnpm test does) first`);
  server = await startParleyServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Runs the hanging agent as its own process; `lines` collects what it prints. */
function startAgentProcess(apiKey: string) {
  const child: ChildProcess = spawn(process.execPath, [hangingAgent], {
    env: { PATH: process.env.PATH ?? '', PARLEY_URL: server.url, PARLEY_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, exited, output: () => out };
}

describe('crash recovery', () => {
  it('serves a message again after its handler’s process was killed mid-message; it ends processed once', async () => {
    const agent = await registerAgent(server.owner);
    const roomId = await roomWith(server.owner, [agent]);
    const first = startAgentProcess(agent.key);
    try {
      await eventually(async () => first.output().includes('READY'), 'the agent process to start', 30_000);
      const messageId = await mention(server.owner, roomId, agent, 'do not crash');
      await eventually(async () => first.output().includes(`PROCESSING ${messageId} 1`), 'the handler to start');
      const during = deliveryOf(
        (await roomMessages(server.owner, roomId)).find((m) => m.id === messageId),
        agent.id,
      );
      expect(during).toMatchObject({ status: 'processing', current_attempt: 1 });
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      // Sent while no agent runs: served from the backlog after the re-served one.
      const later = await mention(server.owner, roomId, agent, 'while you were down');
      const calls: { id: string; attempt: number }[] = [];
      const stop = new AbortController();
      const run = runAgent({
        client: createAgentClient({ baseUrl: server.url, apiKey: agent.key }),
        signal: stop.signal,
        onMessage: async (message, { attempt }) => {
          calls.push({ id: message.id, attempt });
        },
      });
      const states = await eventually(async () => {
        const messages = await roomMessages(server.owner, roomId);
        const both = [messageId, later].map((id) =>
          deliveryOf(
            messages.find((m) => m.id === id),
            agent.id,
          ),
        );
        return both.every((s) => s?.status === 'processed') ? both : undefined;
      }, 'both messages processed');
      // Nothing more arrives later: the re-served message was handled exactly once more.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      stop.abort();
      await run;
      expect(calls).toEqual([
        { id: messageId, attempt: 2 },
        { id: later, attempt: 1 },
      ]);
      expect(states[0]).toMatchObject({ status: 'processed', current_attempt: 2 });
      expect(states[0]?.attempts.map((a) => a.attempt_number)).toEqual([1, 2]);
      expect(states[0]?.attempts.at(-1)?.status).toBe('success');
      expect(states[1]).toMatchObject({ status: 'processed', current_attempt: 1 });
    } finally {
      first.child.kill('SIGKILL');
    }
  });
});
