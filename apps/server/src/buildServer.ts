import { randomBytes } from 'node:crypto';
import { appRouter } from '@parley/api/appRouter';
import { buildOpenApiDocument } from '@parley/api/openapi/buildOpenApiDocument';
import { operationMetas } from '@parley/api/openapi/operationMetas';
import { restRouter } from '@parley/api/restRouter';
import { AppError } from '@parley/core/appError';
import { authenticate } from '@parley/core/auth/authenticate';
import type { CoreDeps, CoreFaults } from '@parley/core/deps';
import { seedDemo } from '@parley/core/seed/seedDemo';
import { createSignInLink } from '@parley/core/signIn/signInLinks';
import { acquireDataDirLock, type DataDirLock } from '@parley/db/dataDirLock';
import { migrateToLatest } from '@parley/db/migrate';
import { type DatabaseHandle, openDatabase } from '@parley/db/openDatabase';
import { type PlatformAgentRuntime, startPlatformAgentRuntime } from '@parley/platform-agents/platformAgentRuntime';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Config } from './config.js';
import { type LogStream, loggerOptions, registerReceivedUrl, registerRequestLog } from './logging.js';
import { registerMetricsEndpoint } from './metrics/metricsEndpoint.js';
import { createRouteLabeler } from './metrics/routeLabel.js';
import { createServerMetrics, type ServerMetrics } from './metrics/serverMetrics.js';
import { registerAdminChannel } from './plugins/adminChannel.js';
import { registerCompression } from './plugins/compression.js';
import { registerCors } from './plugins/cors.js';
import { registerDocs } from './plugins/docs.js';
import { registerErrorHandling } from './plugins/errorHandling.js';
import { registerHealth } from './plugins/health.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { nativeTrpc } from './plugins/nativeTrpc.js';
import { registerRateLimit } from './plugins/rateLimit.js';
import { restApi } from './plugins/restApi.js';
import { registerWebApp } from './plugins/webApp.js';
import { type Realtime, startRealtime } from './realtime/realtimeService.js';
import { registerPhoenixSocket } from './socket/phoenixSocket.js';
import { databaseStartupError, listenStartupError } from './startupErrors.js';
import { parleyVersion } from './version.js';

export interface BuildServerOptions {
  config: Config;
  /** An already open database (tests); otherwise opened from `config.database`. */
  database?: DatabaseHandle;
  /** Pino logging; off in tests. */
  logger?: boolean;
  /** Where the JSON log lines go instead of stdout (tests that read the logs). */
  logStream?: LogStream;
  /** Fault injection (tests only; no configuration sets it). */
  faults?: CoreFaults;
}

export interface ParleyServer {
  app: FastifyInstance;
  deps: CoreDeps;
  database: DatabaseHandle;
  /** The event pipeline: outbox tail, fan-out hub, agent sessions. */
  realtime: Realtime;
  /** The runtime of platform agents, when a model provider is configured. */
  platformAgents: PlatformAgentRuntime | undefined;
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
  if (embeddedDir) lock = await acquireDataDirLock(embeddedDir, 'server');

  let database: DatabaseHandle;
  try {
    database =
      options.database ??
      (await openDatabase(
        config.database.kind === 'postgres'
          ? {
              kind: 'postgres',
              url: config.database.url,
              poolSize: config.database.poolSize,
              timeouts: config.database.timeouts,
            }
          : { kind: 'pglite', ...(embeddedDir ? { dataDir: `${embeddedDir}/pgdata` } : {}) },
      ));
  } catch (error) {
    await lock?.release();
    throw config.database.kind === 'postgres' ? databaseStartupError(config.database.url, error) : error;
  }
  const migrate = () => migrateToLatest(database.db, database.schema);
  await migrate().catch((error: unknown) => {
    throw config.database.kind === 'postgres' ? databaseStartupError(config.database.url, error) : error;
  });

