import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, roomMessages } from './harness/fixtures.js';
import { type ParleyTestServer, startParleyServer } from './harness/parleyServer.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let server: ParleyTestServer;
let example: ChildProcess | undefined;
beforeAll(async () => {
  server = await startParleyServer();
});
afterAll(async () => {
  // The example runs under pnpm and tsx in a process group of its own: make sure none of it lingers.
  try {
    if (example?.pid) process.kill(-example.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  await server?.stop();
});

describe('examples/echo-agent', () => {
  it('runs with one command: registers itself with a user key, opens a room, echoes, stops on SIGTERM', async () => {
    let output = '';
    const child = spawn('pnpm', ['--filter', '@parley/echo-agent', 'start'], {
      cwd: repoRoot,
      detached: true,
      env: { PATH: process.env.PATH ?? '', PARLEY_URL: server.url, PARLEY_USER_KEY: server.userKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    example = child;
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const ready = await eventually(
      async () => {
        const agentId = /Registered agent .+ \(([0-9a-f-]{36})\)/.exec(output)?.[1];
        const roomId = /Mention it in room ([0-9a-f-]{36})/.exec(output)?.[1];
        return agentId && roomId && output.includes('is listening') ? { agentId, roomId } : undefined;
      },
      'the example to start',
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; it printed: ${output}`);
    });
    await server.owner.human.chats.sendMessage.mutate({
      chat_id: ready.roomId,
      message: { content: 'ping', mentions: [{ id: ready.agentId }] },
    });
    const reply = await eventually(
      async () => (await roomMessages(server.owner, ready.roomId)).find((m) => m.sender_id === ready.agentId),
      'the echo',
    );
    expect(reply.content).toMatch(/You said: ping$/);
    // As Ctrl-C would: the whole group (pnpm, tsx, the agent) gets the signal.
    process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
    // pnpm itself dies of the signal; the agent shuts down cleanly.
    await eventually(async () => output.includes('Echo agent stopped'), 'the agent to stop cleanly', 15_000);
  });
});
