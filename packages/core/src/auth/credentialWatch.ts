/**
 * Tells this instance's open streams and sockets that a principal's credentials changed (a key
 * revoked, rotated, or the agent deleted), so they check their key again at once instead of at
 * the next periodic re-check. Notices come from every instance through a NOTIFY channel
 * (`notifyCredentialsChanged`); a notice carries only the principal id, never a key, and the
 * receiver decides by authenticating again.
 */
export class CredentialWatch {
  private readonly watchers = new Map<string, Set<() => void>>();

  /**
   * @param recheckMs how often an open stream or socket checks its key without a notice (the
   *   safety net for a notice lost with a dropped LISTEN connection)
   */
  constructor(readonly recheckMs = 60_000) {}

  /** Calls `onChange` whenever `principalId`'s credentials change; returns the unsubscribe. */
  watch(principalId: string, onChange: () => void): () => void {
    let set = this.watchers.get(principalId);
    if (!set) {
      set = new Set();
      this.watchers.set(principalId, set);
    }
    set.add(onChange);
    return () => {
      set.delete(onChange);
      if (set.size === 0 && this.watchers.get(principalId) === set) this.watchers.delete(principalId);
    };
  }

  /** Every watcher checks again (after the channel was lost for a while and notices may be missing). */
  recheckAll(): void {
    for (const set of [...this.watchers.values()]) for (const onChange of [...set]) onChange();
  }

  /** A notice from the channel: its payload is a JSON array of principal ids. */
  onNotice(payload: string): void {
    let ids: unknown;
    try {
      ids = JSON.parse(payload);
    } catch {
      return;
    }
    if (!Array.isArray(ids)) return;
    for (const id of ids) {
      if (typeof id !== 'string') continue;
      for (const onChange of [...(this.watchers.get(id) ?? [])]) onChange();
    }
  }
}
