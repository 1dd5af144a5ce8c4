import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreDeps } from '@parley/core/deps';
import { sql } from 'kysely';
import { createBenchDatabase } from '../chat/benchDatabase.js';
import { queueMentions, seedWorld } from '../chat/seed.js';

/**
 * `pnpm bench:calls`: where the server CPU of a read call goes, measured in process (no sockets,
 * so the figures are steadier than over HTTP on a shared machine). For `GET /agent/me` and
 * `GET …/messages/next` on REST and native tRPC, it prints the CPU per call of the whole server,
 * of the same routes without Parley's hooks, and of a plain Fastify route with the minimal floor's
 * statement (`callCpu.ts`). `BENCH_CODE_DIRS` (comma-separated checkouts, default this one)
 * compares codes side by side: each run alternates their order, and the table keeps each one's
 * minimum over `BENCH_RUNS` runs.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const dirs = (process.env.BENCH_CODE_DIRS ?? resolve(here, '../..')).split(',').map((d) => resolve(d));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const database = await createBenchDatabase();
try {
  const deps: CoreDeps = {
    db: database.handle.db,
    defaultLimits: { agents: null, chats: null, participants: null, messages: null },
  };
  const { world, userId } = await seedWorld(deps, { sendRooms: 2, drainRuns: 1, drainAgents: 10 });
  const room = world.drains[0];
  if (!room) throw new Error('no room seeded');
  await queueMentions(deps, { ...room, userId, count: 100 });
  await sql`ANALYZE`.execute(deps.db);

  const best = new Map<string, Map<string, number>>();
  for (let run = 0; run < RUNS; run++) {
    for (const dir of run % 2 === 0 ? dirs : [...dirs].reverse()) {
      const out = execFileSync(
        process.execPath,
        ['--conditions=@parley/source', '--import', 'tsx', resolve(here, 'callCpu.ts')],
        {
          env: {
            ...process.env,
            NODE_ENV: 'production',
            CODE_DIR: dir,
            DATABASE_URL: database.url,
            PARLEY_DB_POOL_SIZE: '10',
            BENCH_KEYS: JSON.stringify(room.agents.map((a) => a.key)),
            BENCH_ROOM: room.roomId,
          },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const measured = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
      const mine = best.get(dir) ?? new Map<string, number>();
      for (const [label, perCall] of Object.entries(measured)) {
        mine.set(label, Math.min(mine.get(label) ?? Number.POSITIVE_INFINITY, perCall));
      }
      best.set(dir, mine);
      process.stdout.write(`run ${run + 1} ${dir}: done\n`);
    }
  }

  process.stdout.write(`\nserver CPU per call in process, µs (minimum of ${RUNS} runs)\n`);
  process.stdout.write(`| layer and call | ${dirs.join(' | ')} |\n|---|${dirs.map(() => '---|').join('')}\n`);
  const labels = [...(best.get(dirs[0] as string)?.keys() ?? [])];
  for (const label of labels) {
    const cells = dirs.map((dir) => (best.get(dir)?.get(label) ?? Number.NaN).toFixed(0));
    process.stdout.write(`| ${label} | ${cells.join(' | ')} |\n`);
  }
} finally {
  await database.drop();
}
process.exit(0);
