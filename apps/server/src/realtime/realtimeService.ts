import { sweepExpiredActivity } from '@parley/core/activity/workingIndicator';
import { CredentialWatch } from '@parley/core/auth/credentialWatch';
import { listenForNotifications } from '@parley/db/notificationListener';
import type { DatabaseHandle } from '@parley/db/openDatabase';
import { openReaderPool } from '@parley/db/readerPool';
import { credentialsChannel } from '@parley/db/repositories/credentialNotices';
import { outboxChannel, pruneOutbox, sessionsChannel } from '@parley/db/repositories/eventOutbox';
import { EventHub } from '@parley/realtime/eventHub';
import { OnDemandTail } from '@parley/realtime/onDemandTail';
import { OutboxTail } from '@parley/realtime/outboxTail';
import type { FastifyBaseLogger } from 'fastify';
import type { RealtimeConfig } from '../config.js';
import { AgentSessions } from './agentSessions.js';

export interface Realtime {
  hub: EventHub;
  tail: OutboxTail;
  /** Starts the tail for the first subscriber, pauses it when the instance has none. */
  feed: OnDemandTail;
  sessions: AgentSessions;
  /** Deletes events past the retention window now (it also runs hourly). */
  pruneNow(): Promise<number>;
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const PRUNE_BATCH = 10_000;

/**
 * This instance's event pipeline: LISTEN for commit wake-ups, tail the outbox in id order (while
 * the instance has subscribers), fan out through the hub to local sockets and streams; plus the
 * agent session registry and retention.
 */
export async function startRealtime(opts: {
  database: DatabaseHandle;
  config: RealtimeConfig;
  log: FastifyBaseLogger;
}): Promise<Realtime> {
  const { database, config, log } = opts;
  const db = database.db;
  // The tail and the hub's membership checks read on connections of their own: pushes must not
  // wait behind a backlog of requests in the main pool.
  const reader = openReaderPool(database);
  const hub = new EventHub(reader.db, config.streamBufferEvents);
  hub.credentials = new CredentialWatch(config.socketRecheckMs);
  const tail = new OutboxTail({
    db: reader.db,
    dispatch: (rows) => hub.dispatch(rows),
    onError: (err) => log.warn({ err }, 'reading the event outbox failed; retrying'),
    safetyPollMs: config.pollMs,
  });
  // Other instances exist only on Postgres; they get a moment to say they hold an agent's socket.
  const sessions = new AgentSessions(db, sessionsChannel(database.schema), database.kind === 'postgres' ? 500 : 0);
  // Listen before fixing the start position, so no commit falls between the two.
  const listener = await listenForNotifications(database, {
    channels: {
      [outboxChannel(database.schema)]: () => tail.wake(),
      [sessionsChannel(database.schema)]: (payload) => sessions.onNotice(payload),
      [credentialsChannel(database.schema)]: (payload) => hub.credentials.onNotice(payload),
    },
    onReconnect: () => {
      tail.wake();
      // Notices sent while the listener was away are lost: every stream and socket checks now.
      hub.credentials.recheckAll();
    },
    onError: (err) => log.warn({ err }, 'event listener connection lost; reconnecting'),
  });
  // The tail starts with the first subscriber (`hub.ready`), not here: an instance that only
  // serves requests never reads the outbox.
  const feed = new OnDemandTail({ tail, hub, idleMs: config.tailIdleMs });
  hub.onActivate(() => feed.activate());

  const pruneNow = async () => {
    const cutoff = new Date(Date.now() - config.retentionDays * 86_400_000).toISOString();
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      const n = await pruneOutbox(db, cutoff, PRUNE_BATCH);
      total += n;
      if (n < PRUNE_BATCH) break;
    }
    return total;
  };
  const prune = () => {
    pruneNow().catch((err: unknown) => log.warn({ err }, 'pruning the event outbox failed'));
  };
  const firstPrune = setTimeout(prune, 10_000);
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  firstPrune.unref();
  pruneTimer.unref();
  // Every instance sweeps expired working indicators; a row is deleted (and its stop announced)
  // by exactly one sweep, so no instance owns any indicator's timer.
  let sweeping = false;
  const sweepTimer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepExpiredActivity(db)
      .catch((err: unknown) => log.warn({ err }, 'sweeping expired working indicators failed'))
      .finally(() => {
        sweeping = false;
      });
  }, config.activitySweepMs);
  sweepTimer.unref();

  return {
    hub,
    tail,
    feed,
    sessions,
    pruneNow,
    async close() {
      clearTimeout(firstPrune);
      clearInterval(pruneTimer);
      clearInterval(sweepTimer);
      hub.closeAll();
      await listener.close();
      await feed.close();
      await tail.stop();
      await reader.close();
    },
  };
}
