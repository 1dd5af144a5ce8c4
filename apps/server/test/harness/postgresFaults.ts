import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import pg from 'pg';

/** A database of the test's own on the PostgreSQL of `DATABASE_URL`, dropped afterwards. */
export async function createScratchDatabase(prefix: string) {
  const base = new URL(process.env.DATABASE_URL ?? '');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    admin,
    /** Terminates every connection to this database (the test's own admin client is elsewhere). */
    async terminateBackends(): Promise<number> {
      const result = await admin.query(
        'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      return (result.rows[0] as { n: number }).n;
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * A TCP proxy in front of PostgreSQL, so a test can make the database unreachable or hung for one
 * server without touching the shared PostgreSQL: `refuse` closes the port (connection refused)
 * and cuts open connections; `blackhole` accepts and holds connections but forwards nothing.
 */
export class PostgresProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private mode: 'pass' | 'blackhole' = 'pass';
  port = 0;

  constructor(
    private readonly target: { host: string; port: number } = {
      host: new URL(process.env.DATABASE_URL ?? 'postgres://127.0.0.1').hostname,
      port: Number(new URL(process.env.DATABASE_URL ?? 'postgres://127.0.0.1').port || 5432),
    },
  ) {}

  /** `url` with its host and port replaced by the proxy's. */
  urlThrough(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async listen(): Promise<void> {
    const server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => {});
      if (this.mode === 'blackhole') return;
      const upstream = tcpConnect(this.target.port, this.target.host);
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops listening (new connections are refused) and cuts every open connection. */
  async refuse(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Open connections stop forwarding and new ones are held without an answer. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const s of this.sockets) {
      s.unpipe();
      s.pause();
    }
  }

  /** Back to forwarding (after `refuse` it listens again on the same port). */
  async restore(): Promise<void> {
    this.mode = 'pass';
    for (const s of this.sockets) s.destroy();
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    await this.refuse();
  }
}
