import { recordEvent } from '@parley/core/events/recordEvent';
import { outboxWriters } from '@parley/db/repositories/eventOutbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPhoenix, type PhoenixTestClient } from './harness/phoenixClient.js';
import {
  eventually,
  insertRoom,
  messageEvent,
  messagePayload,
  type Principal,
  publish,
  userPrincipal,
} from './harness/realtimeFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/**
 * Outbox ids are taken before commit, so a later id can commit first. Needs concurrent
 * transactions, hence a real Postgres (the embedded database runs one transaction at a time).
 */
describe.skipIf(!process.env.DATABASE_URL)('events that commit out of id order', () => {
  let server: TestServer;
  let alice: Principal;
  let roomId: string;
  let client: PhoenixTestClient;

  beforeAll(async () => {
    server = await startTestServer();
    alice = await userPrincipal(server.server.deps);
    roomId = await insertRoom(server.server.deps.db, alice.organizationId, [alice]);
    client = await connectPhoenix(server.url, { api_key: alice.key });
    expect((await client.join(`chat_room:${roomId}`)).status).toBe('ok');
  });

  afterAll(async () => {
    client?.disconnect();
    await server?.close();
  });

  it('holds a later event back until the earlier one commits, then pushes both in id order', async () => {
    const db = server.server.deps.db;
    const early = messagePayload(roomId, alice, { content: 'takes its id first, commits last' });
    const late = messagePayload(roomId, alice, { content: 'takes its id second, commits first' });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = db.transaction().execute(async (trx) => {
      await recordEvent(trx, messageEvent(roomId, alice.organizationId, early));
      await gate;
    });
    try {
      await eventually(async () => (await outboxWriters(db)).length > 0, 'the slow writer to hold its id');
      await publish(db, messageEvent(roomId, alice.organizationId, late));
      // Give the tail time to see the hole (and, were it wrong, to skip it) before the early one commits.
      const tail = server.server.realtime.tail;
      const before = tail.position;
      await new Promise((r) => setTimeout(r, 300));
      expect(tail.position).toBe(before);
      expect(client.received).toEqual([]);
    } finally {
      release();
      await slow;
    }
    await client.waitFor((r) => r.payload.id === late.id, 'the later event');
    expect(client.received.map((r) => r.payload.id)).toEqual([early.id, late.id]);
  });
});
