/**
 * Hashes of keys that authenticated recently on this instance: their requests are counted per
 * key. Any other key is unverified and counted against the client's IP, so a made-up key buys no
 * budget of its own. Bounded (the oldest entries go first) and forgotten after `ttlMs`, or at
 * once when the key fails.
 */
export class VerifiedKeys {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  has(hash: string): boolean {
    const until = this.until.get(hash);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.until.delete(hash);
    return false;
  }

  add(hash: string): void {
    this.until.delete(hash); // re-inserted last: the map's order is the eviction order
    if (this.until.size >= this.maxEntries) this.until.delete(this.until.keys().next().value as string);
    this.until.set(hash, Date.now() + this.ttlMs);
  }

  delete(hash: string): void {
    this.until.delete(hash);
  }
}
