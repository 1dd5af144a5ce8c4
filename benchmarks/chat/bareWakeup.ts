/**
 * The exact-statement floor's outbox wake-up, as Parley's instance sends it (`outboxWakeup.ts`):
 * one NOTIFY after a commit that appended outbox rows, never inside the writing transaction, and
 * at most one in flight per instance; a commit while one is in flight asks for one more after it.
 * So under load the floor sends as many wake-ups as Parley does, not one per write.
 */
export function coalescedWakeup(send: () => Promise<unknown>): () => void {
  let inFlight = false;
  let pending = false;
  const fire = () => {
    inFlight = true;
    pending = false;
    send()
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        if (pending) fire();
      });
  };
  return () => {
    if (inFlight) pending = true;
    else fire();
  };
}
