import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restClient } from './harness/http.js';
import { connectPhoenix } from './harness/phoenixClient.js';
import { eventually } from './harness/realtimeFixtures.js';
import { runCli, type ServerProcess, startServerProcess } from './harness/serverProcess.js';

/** A port nothing listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A request that never ends: its headers promise a body that never comes, so the server keeps
 * waiting for it (resolves once the server has the headers).
 */
async function hangingRequest(baseUrl: string, key: string): Promise<Socket> {
  const { port } = new URL(baseUrl);
  const socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    'POST /api/v1/me/agents/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `X-API-Key: ${key}\r\nContent-Length: 1000\r\n\r\n{"agent":`,
  );
  await new Promise((r) => setTimeout(r, 300));
  return socket;
}

/** The exit code, or a failure if the process is still running after `ms`. */
function exitWithin(exit: Promise<number | null>, ms: number): Promise<number | null> {
  return Promise.race([
    exit,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms)),
  ]);
}

const dirs: string[] = [];
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-data-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the built server on the embedded database', () => {
  it('seeds a demo user, stops on SIGTERM, restarts and finds its data', async () => {
    const dir = dataDir();
    let server: ServerProcess | undefined = await startServerProcess({ PARLEY_DATA_DIR: dir });
    try {
      const demoKey = /(thnv_u_\d+_[A-Za-z0-9]{32})/.exec(server.output())?.[1];
      expect(demoKey, server.output()).toBeTruthy();
      const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      expect(server.output()).toContain(`Parley ${version} listening on`);
      const api = restClient(server.url);
      const profile = await api.get<{ data: { handle: string } }>('/me/profile', { key: demoKey });
      expect(profile.body.data.handle).toBe('demo');
      const registered = await api.post<{ data: { agent: { id: string }; credentials: { api_key: string } } }>(
        '/me/agents/register',
        { key: demoKey, body: { agent: { name: 'Survivor', description: 'persists' } } },
      );
      expect(registered.status).toBe(201);

      // A second server on the same directory is refused while the first holds it.
      await expect(startServerProcess({ PARLEY_DATA_DIR: dir })).rejects.toThrow(/in use by server process/);

      expect(await server.stop('SIGTERM')).toBe(0);
      server = await startServerProcess({ PARLEY_DATA_DIR: dir });
      expect(server.output()).not.toContain('First start');
      const again = restClient(server.url);
      const me = await again.get<{ data: { id: string; name: string } }>('/agent/me', {
        key: registered.body.data.credentials.api_key,
      });
      expect(me.status).toBe(200);
      expect(me.body.data).toMatchObject({ id: registered.body.data.agent.id, name: 'Survivor' });
    } finally {
      await server?.stop();
    }
  });

  it('lets in-flight requests finish on SIGTERM', async () => {
    const server = await startServerProcess({ PARLEY_DATA_DIR: dataDir() });
    const demoKey = /(thnv_u_\d+_[A-Za-z0-9]{32})/.exec(server.output())?.[1];
    const api = restClient(server.url);
    const inFlight = Array.from({ length: 10 }, (_, n) =>
      api.post('/me/agents/register', { key: demoKey, body: { agent: { name: `Late ${n}`, description: '' } } }),
    );
    const exit = server.stop('SIGTERM');
    const statuses = (await Promise.allSettled(inFlight)).map((r) =>
      r.status === 'fulfilled' ? r.value.status : 'refused',
    );
    expect(await exit, server.output()).toBe(0);
    // Each request either completed or was refused before it started: none half-done.
    for (const status of statuses) expect([201, 503, 'refused']).toContain(status);
  });

  it('exits within PARLEY_SHUTDOWN_TIMEOUT_MS although a request hangs; sockets are closed with 1001', async () => {
    const server = await startServerProcess({ PARLEY_DATA_DIR: dataDir(), PARLEY_SHUTDOWN_TIMEOUT_MS: '1500' });
    const demoKey = /(thnv_u_\d+_[A-Za-z0-9]{32})/.exec(server.output())?.[1] as string;
    const socket = await connectPhoenix(server.url, { api_key: demoKey });
    const hanging = await hangingRequest(server.url, demoKey);
    try {
      const started = Date.now();
      const code = await exitWithin(server.stop('SIGTERM'), 30_000);
      const took = Date.now() - started;
      expect(code, server.output()).toBe(1);
      expect(server.output()).toContain('shutdown deadline passed');
      // The bound is 1.5 s; the margin is for a machine under load, never the hang itself.
      expect(took).toBeLessThan(15_000);
      await eventually(() => socket.closes[0], 'the socket close');
      expect(socket.closes[0]).toMatchObject({ code: 1001, reason: 'server shutting down' });
    } finally {
      hanging.destroy();
      socket.disconnect();
    }
  }, 120_000);

  it('exits at once on a second SIGTERM while the first waits for a hanging request', async () => {
    const server = await startServerProcess({ PARLEY_DATA_DIR: dataDir(), PARLEY_SHUTDOWN_TIMEOUT_MS: '600000' });
    const demoKey = /(thnv_u_\d+_[A-Za-z0-9]{32})/.exec(server.output())?.[1] as string;
    const hanging = await hangingRequest(server.url, demoKey);
    try {
      const exit = server.stop('SIGTERM');
      await new Promise((r) => setTimeout(r, 1000));
      expect(server.child.exitCode, 'the hanging request holds the graceful stop').toBeNull();
      server.child.kill('SIGTERM');
      expect(await exitWithin(exit, 15_000), server.output()).toBe(1);
      expect(server.output()).toContain('second signal');
    } finally {
      hanging.destroy();
    }
  }, 120_000);

  it('refuses a bad configuration with a message naming the variable', async () => {
    await expect(startServerProcess({ PARLEY_DATA_DIR: dataDir(), PORT: 'eighty' })).rejects.toThrow(/PORT="eighty"/);
  });

  it('refuses an impossible HOST when reading the configuration (exit 78), naming it', async () => {
    await expect(startServerProcess({ PARLEY_DATA_DIR: dataDir(), HOST: '999.1.1.1' })).rejects.toThrow(
      /exited with 78:[\s\S]*HOST="999\.1\.1\.1": must be an IP address/,
    );
  });

  it('names HOST when it is a host name that does not resolve', async () => {
    await expect(startServerProcess({ PARLEY_DATA_DIR: dataDir(), HOST: 'nowhere.invalid' })).rejects.toThrow(
      /HOST=nowhere\.invalid: the name does not resolve/,
    );
  });

  it('names DATABASE_URL and its host and port, not its password, when PostgreSQL cannot be reached', async () => {
    const port = await closedPort();
    const started = startServerProcess({ DATABASE_URL: `postgres://parley:s3cret-pw@127.0.0.1:${port}/parley` });
    const error = await started.then(
      () => expect.unreachable('the server started without its database'),
      (e: Error) => e,
    );
    expect(error.message).toMatch(
      new RegExp(`DATABASE_URL: the PostgreSQL server at 127\\.0\\.0\\.1:${port}/parley cannot be reached`),
    );
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('s3cret-pw');
  });
});

