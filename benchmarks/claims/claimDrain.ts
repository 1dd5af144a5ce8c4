/** One worker's loop over Parley's leased claims: claim up to `batch`, ack them (one call), again. */
export interface ClaimDrainResult {
  label: string;
  processed: number;
  seconds: number;
  messagesPerSecond: number;
  /** Messages handed out twice (must be 0). */
  duplicates: number;
  /** HTTP calls made: claims (of which empty: every free room was held by another worker) and acks. */
  claims: number;
  emptyClaims: number;
  acks: number;
}

/**
 * `workers` concurrent workers of one agent drain its queue through `/agent/inbox/claim` and
 * `/agent/inbox/ack` (REST), until `total` messages are acked. `batch` 1 is the unbatched drain
 * (claim one, ack one); a larger batch claims across rooms and acks them in one call.
 */
export async function drainByClaims(options: {
  label: string;
  url: string;
  agentKey: string;
  total: number;
  workers: number;
  batch: number;
  deadlineMs: number;
}): Promise<ClaimDrainResult> {
  const headers = { 'x-api-key': options.agentKey, 'content-type': 'application/json' };
  const base = `${options.url}/api/v1/agent/inbox`;
  const seen = new Set<string>();
  let duplicates = 0;
  let acked = 0;
  let claims = 0;
  let emptyClaims = 0;
  let acks = 0;
  const stopAt = Date.now() + options.deadlineMs;
  const started = performance.now();
  const worker = async () => {
    let idleMs = 2;
    while (acked < options.total && Date.now() < stopAt) {
      const claim = await fetch(`${base}/claim`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ max: options.batch, lease_seconds: 60 }),
      });
      if (claim.status !== 200)
        throw new Error(`${options.label} claim answered ${claim.status}: ${await claim.text()}`);
      const { data } = (await claim.json()) as { data: { message: { id: string }; lease_token: string }[] };
      claims += 1;
      if (data.length === 0) {
        emptyClaims += 1;
        // Every free room is held by another worker right now: try again shortly, waiting longer
        // each time (2, 4, … 32 ms) so that idle workers do not crowd the busy ones off the CPU.
        await new Promise((resolve) => setTimeout(resolve, idleMs));
        idleMs = Math.min(idleMs * 2, 32);
        continue;
      }
      idleMs = 2;
      for (const c of data) {
        if (seen.has(c.message.id)) duplicates += 1;
        seen.add(c.message.id);
      }
      const ack = await fetch(`${base}/ack`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ leases: data.map((c) => ({ message_id: c.message.id, lease_token: c.lease_token })) }),
      });
      if (ack.status !== 200) throw new Error(`${options.label} ack answered ${ack.status}: ${await ack.text()}`);
      const settled = (await ack.json()) as { data: { result: string }[] };
      acks += 1;
      acked += settled.data.filter((r) => r.result === 'processed').length;
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    label: options.label,
    processed: acked,
    seconds,
    messagesPerSecond: acked / seconds,
    duplicates,
    claims,
    emptyClaims,
    acks,
  };
}
