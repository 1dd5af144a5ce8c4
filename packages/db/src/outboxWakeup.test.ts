import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { listenForNotifications, type NotificationListener } from './notificationListener.js';
import { type DatabaseHandle, dropSchema, openDatabase } from './openDatabase.js';
import { OutboxWakeup } from './outboxWakeup.js';
import { appendOutboxRows, outboxChannel } from './repositories/eventOutbox.js';

describe('OutboxWakeup', () => {
  it('sends one wake-up at a time, and one more after it for the commits it may have missed', async () => {
    const sends: (() => void)[] = [];
    const wakeup = new OutboxWakeup(() => new Promise<void>((resolve) => sends.push(resolve)));
    wakeup.committed();
    expect(sends).toHaveLength(1);
    // Three commits while the first is in flight: one more send, after the first has finished.
    wakeup.committed();
    wakeup.committed();
    wakeup.committed();
    expect(sends).toHaveLength(1);
    sends[0]?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(sends).toHaveLength(2);
    sends[1]?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(sends).toHaveLength(2);
  });

  it('keeps going after a failed send', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const wakeup = new OutboxWakeup(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
      },
      (error) => errors.push(error),
    );
    wakeup.committed();
    await new Promise((r) => setTimeout(r, 0));
    wakeup.committed();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});

/** A migrated database of this file's own: a fresh schema of DATABASE_URL, else an in-memory PGlite. */
async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const handle = await openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
    await migrateToLatest(handle.db, schema);
    return handle;
  }
  const template = (inject as (key: string) => string | undefined)('pgliteTemplate');
  const handle = await openDatabase({
    kind: 'pglite',
    ...(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
  });
  await migrateToLatest(handle.db);
  return handle;
}

describe('outbox wake-ups through the database', () => {
  let handle: DatabaseHandle;
  let listener: NotificationListener;
  /** For each notification: how many outbox rows were visible when it arrived. */
  const heard: Promise<number>[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase();
    listener = await listenForNotifications(handle, {
      channels: {
        [outboxChannel(handle.schema)]: () => {
          heard.push(
            sql<{ n: number }>`SELECT count(*)::int AS n FROM event_outbox`
              .execute(handle.db)
              .then((r) => r.rows[0]?.n ?? -1),
          );
        },
      },
      onReconnect: () => {},
    });
  });
  afterAll(async () => {
    await listener?.close();
    if (!handle) return;
    await dropSchema(handle);
    await handle.close();
  });

  const row = () => ({ type: 'test_event', organization_id: randomUUID(), recipient_id: randomUUID(), payload: {} });
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('wakes listeners after a transaction that appended rows commits, with the rows visible', async () => {
    const before = heard.length;
    await handle.db.transaction().execute(async (trx) => {
      await appendOutboxRows(trx, [row(), row()]);
      await settle();
      // Nothing heard while the transaction is open: the wake-up follows the commit.
      expect(heard.length).toBe(before);
    });
    await settle();
    expect(heard.length).toBeGreaterThan(before);
    expect(await heard[heard.length - 1]).toBe(2);
  });

  it('sends nothing for a transaction that rolls back', async () => {
    const before = heard.length;
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await appendOutboxRows(trx, [row()]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await settle();
    expect(heard.length).toBe(before);
  });

  it('coalesces the wake-ups of many concurrent commits, the last one heard after all of them', async () => {
    const before = heard.length;
    const [{ n: rowsBefore = 0 } = {}] = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_outbox`.execute(handle.db)
    ).rows;
    await Promise.all(
      Array.from({ length: 20 }, () => handle.db.transaction().execute(async (trx) => appendOutboxRows(trx, [row()]))),
    );
    await settle();
    expect(heard.length).toBeGreaterThan(before);
    expect(await heard[heard.length - 1]).toBe(rowsBefore + 20);
  });
});
