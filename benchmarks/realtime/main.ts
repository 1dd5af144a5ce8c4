import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CoreDeps } from '@parley/core/deps';
import { createBenchDatabase } from '../chat/benchDatabase.js';
import { type BenchChild, startBenchChild } from '../shared/benchChild.js';
import { type FleetWorld, seedFleet } from './seedFleet.js';
import { type FleetAgent, SocketFleet } from './socketFleet.js';
import { percentile, type Sent, steadySend } from './steadySender.js';

/**
 * `pnpm bench:realtime`: 1,000 agent sockets on one Parley instance (local Postgres), text
 * messages at a steady rate each mentioning one random agent; the latency from the send's 201
 * (and from the send) to the `message_created` frame at that agent, p50/p99, at each rate; the
 * server's memory per connection. The floor is a bare `ws` server pushing the same frames on a
 * bare HTTP POST, measured the same way. Own database, dropped at the end; loopback; bounded.
 */
const AGENTS = Number(process.env.BENCH_AGENTS ?? 1000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATES = (process.env.BENCH_RATES ?? '100,500').split(',').map(Number);
const WATCHDOG_MS = 15 * 60_000;

setTimeout(() => {
  console.error('benchmark still running after 15 min: giving up');
  process.exit(2);
}, WATCHDOG_MS).unref();

const log = (line: string) => process.stdout.write(`${line}\n`);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)] as T;

interface Row {
  system: string;
  rate: number;
  sent: number;
  delivered: number;
  failed: number;
  afterCreated: number[];
  afterSend: number[];
}

async function measure(system: string, rate: number, fleet: SocketFleet, send: (n: number) => Promise<string>) {
  const { sent, failed, reasons } = await steadySend(rate, SECONDS, send);
  const deadline = Date.now() + 10_000;
  while (sent.some((s) => !fleet.arrivals.has(s.id)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const got = sent.filter((s) => fleet.arrivals.has(s.id));
  const at = (s: Sent) => fleet.arrivals.get(s.id) as number;
  const row: Row = {
    system,
    rate,
    sent: sent.length,
    delivered: got.length,
    failed,
    afterCreated: got.map((s) => at(s) - s.createdAt).sort((a, b) => a - b),
    afterSend: got.map((s) => at(s) - s.sentAt).sort((a, b) => a - b),
  };
  log(`  ${system} @ ${rate}/s: ${row.delivered}/${row.sent} delivered, ${failed} failed`);
  for (const [reason, n] of reasons) log(`    ${n} × ${reason}`);
  return row;
}

async function withFleet(server: BenchChild, agents: FleetAgent[]) {
  const before = server.rss();
  const fleet = new SocketFleet();
  await fleet.connect(server.url, agents);
  await new Promise((r) => setTimeout(r, 2000));
  const perConnection = (server.rss() - before) / agents.length;
  log(`  ${fleet.open_} sockets open; server RSS ${(server.rss() / 2 ** 20).toFixed(0)} MiB`);
  return { fleet, perConnection };
}

function frameFor(room: string, agent: FleetAgent, world: FleetWorld) {
  const now = new Date().toISOString().replace('Z', '000Z');
  const id = randomUUID();
  const payload = {
    id,
    chat_room_id: room,
    content: `@fleet-agent please look at this`,
    message_type: 'text',
    sender_id: world.userId,
    sender_type: 'User',
    sender_name: 'Bench',
    metadata: {
      mentions: [{ id: agent.id, handle: 'rt-bench/fleet', name: 'Fleet', kind: 'mention' }],
      status: 'delivered',
      delivery_status: {
        [agent.id]: { status: 'delivered', current_attempt: 0, delivered_at: now, processed_at: null, attempts: [] },
      },
    },
    inserted_at: now,
    updated_at: now,
  };
  return { id, frame: JSON.stringify([null, null, `chat_room:${room}`, 'message_created', payload]) };
}

async function main() {
  const database = await createBenchDatabase();
  const rows: Row[] = [];
  const memory: { system: string; perConnection: number }[] = [];
  try {
    const deps: CoreDeps = {
      db: database.handle.db,
      defaultLimits: { agents: null, chats: null, participants: null, messages: null },
    };
    log(`seeding ${AGENTS} agents in ${ROOMS} rooms…`);
    const world = await seedFleet(deps, { agents: AGENTS, rooms: ROOMS });
    const agents = world.rooms.flatMap((r) => r.agents);

    log('Parley (one instance, Postgres):');
    const parley = await startBenchChild(here('../chat/parleyServer.ts'), {
      DATABASE_URL: database.url,
      PARLEY_DB_POOL_SIZE: '10',
    });
    try {
      const { fleet, perConnection } = await withFleet(parley, agents);
      memory.push({ system: 'Parley', perConnection });
      for (const rate of RATES) {
        rows.push(
          await measure('Parley', rate, fleet, async () => {
            const room = pick(world.rooms);
            const agent = pick(room.agents);
            const res = await fetch(`${parley.url}/api/v1/me/chats/${room.id}/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-api-key': world.userKey },
              body: JSON.stringify({ message: { content: 'please look at this', mentions: [{ id: agent.id }] } }),
            });
            if (res.status !== 201) throw new Error(`send answered ${res.status}`);
            return ((await res.json()) as { data: { id: string } }).data.id;
          }),
        );
      }
      fleet.close();
    } finally {
      await parley.stop();
    }

    log('Floor (bare ws server, no database):');
    const bare = await startBenchChild(here('./bareWsServer.ts'), {});
    try {
      const { fleet, perConnection } = await withFleet(bare, agents);
      memory.push({ system: 'bare ws', perConnection });
      for (const rate of RATES) {
        rows.push(
          await measure('bare ws', rate, fleet, async () => {
            const room = pick(world.rooms);
            const agent = pick(room.agents);
            const { id, frame } = frameFor(room.id, agent, world);
            const res = await fetch(`${bare.url}/publish`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ agent_id: agent.id, frame }),
            });
            if (res.status !== 201) throw new Error(`publish answered ${res.status}`);
            await res.arrayBuffer();
            return id;
          }),
        );
      }
      fleet.close();
    } finally {
      await bare.stop();
    }
  } finally {
    await database.drop();
  }

  const ms = (n: number) => n.toFixed(1);
  log('');
  log(
    `| system | rate (msg/s) | delivered | p50 201→frame (ms) | p99 201→frame (ms) | p50 send→frame (ms) | p99 send→frame (ms) |`,
  );
  log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    log(
      `| ${r.system} | ${r.rate} | ${r.delivered}/${r.sent} | ${ms(percentile(r.afterCreated, 50))} | ${ms(percentile(r.afterCreated, 99))} | ${ms(percentile(r.afterSend, 50))} | ${ms(percentile(r.afterSend, 99))} |`,
    );
  }
  log('');
  log('| system | server RSS per connection (KiB) |');
  log('|---|---|');
  for (const m of memory) log(`| ${m.system} | ${(m.perConnection / 1024).toFixed(1)} |`);
}

await main();
process.exit(0);
