import os from 'node:os';
import { registerAgent } from '@parley/core/agents/registerAgent';
import type { UserIdentity } from '@parley/core/auth/identity';
import { createChat } from '@parley/core/chats/createChat';
import type { CoreDeps } from '@parley/core/deps';
import { addParticipant } from '@parley/core/participants/addParticipant';
import { sql } from 'kysely';
import { createBenchDatabase } from '../chat/benchDatabase.js';
import { type ChildServer, startChildServer } from '../chat/childServer.js';
import { queueMentions, seedBenchUser } from '../chat/seed.js';
import { drainByClaims } from './claimDrain.js';
import { ownCpuSeconds, postgresCpuMeter } from './cpuMeter.js';
import { drainGraphile } from './graphileDrain.js';

/**
 * `pnpm bench:claims`: Parley's leased claims against graphile-worker on the same PostgreSQL.
 * One agent with `BENCH_QUEUED` mentions spread over `BENCH_CLAIM_ROOMS` rooms (rooms give one
 * message at a time, so rooms are what lets a batch fill), drained by `BENCH_CLAIM_WORKERS`
 * workers, unbatched (claim 1 + ack 1) and batched (claim up to a batch + one ack), for each batch
 * size of `BENCH_CLAIM_BATCH` (default: rooms ÷ workers, so that every worker finds rooms free, a
 * room giving one message at a time; and 50); and as many no-op graphile-worker jobs, unbatched
 * and batched (local queue, batched completion), with the same concurrency. Interleaved, so that
 * the pair the goal compares (claims batched, graphile unbatched) runs back to back.
 */
const QUEUED = Number(process.env.BENCH_QUEUED ?? 10_000);
const ROOMS = Number(process.env.BENCH_CLAIM_ROOMS ?? 100);
const WORKERS = Number(process.env.BENCH_CLAIM_WORKERS ?? 8);
const BATCHES = (process.env.BENCH_CLAIM_BATCH ?? `${Math.max(1, Math.floor(ROOMS / WORKERS))},50`)
  .split(',')
  .map(Number);

const log = (line: string) => process.stdout.write(`${line}\n`);
const fixed = (n: number, digits = 0) => n.toFixed(digits);
const watchdog = setTimeout(() => {
  log('watchdog: the run took more than 15 minutes; stopping');
  process.exit(2);
}, 15 * 60_000);

/** An agent in `ROOMS` rooms with `QUEUED` mentions queued across them (seeded in SQL, not measured). */
async function seedQueue(deps: CoreDeps, identity: UserIdentity, name: string) {
  const registered = await registerAgent(deps, identity, { name, description: 'claims benchmark' });
  const agent = { id: registered.agent.id, handle: registered.agent.handle, key: registered.apiKey };
  for (let r = 0; r < ROOMS; r++) {
    const room = await createChat(deps, identity, { title: `${name} ${r}` });
    await addParticipant(deps, identity, { roomId: room.id, participantId: agent.id });
    const count = Math.floor(QUEUED / ROOMS) + (r < QUEUED % ROOMS ? 1 : 0);
    if (count > 0) await queueMentions(deps, { roomId: room.id, userId: identity.userId, agents: [agent], count });
  }
  return agent;
}

async function verify(deps: CoreDeps, agentId: string) {
  const { rows } = await sql<{ processed: number; attempts: number; max_attempt: number }>`
    SELECT count(*) FILTER (WHERE status = 'processed')::int AS processed,
      (SELECT count(*)::int FROM delivery_attempts WHERE agent_id = ${agentId}) AS attempts,
      max(current_attempt)::int AS max_attempt
    FROM message_deliveries WHERE agent_id = ${agentId}`.execute(deps.db);
  return rows[0];
}

interface Measured {
  label: string;
  processed: number;
  seconds: number;
  perSecond: number;
  /** CPU of the side that runs the queue's logic: Parley's server process, or graphile-worker's (this one). */
  appCpu: number;
  /** CPU of the PostgreSQL backends serving the benchmark's database. */
  dbCpu: number;
  note: string;
}

