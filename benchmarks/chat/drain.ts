import type { BenchAgent } from './seed.js';

export interface DrainResult {
  label: string;
  processed: number;
  seconds: number;
  messagesPerSecond: number;
  /** Messages a worker was served again after it had processed them (must be 0). */
  servedTwice: number;
  /** Claims that did not open attempt 1 (must be 0 with one worker per agent). */
  reclaims: number;
}

/**
 * Ten agents drain their queues the vendor's way, one worker each: GET /next, POST /processing,
 * POST /processed, until /next answers 204. Stops at `deadline` whatever happens, so the run is
 * bounded in time.
 */
export async function drainQueues(options: {
  label: string;
  url: string;
  /** `/api/v1/agent` (Parley) or `/bare/agent` (the floor). */
  prefix: string;
  roomId: string;
  agents: BenchAgent[];
  deadlineMs: number;
}): Promise<DrainResult> {
  const stopAt = Date.now() + options.deadlineMs;
  let servedTwice = 0;
  let reclaims = 0;
  const done = new Set<string>();
  const started = performance.now();
  const worker = async (agent: BenchAgent) => {
    const headers = { 'x-api-key': agent.key, 'content-type': 'application/json' };
    const base = `${options.url}${options.prefix}/chats/${options.roomId}/messages`;
    const seen = new Set<string>();
    while (Date.now() < stopAt) {
      const next = await fetch(`${base}/next`, { headers });
      if (next.status === 204) return;
      if (next.status !== 200) throw new Error(`${options.label} /next answered ${next.status}: ${await next.text()}`);
      const { data } = (await next.json()) as { data: { id: string } };
      if (seen.has(data.id)) servedTwice += 1;
      seen.add(data.id);
      const claim = await fetch(`${base}/${data.id}/processing`, { method: 'POST', headers, body: '{}' });
      if (claim.status !== 200) throw new Error(`${options.label} /processing answered ${claim.status}`);
      const claimed = (await claim.json()) as { data: { attempt_number: number } };
      if (claimed.data.attempt_number !== 1) reclaims += 1;
      const finish = await fetch(`${base}/${data.id}/processed`, { method: 'POST', headers, body: '{}' });
      if (finish.status !== 200) throw new Error(`${options.label} /processed answered ${finish.status}`);
      await finish.arrayBuffer();
      done.add(`${agent.id}:${data.id}`);
    }
  };
  await Promise.all(options.agents.map(worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    label: options.label,
    processed: done.size,
    seconds,
    messagesPerSecond: done.size / seconds,
    servedTwice,
    reclaims,
  };
}
