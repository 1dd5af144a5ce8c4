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
  /** `/api/v1/agent` (Parley), `/bare/agent` or `/min/agent` (the floors); ignored over tRPC. */
  prefix: string;
  /** REST paths (default), or Parley's native tRPC procedures. */
  transport?: 'rest' | 'trpc';
  roomId: string;
  agents: BenchAgent[];
  deadlineMs: number;
}): Promise<DrainResult> {
  const stopAt = Date.now() + options.deadlineMs;
  let servedTwice = 0;
  let reclaims = 0;
  const done = new Set<string>();
  const started = performance.now();
  const trpc = options.transport === 'trpc';
  const base = `${options.url}${options.prefix}/chats/${options.roomId}/messages`;
  const nextUrl = trpc
    ? `${options.url}/trpc/agent.chats.nextMessage?input=${encodeURIComponent(JSON.stringify({ chat_id: options.roomId }))}`
    : `${base}/next`;
  const stepUrl = (id: string, step: 'processing' | 'processed') =>
    trpc
      ? `${options.url}/trpc/agent.chats.${step === 'processing' ? 'markProcessing' : 'markProcessed'}`
      : `${base}/${id}/${step}`;
  const stepBody = (id: string) => (trpc ? JSON.stringify({ chat_id: options.roomId, id }) : '{}');
  // tRPC wraps the answer in `result.data`; REST answers it as is (204 with no body when empty).
  const unwrap = async <T>(response: Response): Promise<T | null> => {
    if (response.status === 204) return null;
    const body = (await response.json()) as T | { result: { data: T | null } };
    return trpc ? (body as { result: { data: T | null } }).result.data : (body as T);
  };
  const worker = async (agent: BenchAgent) => {
    const headers = { 'x-api-key': agent.key, 'content-type': 'application/json' };
    const seen = new Set<string>();
    while (Date.now() < stopAt) {
      const next = await fetch(nextUrl, { headers });
      if (next.status !== 200 && next.status !== 204) {
        throw new Error(`${options.label} /next answered ${next.status}: ${await next.text()}`);
      }
      const served = await unwrap<{ data: { id: string } }>(next);
      if (!served) return;
      const { data } = served;
      if (seen.has(data.id)) servedTwice += 1;
      seen.add(data.id);
      const claim = await fetch(stepUrl(data.id, 'processing'), { method: 'POST', headers, body: stepBody(data.id) });
      if (claim.status !== 200) throw new Error(`${options.label} /processing answered ${claim.status}`);
      const claimed = await unwrap<{ data: { attempt_number: number } }>(claim);
      if (claimed?.data.attempt_number !== 1) reclaims += 1;
      const finish = await fetch(stepUrl(data.id, 'processed'), { method: 'POST', headers, body: stepBody(data.id) });
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
