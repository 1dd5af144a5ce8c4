import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { floorPool, KEY } from '../chat/floorPool.js';
import { MIN_SQL } from '../chat/minimalSql.js';

/**
 * Child of `pnpm bench:calls`: server CPU per call, in process (`app.inject`, no sockets), for the
 * Parley code in `CODE_DIR` (this checkout, or another one to compare with), in three layers:
 *
 * - `server`: the real `buildServer`, every hook included;
 * - `routers`: the same REST and native tRPC routes on a Fastify with none of Parley's hooks;
 * - `plain`: a Fastify route running the minimal floor's key statement through `pg` (`agent/me`).
 *
 * Prints one JSON line: `{ "<layer> <call>": µs per call }`, each the minimum over batches.
 */
const dir = process.env.CODE_DIR as string;
const keys = JSON.parse(process.env.BENCH_KEYS as string) as string[];
const room = process.env.BENCH_ROOM as string;
const PER_BATCH = Number(process.env.BENCH_CALLS ?? 2000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 4);
const IN_FLIGHT = 8;

// From the checkout under test (the paths are its own, so another checkout can be compared).
const { buildServer } = await import(`${dir}/apps/server/src/buildServer.ts`);
const { loadConfig } = await import(`${dir}/apps/server/src/config.ts`);
const { restApi } = await import(`${dir}/apps/server/src/plugins/restApi.ts`);
const { nativeTrpc } = await import(`${dir}/apps/server/src/plugins/nativeTrpc.ts`);
const { restRouter } = await import(`${dir}/packages/api/src/restRouter.ts`);
const { appRouter } = await import(`${dir}/packages/api/src/appRouter.ts`);
const { operationMetas } = await import(`${dir}/packages/api/src/openapi/operationMetas.ts`);

const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  PARLEY_SEED_DEMO: 'false',
  PARLEY_RATE_LIMIT_MAX: '1000000',
});
const server = await buildServer({ config, logger: false });

const routers = Fastify({ logger: false });
const metas = operationMetas(restRouter);
await routers.register(restApi, { prefix: '/api/v1', router: restRouter, deps: server.deps, metas });
await nativeTrpc(routers, { router: appRouter, deps: server.deps, events: server.realtime.hub, metas });

const pool = floorPool();
const plain = Fastify({ logger: false });
plain.get('/api/v1/agent/me', async (request, reply) => {
  const presented = String(request.headers['x-api-key'] ?? '');
  const m = KEY.exec(presented);
  if (!m) return reply.code(401).send();
  const prefix = `thnv_${m[1]}_${m[2]}_${(m[3] as string).slice(0, 8)}`;
  const hash = createHash('sha256').update(presented).digest('hex');
  const { rows } = await pool.query({ name: 'min_key', text: MIN_SQL.key, values: [prefix, hash] });
  const a = rows[0];
  if (!a) return reply.code(401).send();
  return {
    data: {
      id: a.principal_id,
      name: a.name,
      handle: a.handle,
      description: a.description,
      owner_uuid: a.owner_id,
      listed_in_directory: a.listed_in_directory,
      tags: a.tags,
      inserted_at: a.inserted_at,
      updated_at: a.updated_at,
    },
  };
});

const calls: Record<string, string> = {
  'agent/me REST': '/api/v1/agent/me',
  'agent/me tRPC': '/trpc/agent.me',
  'next REST': `/api/v1/agent/chats/${room}/messages/next`,
  'next tRPC': `/trpc/agent.chats.nextMessage?input=${encodeURIComponent(JSON.stringify({ chat_id: room }))}`,
};
const layers: [string, FastifyInstance][] = [
  ['server', server.app],
  ['routers', routers],
  ['plain', plain],
];

/** CPU (user + system) of this process per call, over one batch of sequential groups in flight. */
async function batch(app: FastifyInstance, url: string): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < PER_BATCH; i += IN_FLIGHT) {
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async (_, j) => {
        const key = keys[(i + j) % keys.length] as string;
        const response = await app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      }),
    );
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / PER_BATCH;
}

const result: Record<string, number> = {};
for (const [layer, app] of layers) {
  for (const [call, url] of Object.entries(calls)) {
    if (layer === 'plain' && call !== 'agent/me REST') continue;
    let best = Number.POSITIVE_INFINITY;
    // The first batch warms the JIT and is not counted.
    for (let n = 0; n <= BATCHES; n++) {
      const perCall = await batch(app, url);
      if (n > 0) best = Math.min(best, perCall);
    }
    result[`${layer} ${call}`] = best;
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`);
await Promise.all([routers.close(), plain.close(), pool.end()]);
await server.stop();
process.exit(0);
