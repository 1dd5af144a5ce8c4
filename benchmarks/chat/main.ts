import type { CoreDeps } from '@parley/core/deps';
import { sql } from 'kysely';
import pg from 'pg';
import { nextForAgent } from './bareSql.js';
import { createBenchDatabase } from './benchDatabase.js';
import { type ChildServer, startChildServer } from './childServer.js';
import { type DrainResult, drainQueues } from './drain.js';
import { verifyDrain } from './drainProof.js';
import { queueMentions, seedWorld } from './seed.js';
import { type LoadResult, type SendTarget, sendLoad } from './sendLoad.js';

/**
 * `pnpm bench:chat`: the chat core against its floor on the local Postgres.
 *
 * 1. Send a text message with one mention at 32 connections: Parley over REST and over native
 *    tRPC, and a bare Fastify + `pg` route running the same SQL. Rounds alternate the order.
 * 2. Drain 10,000 queued mentions with 10 agents (next → processing → processed), on Parley and
 *    on the bare routes, and prove from the database that no message was processed twice.
 *
 * Creates its own database and drops it at the end; loopback only; bounded in time.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SEND_ROOMS = Number(process.env.BENCH_SEND_ROOMS ?? 16);
const QUEUED = Number(process.env.BENCH_QUEUED ?? 10_000);
const DRAIN_AGENTS = 10;
const HISTORY = Number(process.env.BENCH_HISTORY ?? 100_000);
const WATCHDOG_MS = 15 * 60_000;

const watchdog = setTimeout(() => {
  console.error(`benchmark still running after ${WATCHDOG_MS / 60_000} min: giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const log = (line: string) => process.stdout.write(`${line}\n`);
const fixed = (n: number, digits = 0) => n.toFixed(digits);

async function explainNext(url: string, agentId: string, roomId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const params = nextForAgent.values({ agentId, roomId, limit: 1 });
    const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${nextForAgent.text}`, params);
    return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']);
  } finally {
    await client.end();
  }
}

async function main() {
  const database = await createBenchDatabase();
  const servers: ChildServer[] = [];
  const start = async (script: 'parleyServer' | 'bareServer') => {
    const server = await startChildServer(script, { DATABASE_URL: database.url, PARLEY_DB_POOL_SIZE: '10' });
    servers.push(server);
    return server;
  };
  try {
    const deps: CoreDeps = {
      db: database.handle.db,
      defaultLimits: { agents: null, chats: null, participants: null, messages: null },
    };
    log(`database ${database.url}`);
    const { world, userId } = await seedWorld(deps, { sendRooms: SEND_ROOMS, drainRuns: 2, drainAgents: DRAIN_AGENTS });
    await queueMentions(deps, { ...world.filler, userId, count: HISTORY, processed: true });
    for (const drain of world.drains) await queueMentions(deps, { ...drain, userId, count: QUEUED });
    await sql`ANALYZE`.execute(deps.db);
    const [drainA] = world.drains;
    if (!drainA) throw new Error('no drain room');
    log(`seeded: ${HISTORY} processed messages of history, ${world.drains.length} × ${QUEUED} queued mentions`);
    log('\nplan of GET …/messages/next (oldest open delivery by subquery, then the one message):');
    for (const line of await explainNext(database.url, drainA.agents[0]?.id ?? '', drainA.roomId)) log(`  ${line}`);

    log(
      `\nsend a text message with one mention: ${CONNECTIONS} connections, ${SECONDS} s per run, ${SEND_ROOMS} rooms`,
    );
    const rounds: Record<SendTarget, LoadResult>[] = [];
    // Server CPU per request: steadier than req/s on a shared machine, and where the layers show.
    const cpu: Record<SendTarget, number[]> = { bare: [], rest: [], trpc: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const results = {} as Record<SendTarget, LoadResult>;
      const order: ('parley' | 'bare')[] = round % 2 === 0 ? ['bare', 'parley'] : ['parley', 'bare'];
      for (const which of order) {
        const server = await start(which === 'bare' ? 'bareServer' : 'parleyServer');
        const targets: SendTarget[] =
          which === 'bare' ? ['bare'] : round % 2 === 0 ? ['rest', 'trpc'] : ['trpc', 'rest'];
        const loadFor = (target: SendTarget) => ({
          url: server.url,
          target,
          userKey: world.userKey,
          rooms: world.sendRooms,
          agentId: world.sendAgent.id,
          connections: CONNECTIONS,
        });
        // Warm every target of this server before measuring any: the first one measured would
        // otherwise also pay for the JIT compiling the code paths the two share.
        for (const target of targets) await sendLoad({ ...loadFor(target), seconds: WARMUP_SECONDS });
        for (const target of targets) {
          const load = loadFor(target);
          const cpuBefore = server.cpuSeconds();
          results[target] = await sendLoad({ ...load, seconds: SECONDS });
          const r = results[target];
          const cpuPerRequest = (server.cpuSeconds() - cpuBefore) / Math.max(1, r.total + r.errors);
          cpu[target].push(cpuPerRequest);
          log(
            `  round ${round + 1} ${target.padEnd(4)} ${fixed(r.requestsPerSecond).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  server CPU ${fixed(cpuPerRequest * 1e6)} µs/request  (${r.total} sent, ${r.errors} errors)`,
          );
        }
        await server.stop();
        servers.pop();
      }
      rounds.push(results);
      log(
        `  round ${round + 1} ratios: REST/bare ${fixed(results.rest.requestsPerSecond / results.bare.requestsPerSecond, 2)}, tRPC/bare ${fixed(results.trpc.requestsPerSecond / results.bare.requestsPerSecond, 2)}`,
      );
    }
    const mean = (f: (r: Record<SendTarget, LoadResult>) => number) =>
      rounds.reduce((s, r) => s + f(r), 0) / rounds.length;
    const restRatio = mean((r) => r.rest.requestsPerSecond / r.bare.requestsPerSecond);
    const trpcRatio = mean((r) => r.trpc.requestsPerSecond / r.bare.requestsPerSecond);

    log(`\ndrain ${QUEUED} queued mentions with ${DRAIN_AGENTS} agents (next → processing → processed)`);
    const drains: { result: DrainResult; proof: Awaited<ReturnType<typeof verifyDrain>> }[] = [];
    for (const [index, which] of (['parley', 'bare'] as const).entries()) {
      const drain = world.drains[index];
      if (!drain) continue;
      const server = await start(which === 'bare' ? 'bareServer' : 'parleyServer');
      const result = await drainQueues({
        label: which === 'bare' ? 'bare' : 'rest',
        url: server.url,
        prefix: which === 'bare' ? '/bare/agent' : '/api/v1/agent',
        roomId: drain.roomId,
        agents: drain.agents,
        deadlineMs: 5 * 60_000,
      });
      await server.stop();
      servers.pop();
      const proof = await verifyDrain(deps, drain.roomId);
      drains.push({ result, proof });
      log(
        `  ${result.label.padEnd(4)} ${result.processed} messages in ${fixed(result.seconds, 1)} s = ${fixed(result.messagesPerSecond)} messages/s; served again after processing: ${result.servedTwice}; re-claims: ${result.reclaims}`,
      );
      log(
        `       database: ${proof?.processed}/${proof?.deliveries} deliveries processed, ${proof?.attempts} attempts (${proof?.successes} successful), highest attempt number ${proof?.max_attempt}`,
      );
      const exactlyOnce =
        proof?.processed === QUEUED &&
        proof.attempts === QUEUED &&
        proof.successes === QUEUED &&
        proof.max_attempt === 1;
      log(`       processed exactly once each: ${exactlyOnce ? 'yes' : 'NO'}`);
      if (!exactlyOnce || result.servedTwice > 0) process.exitCode = 1;
    }

    const parleyDrain = drains[0]?.result.messagesPerSecond ?? 0;
    const bareDrain = drains[1]?.result.messagesPerSecond ?? 0;
    log('\nsummary (this run)');
    log(`  send, REST / bare:  ${fixed(restRatio, 2)} (goal ≥ 0.70)`);
    log(`  send, tRPC / bare:  ${fixed(trpcRatio, 2)} (goal ≥ 0.70)`);
    log(
      `  drain, REST / bare: ${fixed(parleyDrain / bareDrain, 2)} (${fixed(parleyDrain)} vs ${fixed(bareDrain)} messages/s)`,
    );
    const meanCpu = (target: SendTarget) => cpu[target].reduce((s, v) => s + v, 0) / cpu[target].length;
    log(
      `  server CPU per send: bare ${fixed(meanCpu('bare') * 1e6)} µs, REST ${fixed(meanCpu('rest') * 1e6)} µs, tRPC ${fixed(meanCpu('trpc') * 1e6)} µs`,
    );
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    await database.drop();
    clearTimeout(watchdog);
  }
}

await main();
