import { loadavg } from 'node:os';
import type { CoreDeps } from '@parley/core/deps';
import { sql } from 'kysely';
import { createBenchDatabase } from './benchDatabase.js';
import { type ChildServer, startChildServer } from './childServer.js';
import { drainQueues } from './drain.js';
import { verifyDrain } from './drainProof.js';
import { type FloorLoadResult, type FloorScenario, type FloorTarget, type FloorWorld, floorLoad } from './floorLoad.js';
import { queueMentions, seedWorld } from './seed.js';
import { formatWaits, startWaitSampler } from './waitSampler.js';

/**
 * `pnpm bench:floor`: Parley against two floors on the local Postgres, in one run.
 *
 * - the **minimal floor** (`minimalServer.ts`): bare Fastify + `pg`, the least SQL that gives the
 *   same REST answers; the ratio to it is the design's cost;
 * - the **exact-statement floor** (`bareServer.ts`): Parley's own statements through `pg`; the
 *   ratio to it is the transports' cost.
 *
 * Calls: `GET /agent/me`, `GET …/messages/next` (200), a send into one room, sends into 32 rooms
 * (32 senders, one room each), each on REST and native tRPC; then the drain (next → processing →
 * processed, 10 agents) on each. `pg_stat_activity` is sampled every 0.5 s during every
 * measurement and the wait events are printed with it.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const QUEUED = Number(process.env.BENCH_QUEUED ?? 3000);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 100_000);
const DRAIN_AGENTS = 10;
const SCENARIOS: FloorScenario[] = (process.env.BENCH_SCENARIOS ?? 'me,next,send1,send32').split(
  ',',
) as FloorScenario[];
const DRAIN_TARGETS: FloorTarget[] = ['min', 'bare', 'rest', 'trpc'];
const WATCHDOG_MS = 20 * 60_000;

const watchdog = setTimeout(() => {
  console.error(`benchmark still running after ${WATCHDOG_MS / 60_000} min: giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const log = (line: string) => process.stdout.write(`${line}\n`);
const fixed = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

const SCENARIO_LABEL: Record<FloorScenario | 'drain', string> = {
  me: 'GET /agent/me',
  next: 'GET …/messages/next (200)',
  send1: 'send, one room',
  send32: `send, ${CONNECTIONS} rooms`,
  drain: `drain, ${DRAIN_AGENTS} agents (msg/s)`,
};

type Server = 'min' | 'bare' | 'parley';
const TARGETS_OF: Record<Server, FloorTarget[]> = { min: ['min'], bare: ['bare'], parley: ['rest', 'trpc'] };
const SCRIPT_OF = { min: 'minimalServer', bare: 'bareServer', parley: 'parleyServer' } as const;

async function main() {
  const database = await createBenchDatabase();
  const servers: ChildServer[] = [];
  const sampler = await startWaitSampler(database.url);
  const start = async (which: Server) => {
    const server = await startChildServer(SCRIPT_OF[which], { DATABASE_URL: database.url, PARLEY_DB_POOL_SIZE: '10' });
    servers.push(server);
    return server;
  };
  try {
    const deps: CoreDeps = {
      db: database.handle.db,
      defaultLimits: { agents: null, chats: null, participants: null, messages: null },
    };
    log(`database ${database.url}; load average ${load()}`);
    const { world, userId } = await seedWorld(deps, {
      sendRooms: CONNECTIONS,
      drainRuns: DRAIN_TARGETS.length + 1,
      drainAgents: DRAIN_AGENTS,
    });
    await queueMentions(deps, { ...world.filler, userId, count: HISTORY, processed: true });
    const nextRoom = world.drains[DRAIN_TARGETS.length];
    if (!nextRoom) throw new Error('no next room');
    await queueMentions(deps, { ...nextRoom, userId, count: DRAIN_AGENTS * 10 });
    for (const drain of world.drains.slice(0, DRAIN_TARGETS.length)) {
      await queueMentions(deps, { ...drain, userId, count: QUEUED });
    }
    await sql`ANALYZE`.execute(deps.db);
    const floorWorld: FloorWorld = {
      userKey: world.userKey,
      sendRooms: world.sendRooms,
      sendAgentId: world.sendAgent.id,
      nextAgents: nextRoom.agents,
      nextRoom: nextRoom.roomId,
    };
    log(`seeded: ${HISTORY} processed messages of history, ${DRAIN_TARGETS.length} × ${QUEUED} queued mentions`);
    log(`\n${CONNECTIONS} connections, ${SECONDS} s per measurement, ${ROUNDS} round(s), order alternating`);

    const results = new Map<string, FloorLoadResult[]>();
    const cpu = new Map<string, number[]>();
    const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);
    for (let round = 0; round < ROUNDS; round++) {
      const order: Server[] = round % 2 === 0 ? ['min', 'bare', 'parley'] : ['parley', 'bare', 'min'];
      log(`\nround ${round + 1} (load average ${load()})`);
      for (const which of order) {
        const server = await start(which);
        const targets = round % 2 === 0 ? TARGETS_OF[which] : [...TARGETS_OF[which]].reverse();
        const options = (target: FloorTarget, scenario: FloorScenario) => ({
          url: server.url,
          target,
          scenario,
          world: floorWorld,
          connections: CONNECTIONS,
        });
        // Warm every path of this server first: the first one measured would pay for the JIT.
        for (const target of targets) {
          for (const scenario of SCENARIOS) await floorLoad({ ...options(target, scenario), seconds: WARMUP_SECONDS });
        }
        for (const scenario of SCENARIOS) {
          for (const target of targets) {
            const cpuBefore = server.cpuSeconds();
            sampler.take();
            const r = await floorLoad({ ...options(target, scenario), seconds: SECONDS });
            const waits = sampler.take();
            const cpuPerRequest = (server.cpuSeconds() - cpuBefore) / Math.max(1, r.total + r.errors);
            push(results, `${scenario}/${target}`, r);
            push(cpu, `${scenario}/${target}`, cpuPerRequest);
            log(
              `  ${SCENARIO_LABEL[scenario].padEnd(26)} ${target.padEnd(4)} ${fixed(r.requestsPerSecond).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  server CPU ${fixed(cpuPerRequest * 1e6)} µs/req  (${r.total} ok, ${r.errors} errors)`,
            );
            if (scenario.startsWith('send')) log(`      waits: ${formatWaits(waits)}`);
            if (r.errors > 0) process.exitCode = 1;
          }
        }
        await server.stop();
        servers.splice(servers.indexOf(server), 1);
      }
    }

    log(`\ndrain ${QUEUED} queued mentions with ${DRAIN_AGENTS} agents (next → processing → processed)`);
    const drainRate = new Map<FloorTarget, number>();
    for (const [index, target] of DRAIN_TARGETS.entries()) {
      const drain = world.drains[index];
      if (!drain) continue;
      const server = await start(target === 'min' ? 'min' : target === 'bare' ? 'bare' : 'parley');
      sampler.take();
      const result = await drainQueues({
        label: target,
        url: server.url,
        prefix: target === 'min' ? '/min/agent' : target === 'bare' ? '/bare/agent' : '/api/v1/agent',
        transport: target === 'trpc' ? 'trpc' : 'rest',
        roomId: drain.roomId,
        agents: drain.agents,
        deadlineMs: 5 * 60_000,
      });
      const waits = sampler.take();
      await server.stop();
      servers.splice(servers.indexOf(server), 1);
      const proof = await verifyDrain(deps, drain.roomId);
      drainRate.set(target, result.messagesPerSecond);
      const exactlyOnce =
        proof?.processed === QUEUED &&
        proof.attempts === QUEUED &&
        proof.successes === QUEUED &&
        proof.max_attempt === 1;
      log(
        `  ${target.padEnd(4)} ${result.processed} in ${fixed(result.seconds, 1)} s = ${fixed(result.messagesPerSecond)} msg/s; processed exactly once: ${exactlyOnce ? 'yes' : 'NO'} (${proof?.processed}/${proof?.deliveries} processed, ${proof?.attempts} attempts, highest ${proof?.max_attempt}); served twice ${result.servedTwice}`,
      );
      log(`      waits: ${formatWaits(waits)}`);
      if (!exactlyOnce || result.servedTwice > 0) process.exitCode = 1;
    }

    const mean = (key: string) => {
      const list = results.get(key) ?? [];
      return list.reduce((s, r) => s + r.requestsPerSecond, 0) / list.length;
    };
    const meanCpu = (key: string) => {
      const list = cpu.get(key) ?? [];
      return (list.reduce((s, v) => s + v, 0) / list.length) * 1e6;
    };
    log(`\nsummary (means of this run; load average ${load()})`);
    log('| call | minimal | exact | REST | tRPC | REST/min | tRPC/min | REST/exact | tRPC/exact |');
    log('|---|---|---|---|---|---|---|---|---|');
    const row = (label: string, v: Record<FloorTarget, number>) =>
      log(
        `| ${label} | ${fixed(v.min)} | ${fixed(v.bare)} | ${fixed(v.rest)} | ${fixed(v.trpc)} | ${fixed(v.rest / v.min, 2)} | ${fixed(v.trpc / v.min, 2)} | ${fixed(v.rest / v.bare, 2)} | ${fixed(v.trpc / v.bare, 2)} |`,
      );
    for (const scenario of SCENARIOS) {
      const v = Object.fromEntries(DRAIN_TARGETS.map((t) => [t, mean(`${scenario}/${t}`)])) as Record<
        FloorTarget,
        number
      >;
      row(SCENARIO_LABEL[scenario], v);
    }
    row(
      SCENARIO_LABEL.drain,
      Object.fromEntries(DRAIN_TARGETS.map((t) => [t, drainRate.get(t) ?? Number.NaN])) as Record<FloorTarget, number>,
    );
    log('\nserver CPU per request (µs)');
    log('| call | minimal | exact | REST | tRPC |');
    log('|---|---|---|---|---|');
    for (const scenario of SCENARIOS) {
      log(
        `| ${SCENARIO_LABEL[scenario]} | ${DRAIN_TARGETS.map((t) => fixed(meanCpu(`${scenario}/${t}`))).join(' | ')} |`,
      );
    }
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    await sampler.stop();
    await database.drop();
    clearTimeout(watchdog);
  }
}

await main();
