import pg from 'pg';
import type { DatabaseHandle } from './openDatabase.js';

export interface NotificationListener {
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Channel name → what to do with a notification's payload. */
  channels: Record<string, (payload: string) => void>;
  /** After a lost connection is back: notifications may have been missed, so catch up. */
  onReconnect(): void;
  onError?(error: unknown): void;
}

/**
 * LISTENs on the given channels: through one dedicated `pg` client per instance on Postgres
 * (reconnected with backoff when lost), or PGlite's in-process listeners when embedded.
 */
export async function listenForNotifications(
  handle: DatabaseHandle,
  opts: ListenOptions,
): Promise<NotificationListener> {
  if (handle.pglite) {
    const pglite = handle.pglite;
    const unlisten = await Promise.all(
      Object.entries(opts.channels).map(([channel, fn]) => pglite.listen(channel, fn)),
    );
    return {
      async close() {
        if (pglite.closed) return;
        await Promise.all(unlisten.map((u) => u().catch(() => {})));
      },
    };
  }
  if (!handle.poolConfig) throw new Error('a Postgres handle needs its pool settings to listen');
  // Statement timeouts do not apply to a connection that only waits for notifications.
  const config: pg.ClientConfig = {
    ...handle.poolConfig,
    application_name: 'parley-listen',
    statement_timeout: false,
    query_timeout: undefined,
    keepAlive: true,
  };
  let client: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const connect = async (): Promise<void> => {
    const c = new pg.Client(config);
    // Registered before connecting and kept for the client's life: an `error` event without a
    // listener would crash the process (the database ending the connection, a restart).
    c.on('error', (error) => {
      opts.onError?.(error);
      lost(c);
    });
    c.on('end', () => lost(c));
    c.on('notification', (msg) => opts.channels[msg.channel]?.(msg.payload ?? ''));
    try {
      await c.connect();
      for (const channel of Object.keys(opts.channels)) {
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
    } catch (error) {
      c.removeAllListeners('end');
      c.end().catch(() => {});
      throw error;
    }
    if (closed) {
      c.removeAllListeners('end');
      await c.end().catch(() => {});
      return;
    }
    client = c;
    failures = 0;
  };

  /** The connection in use is gone: from the next connection on, catch up (`onReconnect`). */
  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    c.removeAllListeners('end');
    c.end().catch(() => {});
    schedule();
  };

  // Backoff 100 ms doubling to 5 s, with jitter so that instances do not reconnect in step.
  const schedule = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(100 * 2 ** failures, 5_000) * (0.75 + Math.random() / 2);
    failures += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (closed) return;
      connect().then(
        () => {
          if (!closed) opts.onReconnect();
        },
        (error) => {
          opts.onError?.(error);
          schedule();
        },
      );
    }, delay);
    retryTimer.unref();
  };

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
