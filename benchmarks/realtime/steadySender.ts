export interface Sent {
  /** Message id as the 201 named it (Parley) or as the sender chose it (floor). */
  id: string;
  sentAt: number;
  createdAt: number;
}

/**
 * Open-loop load: starts `rate` requests per second for `seconds`, on schedule whatever the
 * answers' latency (so a slow server shows up as latency, not as a lower rate).
 */
export async function steadySend(
  rate: number,
  seconds: number,
  send: (n: number) => Promise<string>,
): Promise<{ sent: Sent[]; failed: number; reasons: Map<string, number> }> {
  const sent: Sent[] = [];
  let failed = 0;
  const reasons = new Map<string, number>();
  const total = rate * seconds;
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  let started = 0;
  while (started < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; started < due; started++) {
      const sentAt = performance.now();
      inflight.push(
        send(started).then(
          (id) => {
            sent.push({ id, sentAt, createdAt: performance.now() });
          },
          (error: unknown) => {
            failed += 1;
            const reason = error instanceof Error ? error.message : String(error);
            reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
          },
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(inflight);
  return { sent, failed, reasons };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
