import { Logger, run, runMigrations } from 'graphile-worker';
import pg from 'pg';

export interface GraphileDrainResult<M> {
  label: string;
  processed: number;
  seconds: number;
  jobsPerSecond: number;
  /** What `measure` measured: from the start (jobs already queued) to the last job done. */
  measured: M;
}

/**
 * graphile-worker on the same PostgreSQL: `total` jobs queued in one statement, then one worker
 * process (this one) with `concurrency` runs a no-op task until all are done. Batched uses its
 * local queue (jobs fetched in batches) and batched completion.
 */
export async function drainGraphile<M>(options: {
  label: string;
  connectionString: string;
  total: number;
  concurrency: number;
  batched: boolean;
  /** Starts measuring (once the jobs are queued); the function it returns stops, before the worker shuts down. */
  measure: () => Promise<() => Promise<M>>;
}): Promise<GraphileDrainResult<M>> {
  await runMigrations({ connectionString: options.connectionString, logger: quiet });
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  try {
    await client.query(
      `SELECT graphile_worker.add_job('bench', json_build_object('n', g)) FROM generate_series(1, $1) AS g`,
      [options.total],
    );
  } finally {
    await client.end();
  }
  let done = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const stopMeasuring = await options.measure();
  const started = performance.now();
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1_000,
    logger: quiet,
    taskList: {
      bench: async () => {
        done += 1;
        if (done >= options.total) finish();
      },
    },
    ...(options.batched
      ? { preset: { worker: { localQueue: { size: 200 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } } }
      : {}),
  });
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const measured = await stopMeasuring();
  await runner.stop();
  return { label: options.label, processed: done, seconds, jobsPerSecond: done / seconds, measured };
}

const quiet = new Logger(() => () => {});