async function main() {
  const database = await createBenchDatabase();
  let server: ChildServer | undefined;
  const meter = await postgresCpuMeter(database.url);
  try {
    const deps: CoreDeps = {
      db: database.handle.db,
      defaultLimits: { agents: null, chats: null, participants: null, messages: null },
    };
    const { identity } = await seedBenchUser(deps);
    const unbatchedAgent = await seedQueue(deps, identity, 'Unbatched');
    const batchedAgents = [];
    for (const batch of BATCHES) batchedAgents.push(await seedQueue(deps, identity, `Batch ${batch}`));
    await sql`ANALYZE`.execute(deps.db);
    log(
      `database ${database.url}: ${QUEUED} mentions for each of ${1 + BATCHES.length} agents, over ${ROOMS} rooms each`,
    );
    log(
      `${WORKERS} workers (graphile-worker: concurrency ${WORKERS}); batches ${BATCHES.join(', ')}; load: ${loadAverage()}`,
    );

    server = await startChildServer('parleyServer', {
      DATABASE_URL: database.url,
      PARLEY_DB_POOL_SIZE: '10',
      PARLEY_RATE_LIMIT_MAX: '1000000',
    });
    const parley = server;
    const claimsRun = async (agent: { id: string; key: string }, batch: number): Promise<Measured> => {
      const db = await meter.start();
      const cpu0 = parley.cpuSeconds();
      const result = await drainByClaims({
        label: batch === 1 ? 'claims, unbatched' : `claims, batch ${batch}`,
        url: parley.url,
        agentKey: agent.key,
        total: QUEUED,
        workers: WORKERS,
        batch,
        deadlineMs: 5 * 60_000,
      });
      const appCpu = parley.cpuSeconds() - cpu0;
      const dbCpu = await db.stop();
      const proof = await verify(deps, agent.id);
      if (result.duplicates > 0 || proof?.processed !== QUEUED || proof.max_attempt !== 1) process.exitCode = 1;
      return {
        label: result.label,
        processed: result.processed,
        seconds: result.seconds,
        perSecond: result.messagesPerSecond,
        appCpu,
        dbCpu,
        note: `${result.claims} claims (${result.emptyClaims} empty), ${result.acks} acks; duplicates ${result.duplicates}; database: ${proof?.processed} processed, ${proof?.attempts} attempts, highest attempt ${proof?.max_attempt}`,
      };
    };
    const graphileRun = async (batched: boolean): Promise<Measured> => {
      const result = await drainGraphile({
        label: batched ? 'graphile, batched' : 'graphile, unbatched',
        connectionString: database.url,
        total: QUEUED,
        concurrency: WORKERS,
        batched,
        measure: async () => {
          const db = await meter.start();
          const cpu0 = ownCpuSeconds();
          return async () => ({ appCpu: ownCpuSeconds() - cpu0, dbCpu: await db.stop() });
        },
      });
      return {
        label: result.label,
        processed: result.processed,
        seconds: result.seconds,
        perSecond: result.jobsPerSecond,
        appCpu: result.measured.appCpu,
        dbCpu: result.measured.dbCpu,
        note: '',
      };
    };

    // Interleaved, so that each pair compared for the goal ran at nearly the same time.
    const runs: Measured[] = [];
    const report = (m: Measured) => {
      runs.push(m);
      const us = (seconds: number) => fixed((seconds / Math.max(m.processed, 1)) * 1e6);
      log(
        `  ${m.label.padEnd(20)} ${m.processed} in ${fixed(m.seconds, 1)} s = ${fixed(m.perSecond)}/s; CPU per message: app ${us(m.appCpu)} µs, database ${us(m.dbCpu)} µs${m.note ? `; ${m.note}` : ''}`,
      );
    };
    report(await claimsRun(unbatchedAgent, 1));
    const gu = await graphileRun(false);
    report(gu);
    const batched: Measured[] = [];
    for (const [i, batch] of BATCHES.entries()) {
      const agent = batchedAgents[i];
      if (!agent) continue;
      const m = await claimsRun(agent, batch);
      report(m);
      batched.push(m);
    }
    const gb = await graphileRun(true);
    report(gb);
    log(`load after: ${loadAverage()}`);

    const [cu] = runs;
    if (cu) {
      const cpu = (m: Measured) => (m.appCpu + m.dbCpu) / Math.max(m.processed, 1);
      const ratio = (a: Measured, b: Measured) =>
        `${fixed(a.perSecond / b.perSecond, 2)} (${fixed(cpu(b) / cpu(a), 2)})`;
      log('\nratios (this run; throughput, and in brackets CPU per message of app + database, graphile / claims)');
      log(`  claims unbatched / graphile unbatched: ${ratio(cu, gu)}`);
      for (const cb of batched) {
        log(`  ${cb.label} / graphile unbatched: ${ratio(cb, gu)} (goal ≥ 1.00)`);
        log(`  ${cb.label} / graphile batched:   ${ratio(cb, gb)}`);
      }
    }
  } finally {
    await server?.stop().catch(() => undefined);
    await meter.close().catch(() => undefined);
    await database.drop();
    clearTimeout(watchdog);
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
}

await main();
