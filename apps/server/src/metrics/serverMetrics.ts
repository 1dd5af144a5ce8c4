import type { DatabaseHandle } from '@parley/db/openDatabase';
import { countOpenDeliveries } from '@parley/db/repositories/deliveryBacklog';
import { latestOutboxId } from '@parley/db/repositories/eventOutbox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { receivedUrl } from '../logging.js';
import type { Realtime } from '../realtime/realtimeService.js';

export interface ServerMetrics {
  registry: Registry;
  /** A request refused by the rate limit. */
  rateLimited(surface: 'rest' | 'trpc'): void;
}

/** Database figures read on scrape are reused this long, so several scrapers cost one read. */
const DB_READ_TTL_MS = 5000;
/** A scrape does not wait longer than this for the database; the figures are then left out. */
const DB_READ_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * This instance's Prometheus metrics (see docs/operations.md for what each means): request
 * latency by route and status, open sockets and streams, the delivery backlog, outbox lag,
 * database pool use, rate-limit rejections, and Node's process metrics. A registry per server, so
 * several servers in one process (tests) keep their own.
 */
export function createServerMetrics(opts: {
  app: FastifyInstance;
  database: DatabaseHandle;
  realtime: Realtime;
  routeLabel(request: FastifyRequest, url: string): string;
}): ServerMetrics {
  const { app, database, realtime } = opts;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });

  const requestDuration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    requestDuration.observe(
      {
        method: request.method,
        route: opts.routeLabel(request, receivedUrl(request)),
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const rejections = new Counter({
    name: 'parley_rate_limit_rejections_total',
    help: 'Requests refused with 429 by the rate limit, by API surface',
    labelNames: ['surface'] as const,
    registers: [registry],
  });
  rejections.inc({ surface: 'rest' }, 0);
  rejections.inc({ surface: 'trpc' }, 0);

  new Gauge({
    name: 'parley_realtime_connections',
    help: 'Open realtime connections on this instance: Phoenix sockets and native event streams (SSE)',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      const sockets = app.websocketServer?.clients.size ?? 0;
      this.set({ kind: 'socket' }, sockets);
      // Every socket and every stream is one subscriber of the hub.
      this.set({ kind: 'stream' }, Math.max(0, realtime.hub.subscriberCount - sockets));
    },
  });

  let dbRead: { at: number; value: Promise<{ deliveries: Record<string, number>; newestEventId: number }> } | undefined;
  const readDatabase = () => {
    if (!dbRead || Date.now() - dbRead.at > DB_READ_TTL_MS) {
      const value = withTimeout(
        Promise.all([countOpenDeliveries(database.db), latestOutboxId(database.db)]).then(([deliveries, newest]) => ({
          deliveries,
          newestEventId: newest,
        })),
        DB_READ_TIMEOUT_MS,
      );
      dbRead = { at: Date.now(), value };
      // A failed read is not reused.
      value.catch(() => {
        if (dbRead?.value === value) dbRead = undefined;
      });
    }
    return dbRead.value;
  };

  const scrapeErrors = new Counter({
    name: 'parley_metrics_database_read_errors_total',
    help: 'Scrapes whose database figures (deliveries, outbox) could not be read; those figures were left out',
    registers: [registry],
  });

  new Gauge({
    name: 'parley_deliveries_open',
    help: 'Mentions not yet processed by their agent, by delivery status (whole database)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const { deliveries } = await readDatabase();
        for (const [status, n] of Object.entries(deliveries)) this.set({ status }, n);
      } catch (err) {
        scrapeErrors.inc();
        app.log.warn({ err }, 'metrics: reading open deliveries failed');
      }
    },
  });

  new Gauge({
    name: 'parley_outbox_lag_events',
    help: 'Newest event id in the outbox minus the last id this instance pushed to its subscribers (0 while it has none)',
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const { newestEventId } = await readDatabase();
        // Without subscribers the tail rests and pushes nothing: there is nobody to be behind for.
        this.set(realtime.feed.running ? Math.max(0, newestEventId - realtime.hub.position) : 0);
      } catch {
        // counted and logged by parley_deliveries_open's read (the same one)
      }
    },
  });

  new Gauge({
    name: 'parley_outbox_newest_event_id',
    help: 'Newest event id in the outbox',
    registers: [registry],
    async collect() {
      this.reset();
      try {
        this.set((await readDatabase()).newestEventId);
      } catch {
        // counted once, above
      }
    },
  });

  new Gauge({
    name: 'parley_outbox_pushed_event_id',
    help: 'Last event id this instance pushed to its sockets and streams',
    registers: [registry],
    collect() {
      this.set(realtime.hub.position);
    },
  });

  const pool = database.pool;
  new Gauge({
    name: 'parley_db_pool_connections',
    help: 'Database connections of the request pool: open (total), idle, in use, and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      if (!pool) {
        // The embedded database is one in-process connection.
        this.set({ state: 'total' }, 1);
        return;
      }
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'parley_db_pool_max',
    help: 'Largest number of connections the request pool may open (PARLEY_DB_POOL_SIZE; 1 when embedded)',
    registers: [registry],
    collect() {
      this.set(pool?.options.max ?? 1);
    },
  });

  return { registry, rateLimited: (surface) => rejections.inc({ surface }) };
}
