import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryOf, eventually, mention, registerAgent, roomMessages, roomWith } from './harness/fixtures.js';
import { type ParleyTestServer, startParleyServer } from './harness/parleyServer.js';

const run = promisify(execFile);
const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const builtTypes = join(sdkDir, 'dist/index.d.ts');

/** The README's TypeScript blocks: the first is the fifteen-line echo agent. */
function readmeSnippets(): string[] {
  const readme = readFileSync(join(sdkDir, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

/** Type facts checked outside the monorepo, against the installed declarations. */
const typeFacts = `
import { createAgentClient, ParleyError, type RouterOutputs } from '@parley/sdk';

const client = createAgentClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: 'thnv_a_1_x' });
export async function facts() {
  const me: { data: { id: string; handle: string; owner_uuid: string } } = await client.agent.me.query();
  const next: RouterOutputs['agent']['chats']['nextMessage'] = await client.agent.chats.nextMessage.query({ chat_id: me.data.id });
  const content: string | undefined = next?.data.content;
  // @ts-expect-error: chat_id is required
  await client.agent.chats.nextMessage.query({});
  // @ts-expect-error: not an event type
  await client.agent.chats.createEvent.mutate({ chat_id: 'x', event: { message_type: 'gossip', content: 'hi' } });
  // @ts-expect-error: an agent client has no Human API
  client.human;
  const error = new ParleyError('x', { status: 429, code: 'rate_limited' });
  const code: 'rate_limited' | string = error.code;
  return [content, code];
}
`;

let server: ParleyTestServer;
let project: string;
let agentProcess: ChildProcess | undefined;

beforeAll(async () => {
  if (!existsSync(builtTypes)) throw new Error(`${builtTypes} is missing: run \`pnpm build\` (pnpm test does) first`);
  server = await startParleyServer();
  project = mkdtempSync(join(tmpdir(), 'parley-sdk-consumer-'));
});
afterAll(async () => {
  agentProcess?.kill('SIGKILL');
  await server?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed @parley/sdk, installed outside the workspace', () => {
  it('type-checks the README’s code with tsc and runs the echo agent against the server', async () => {
    const packed = await run('pnpm', ['pack', '--pack-destination', project], { cwd: sdkDir });
    const tarball = packed.stdout.trim().split('\n').at(-1) as string;
    expect(tarball).toMatch(/parley-sdk-0\.1\.0\.tgz$/);
    const { stdout: listing } = await run('tar', ['-tzf', tarball]);
    expect(listing.split('\n').filter(Boolean).sort()).toContain('package/dist/index.d.ts');
    expect(listing).not.toMatch(/package\/src\//);

    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'sample-agent', private: true, type: 'module' }, null, 2),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          // The SDK's bundled declarations are checked too, not only the sample's code.
          skipLibCheck: false,
          types: ['node'],
          outDir: 'out',
        },
        include: ['*.ts'],
      }),
    );
    const [echoAgent, ...others] = readmeSnippets();
    expect(echoAgent?.split('\n').filter((line) => line.trim()).length).toBeLessThanOrEqual(15);
    writeFileSync(join(project, 'agent.ts'), echoAgent as string);
    others.forEach((snippet, i) => {
      writeFileSync(join(project, `readme${i + 1}.ts`), `${snippet}\nexport {};\n`);
    });
    writeFileSync(join(project, 'facts.ts'), typeFacts);

    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, 'typescript@5.9.3', '@types/node@24.19.4'],
      { cwd: project, timeout: 180_000 },
    );
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/@parley/sdk/package.json'), 'utf8'));
    expect(Object.keys(installed.dependencies).sort()).toEqual(['@trpc/client', '@trpc/server', 'eventsource']);
    expect(existsSync(join(project, 'node_modules/@parley/api'))).toBe(false);

    const tsc = join(project, 'node_modules/typescript/bin/tsc');
    // With skipLibCheck off, the SDK's bundled declarations are checked as strictly as the sample.
    // Only @trpc/server's own declarations fail there (they import `ws`, an optional peer of theirs).
    const strict = await run(process.execPath, [tsc, '--noEmit', '-p', project]).catch((e: { stdout: string }) => e);
    const problems = strict.stdout.split('\n').filter((line) => line && !line.includes('node_modules/@trpc/server/'));
    expect(problems).toEqual([]);
    // As projects usually compile (skipLibCheck on): no error at all.
    const usual = await run(process.execPath, [tsc, '--noEmit', '--skipLibCheck', '-p', project]).catch(
      (e: { stdout: string }) => e,
    );
    expect(usual.stdout).toBe('');
    await run(process.execPath, [tsc, '--skipLibCheck', '-p', project]);

    const agent = await registerAgent(server.owner, 'Echo');
    const roomId = await roomWith(server.owner, [agent]);
    const messageId = await mention(server.owner, roomId, agent, 'hello from the tarball test');
    let output = '';
    const child = spawn(process.execPath, [join(project, 'out/agent.js')], {
      cwd: project,
      env: { PATH: process.env.PATH ?? '', PARLEY_URL: server.url, PARLEY_API_KEY: agent.key },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    agentProcess = child;
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const reply = await eventually(async () => {
      const messages = await roomMessages(server.owner, roomId);
      const done =
        deliveryOf(
          messages.find((m) => m.id === messageId),
          agent.id,
        )?.status === 'processed';
      return done ? messages.find((m) => m.sender_id === agent.id) : undefined;
    }, 'the echo').catch((error: Error) => {
      throw new Error(`${error.message}; the agent printed: ${output}`);
    });
    expect(reply.content).toContain('You said: ');
    expect(reply.content).toContain('hello from the tarball test');
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Nothing (a timer, a socket) keeps the process alive once the loop has stopped.
    // A leftover timer used to hold it up to 15 s; the bound is loose for loaded machines.
    expect(Date.now() - stoppedAt).toBeLessThan(8_000);
    expect(output).toBe('');
  }, 240_000);
});
