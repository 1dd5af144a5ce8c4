import { randomBytes } from 'node:crypto';
import { appRouter } from '@parley/api/appRouter';
import { buildOpenApiDocument } from '@parley/api/openapi/buildOpenApiDocument';
import { operationMetas } from '@parley/api/openapi/operationMetas';
import type { CoreDeps } from '@parley/core/deps';
import { seedDemo } from '@parley/core/seed/seedDemo';
import { createSignInLink } from '@parley/core/signIn/signInLinks';
import { acquireDataDirLock, type DataDirLock } from '@parley/db/dataDirLock';
import { migrateToLatest } from '@parley/db/migrate';
import { type DatabaseHandle, openDatabase } from '@parley/db/openDatabase';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { registerAdminChannel } from './plugins/adminChannel.js';
import { registerDocs } from './plugins/docs.js';
import { registerErrorHandling } from './plugins/errorHandling.js';
import { registerHealth } from './plugins/health.js';
import { nativeTrpc } from './plugins/nativeTrpc.js';
import { registerRateLimit } from './plugins/rateLimit.js';
import { restApi } from './plugins/restApi.js';
import { registerWebApp } from './plugins/webApp.js';
import { type Realtime, startRealtime } from './realtime/realtimeService.js';
import { registerPhoenixSocket } from './socket/phoenixSocket.js';
import { requestLogSerializer } from './socket/requestLogSerializer.js';

export const PARLEY_VERSION = '0.1.0';

export interface BuildServerOptions {
  config: Config;
  /** An already open database (tests); otherwise opened from `config.database`. */
  database?: DatabaseHandle;
  /** Pino logging; off in tests. */
  logger?: boolean;
}

export interface ParleyServer {
  app: FastifyInstance;
  deps: CoreDeps;
  database: DatabaseHandle;
  /** The event pipeline: outbox tail, fan-out hub, agent sessions. */
  realtime: Realtime;
  /** The demo user's key when this start seeded an empty embedded database (print it once). */
  demo: { handle: string; apiKey: string; signInPath: string } | undefined;
  /** Listens on `config.port`/`config.host` (0 picks a free port); resolves to the base URL. */
  start(): Promise<string>;
  /** Stops taking requests, closes sockets and event streams, lets in-flight requests finish, then closes the database. */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Request ids: a random prefix per process and a counter, unique without asking for randomness
 * on every request (each `randomBytes` call also costs a getpid system call). Not a secret.
 */
const REQUEST_ID_PREFIX = `req_${randomBytes(9).toString('base64url')}`;
let requestCounter = 0;
const nextRequestId = () => `${REQUEST_ID_PREFIX}${(requestCounter++).toString(36).padStart(6, '0')}`;

/** Assembles the server: database, migrations, and every route, without listening yet. */
export async function buildServer(options: BuildServerOptions): Promise<ParleyServer> {
  const { config } = options;
  const embeddedDir = !options.database && config.database.kind === 'pglite' ? config.database.dataDir : undefined;
  let lock: DataDirLock | undefined;
  if (embeddedDir) lock = acquireDataDirLock(embeddedDir, 'server');

  let database: DatabaseHandle;
  try {
    database =
      options.database ??
      (await openDatabase(
        config.database.kind === 'postgres'
          ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize }
          : { kind: 'pglite', ...(embeddedDir ? { dataDir: `${embeddedDir}/pgdata` } : {}) },
      ));
  } catch (error) {
    lock?.release();
    throw error;
  }
  const migrate = () => migrateToLatest(database.db, database.schema);
  await migrate();

  const deps: CoreDeps = { db: database.db, defaultLimits: config.defaultLimits, signIn: config.signIn };
  const seeded = database.kind === 'pglite' && config.seedDemo ? await seedDemo(deps) : undefined;
  const demo = seeded && { ...seeded, signInPath: (await createSignInLink(deps, seeded.handle)).path };

  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, serializers: { req: requestLogSerializer } },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : nextRequestId();
    },
    routerOptions: { maxParamLength: 5000 },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);
  const rateLimiter = await registerRateLimit(app, { ...config.rateLimit, redisUrl: config.redisUrl });
  registerHealth(app, database.db);

  const realtime = await startRealtime({ database, config: config.realtime, log: app.log });
  deps.events = realtime.hub;
  // Before the server waits for open requests to end: live streams and sockets end first.
  app.addHook('preClose', async () => realtime.hub.closeAll());
  app.addHook('onClose', async () => realtime.close());

  const metas = operationMetas(appRouter);
  await registerDocs(app, buildOpenApiDocument(appRouter, { version: PARLEY_VERSION, baseUrl: '/api/v1' }));
  await app.register(restApi, { prefix: '/api/v1', router: appRouter, deps, metas });
  await nativeTrpc(app, { router: appRouter, deps, metas });
  await registerPhoenixSocket(app, { deps, realtime, config: config.realtime });
  await registerWebApp(app, config.webDir);

  const adminToken = randomBytes(32).toString('hex');
  if (lock) registerAdminChannel(app, { deps, token: adminToken, migrate });

  let stopped = false;
  return {
    app,
    deps,
    database,
    realtime,
    demo,
    async start() {
      const address = await app.listen({ port: config.port, host: config.host });
      const port = (app.server.address() as { port: number }).port;
      lock?.update({ adminUrl: `http://127.0.0.1:${port}`, adminToken });
      return address;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await rateLimiter.close();
      await database.close();
      lock?.release();
    },
  };
}