  const deps: CoreDeps = {
    db: database.db,
    defaultLimits: config.defaultLimits,
    activityTtlMs: config.realtime.activityTtlMs,
    signIn: config.signIn,
    ...(config.llm ? { platformModels: config.llm.models } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  };
  const seeded = database.kind === 'pglite' && config.seedDemo ? await seedDemo(deps) : undefined;
  const demo = seeded && { ...seeded, signInPath: (await createSignInLink(deps, seeded.handle)).path };

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : loggerOptions(config.logLevel, { pretty: process.stdout.isTTY === true, stream: options.logStream }),
    // One line per request instead of Fastify's two (registerRequestLog).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : nextRequestId();
    },
    routerOptions: { maxParamLength: 5000 },
    // Fastify's default of 10 s per plugin is too short on a machine busy with other work (seen:
    // "Plugin did not start in time" in a loaded test run); a plugin that hangs still fails the start.
    pluginTimeout: 60_000,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerReceivedUrl(app);
  registerRequestLog(app);
  registerErrorHandling(app);
  await registerCors(app, config.corsOrigins);
  let metrics: ServerMetrics | undefined;
  const rateLimiter = await registerRateLimit(app, {
    ...config.rateLimit,
    redisUrl: config.redisUrl,
    onRejected: (surface) => metrics?.rateLimited(surface),
    verifyKey: (key) =>
      authenticate(deps, key).then(
        () => 'valid' as const,
        (error: unknown) => (error instanceof AppError && error.status === 401 ? 'invalid' : 'unknown'),
      ),
  });
  registerHealth(app, database.db, parleyVersion);
  registerIdempotency(app, database.db);

  const realtime = await startRealtime({ database, config: config.realtime, log: app.log });
  // Platform agents run in this process once it has the live events they follow; they stop
  // first at close, while their streams and the database still work.
  const platformAgents = config.llm
    ? startPlatformAgentRuntime({
        deps,
        events: realtime.hub,
        database,
        provider: config.llm,
        models: config.llm.models,
        maxAttempts: config.llm.maxAttempts,
        retryDelayMs: config.llm.retryDelayMs,
        scanMs: config.platformAgentsScanMs,
        drainMs: config.platformAgentsDrainMs,
        closeGraceMs: config.platformAgentsCloseGraceMs,
        log: app.log,
      })
    : undefined;
  app.addHook('preClose', async () => platformAgents?.close());
  // Before the server waits for open requests to end: live streams and sockets end first.
  app.addHook('preClose', async () => realtime.hub.closeAll());
  app.addHook('onClose', async () => realtime.close());

  const metas = operationMetas(restRouter);
  metrics = createServerMetrics({
    app,
    database,
    realtime,
    routeLabel: createRouteLabeler({
      restPrefix: '/api/v1',
      metas: metas.values(),
      procedures: Object.keys(appRouter._def.procedures),
    }),
  });
  registerMetricsEndpoint(app, { registry: metrics.registry, token: config.metricsToken });
  // Compression covers the routes registered after it (see compression.ts).
  await registerCompression(app);
  await app.register(restApi, { prefix: '/api/v1', router: restRouter, deps, metas });
  await nativeTrpc(app, { router: appRouter, deps, events: realtime.hub, metas });
  await registerPhoenixSocket(app, { deps, realtime, config: config.realtime });
  await registerDocs(app, buildOpenApiDocument(restRouter, { version: parleyVersion, baseUrl: '/api/v1' }));
  await registerWebApp(app, config.webDir);

  const adminToken = randomBytes(32).toString('hex');
  if (lock) registerAdminChannel(app, { deps, token: adminToken, migrate });

  let stopped = false;
  return {
    app,
    deps,
    database,
    realtime,
    platformAgents,
    demo,
    async start() {
      const address = await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
        throw listenStartupError(config.host, config.port, error);
      });
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
      await lock?.release();
    },
  };
}
