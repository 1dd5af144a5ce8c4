import { randomBytes } from 'node:crypto';
import type { Database } from '@parley/db/database';
import { databaseNow, notifyChannel } from '@parley/db/repositories/eventOutbox';

/** A live agent connection, as the registry knows it. */
export interface AgentSession {
  readonly agentId: string;
  /** Told it was replaced by a newer connection (on this or another instance), then closed. */
  supersede(): void;
}

interface Claim {
  session: AgentSession;
  at: string;
  id: string;
}

/**
 * One live socket per agent, across instances: a connection claims its agent with a time from the
 * database clock (shared by every instance) and announces the claim on a NOTIFY channel; whichever
 * instance holds an older claim for that agent supersedes it. Newest claim wins, ties by claim id.
 */
export class AgentSessions {
  private readonly local = new Map<string, Claim>();
  private readonly probes = new Map<string, () => void>();

  /**
   * `probeMs`: how long `isLive` waits for other instances to answer (0 when this process is the
   * only instance, as with the embedded database).
   */
  constructor(
    private readonly db: Database,
    private readonly channel: string,
    private readonly probeMs = 0,
  ) {}

  /**
   * Whether the agent has a live socket on any instance (for `on_conflict=reject`): this instance's
   * registry, then a probe on the sessions channel that an instance holding the agent answers.
   */
  async isLive(agentId: string): Promise<boolean> {
    if (this.local.has(agentId)) return true;
    if (this.probeMs <= 0) return false;
    const probe = randomBytes(9).toString('base64url');
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<boolean>((resolve) => {
      this.probes.set(probe, () => resolve(true));
      timer = setTimeout(() => resolve(false), this.probeMs);
    });
    try {
      await notifyChannel(this.db, this.channel, JSON.stringify({ probe_agent_id: agentId, probe }));
      return await answered;
    } finally {
      clearTimeout(timer);
      this.probes.delete(probe);
    }
  }

  async claim(session: AgentSession): Promise<void> {
    const claim: Claim = { session, at: await databaseNow(this.db), id: randomBytes(9).toString('base64url') };
    this.adopt(session.agentId, claim);
    await notifyChannel(
      this.db,
      this.channel,
      JSON.stringify({ agent_id: session.agentId, at: claim.at, id: claim.id }),
    );
  }

  release(session: AgentSession): void {
    if (this.local.get(session.agentId)?.session === session) this.local.delete(session.agentId);
  }

  /** A claim announced by any instance (this one included). */
  onNotice(payload: string): void {
    let notice: {
      agent_id?: unknown;
      at?: unknown;
      id?: unknown;
      probe_agent_id?: unknown;
      probe?: unknown;
      held?: unknown;
    };
    try {
      notice = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof notice.held === 'string') {
      this.probes.get(notice.held)?.();
      return;
    }
    if (typeof notice.probe_agent_id === 'string' && typeof notice.probe === 'string') {
      if (this.local.has(notice.probe_agent_id)) {
        notifyChannel(this.db, this.channel, JSON.stringify({ held: notice.probe })).catch(() => {});
      }
      return;
    }
    if (typeof notice.agent_id !== 'string' || typeof notice.at !== 'string' || typeof notice.id !== 'string') return;
    const held = this.local.get(notice.agent_id);
    if (held && held.id !== notice.id && newer({ at: notice.at, id: notice.id }, held)) {
      this.local.delete(notice.agent_id);
      held.session.supersede();
    }
  }

  private adopt(agentId: string, claim: Claim): void {
    const held = this.local.get(agentId);
    if (held && !newer(claim, held)) {
      claim.session.supersede();
      return;
    }
    this.local.set(agentId, claim);
    held?.session.supersede();
  }
}

/** Timestamps are ISO strings of one format, so they compare as strings. */
function newer(a: { at: string; id: string }, b: { at: string; id: string }): boolean {
  return a.at > b.at || (a.at === b.at && a.id > b.id);
}