describe('the CLI next to a running embedded server', () => {
  it('creates a user whose key works against the server, sets limits and revokes keys', async () => {
    const dir = dataDir();
    const server = await startServerProcess({ PARLEY_DATA_DIR: dir });
    try {
      const env = { PARLEY_DATA_DIR: dir };
      const created = await runCli(
        [
          'users',
          'create',
          '--org',
          'acme',
          '--handle',
          'ada',
          '--email',
          'ada@acme.test',
          '--first-name',
          'Ada',
          '--json',
        ],
        env,
      );
      expect(created.code, created.stderr).toBe(0);
      const result = JSON.parse(created.stdout) as { api_key: string; key_prefix: string; user: { handle: string } };
      expect(result.user.handle).toBe('ada');
      const api = restClient(server.url);
      const profile = await api.get<{ data: { first_name: string } }>('/me/profile', { key: result.api_key });
      expect(profile.body.data.first_name).toBe('Ada');

      const limits = await runCli(['orgs', 'set-limits', '--org', 'acme', '--agents', '0', '--json'], env);
      expect(limits.code, limits.stderr).toBe(0);
      const refused = await api.post('/me/agents/register', {
        key: result.api_key,
        body: { agent: { name: 'No', description: '' } },
      });
      expect(refused.status).toBe(403);

      const duplicate = await runCli(
        ['users', 'create', '--org', 'acme', '--handle', 'ada', '--email', 'x@acme.test'],
        env,
      );
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toContain('conflict');

      const revoked = await runCli(['keys', 'revoke', result.key_prefix], env);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect((await api.get('/me/profile', { key: result.api_key })).status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('works on the data directory alone when no server runs, then the server sees the user', async () => {
    const dir = dataDir();
    const created = await runCli(
      ['users', 'create', '--org', 'solo', '--handle', 'solo', '--email', 's@solo.test', '--json'],
      {
        PARLEY_DATA_DIR: dir,
      },
    );
    expect(created.code, created.stderr).toBe(0);
    const { api_key } = JSON.parse(created.stdout) as { api_key: string };
    const server = await startServerProcess({ PARLEY_DATA_DIR: dir });
    try {
      // An organization exists, so no demo user is seeded.
      expect(server.output()).not.toContain('First start');
      expect((await restClient(server.url).get('/me/profile', { key: api_key })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('explains bad usage', async () => {
    const bad = await runCli(['users', 'create', '--org', 'x'], { PARLEY_DATA_DIR: dataDir() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--handle is required');
  });
});

describe.runIf(process.env.DATABASE_URL)('the CLI and the server on PostgreSQL', () => {
  it('share one database: a user made by the CLI works at once', async () => {
    const { default: pg } = await import('pg');
    const url = new URL(process.env.DATABASE_URL ?? '');
    const name = `parley_cli_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString() };
    const server = await startServerProcess(env);
    try {
      const created = await runCli(
        ['users', 'create', '--org', 'pg', '--handle', 'pguser', '--email', 'p@pg.test', '--json'],
        env,
      );
      expect(created.code, created.stderr).toBe(0);
      const { api_key } = JSON.parse(created.stdout) as { api_key: string };
      expect((await restClient(server.url).get('/me/profile', { key: api_key })).status).toBe(200);
      expect((await runCli(['migrate', '--json'], env)).stdout).toContain('"applied":[]');
    } finally {
      await server.stop();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
