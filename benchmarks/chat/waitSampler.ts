import pg from 'pg';

/**
 * Samples `pg_stat_activity` of the benchmark's database every `intervalMs` and counts what each
 * busy client backend was waiting on (`wait_event_type:wait_event`; `CPU` when active and not
 * waiting; `idle in transaction` shows as the client round trip it is). `take()` returns the
 * counts since the last `take()` and starts a new window, so each scenario gets its own sample.
 */
export async function startWaitSampler(url: string, intervalMs = 500) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let counts = new Map<string, number>();
  let samples = 0;
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      const { rows } = await client.query<{ wait: string; n: number }>(
        `select case when state = 'active' and wait_event is null then 'CPU'
                     when state like 'idle in transaction%' then 'idle in transaction'
                     else coalesce(wait_event_type || ':' || wait_event, state) end as wait,
                count(*)::int as n
           from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()
            and backend_type = 'client backend' and state <> 'idle'
          group by 1`,
      );
      samples += 1;
      for (const row of rows) counts.set(row.wait, (counts.get(row.wait) ?? 0) + row.n);
    } catch {
      // A failed sample is only a missing sample.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void sample(), intervalMs);
  return {
    take(): { samples: number; waits: [string, number][] } {
      const taken = { samples, waits: [...counts.entries()].sort((a, b) => b[1] - a[1]) };
      counts = new Map();
      samples = 0;
      return taken;
    },
    async stop() {
      clearInterval(timer);
      await client.end().catch(() => undefined);
    },
  };
}

/** `Lock:object 12, CPU 30, …` with the mean per sample, the top `limit` entries. */
export function formatWaits(taken: { samples: number; waits: [string, number][] }, limit = 6): string {
  if (taken.samples === 0) return 'no samples';
  const parts = taken.waits.slice(0, limit).map(([wait, n]) => `${wait} ${(n / taken.samples).toFixed(1)}`);
  return `${taken.samples} samples, mean busy backends: ${parts.join(', ') || 'none'}`;
}
