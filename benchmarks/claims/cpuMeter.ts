import { readFileSync } from 'node:fs';
import pg from 'pg';

/** USER_HZ: the unit of /proc's CPU times, 100 on every Linux build this runs on. */
const CLOCK_TICKS = 100;

/** CPU time (user + system) a process has used so far, in seconds, from Linux `/proc`; 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields 14 and 15 (after the parenthesised name): utime, stime in ticks.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/**
 * CPU time of the PostgreSQL backends serving one database (every connection to it, whoever opened
 * it), measured between `start` and `stop`: the database's share of a drain, steadier than wall time
 * on a shared machine. A backend that exits meanwhile is not counted (the drains keep their pools).
 * Needs the server on this machine (it reads `/proc`).
 */
export async function postgresCpuMeter(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const snapshot = async () => {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
    );
    return new Map(rows.map((r) => [r.pid, processCpuSeconds(r.pid)]));
  };
  return {
    async start() {
      const before = await snapshot();
      return {
        async stop(): Promise<number> {
          const after = await snapshot();
          let seconds = 0;
          for (const [pid, cpu] of after) seconds += cpu - (before.get(pid) ?? 0);
          return seconds;
        },
      };
    },
    close: () => client.end(),
  };
}

/** CPU time this process has used so far, in seconds. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
