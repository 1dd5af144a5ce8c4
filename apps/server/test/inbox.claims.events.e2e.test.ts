import { chatMessageView } from '@parley/core/messages/chatMessageWire';
import { withDeliveryStatus } from '@parley/core/messages/messageViews';
import { claimDeliveries } from '@parley/db/repositories/deliveryClaims';
import { findMessageView } from '@parley/db/repositories/messages';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectOk } from './harness/chatClients.js';
import { chatAgent, chatUser, orgSlug, type Principal, roomWith, say } from './harness/chatFixtures.js';
import { type InboxApi, inboxApi } from './harness/inboxApi.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/**
 * A claim and a settlement are one statement each, which builds the changed message as people see
 * it in SQL (docs/leased-claims.md). These tests hold that SQL to the views the rest of the server
 * builds in JavaScript: every `message_updated` a claim, ack or fail publishes, and the message a
 * claim returns, must equal the message as a person (or the agent) reads it right after.
 */
let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

interface Claim {
  message: { id: string; metadata: Record<string, unknown> } & Record<string, unknown>;
  lease_token: string;
  attempt_number: number;
}
const lease = (c: Claim) => ({ message_id: c.message.id, lease_token: c.lease_token });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('leased claims publish the message as people see it', () => {
  let api: ChatApi;
  let inbox: InboxApi;
  let user: Awaited<ReturnType<typeof chatUser>>;
  let agent: Principal;
  let other: Principal;
  let room: string;
  beforeAll(async () => {
    api = chatApi(ts.url, 'rest');
    inbox = inboxApi(ts.url, 'rest');
    user = await chatUser(ts, { org: orgSlug() });
    agent = await chatAgent(ts, user.key);
    other = await chatAgent(ts, user.key);
    room = await roomWith(api, user.key, [{ id: agent.id }, { id: other.id }], 'events');
  });

  /** The message now, as the JavaScript views build it for a person (every agent's state). */
  async function humanView(messageId: string) {
    const row = await findMessageView(ts.server.deps.db, messageId);
    if (!row) throw new Error('message not found');
    const [view] = await withDeliveryStatus(ts.server.deps.db, [row], { kind: 'human' });
    return chatMessageView(view as typeof row);
  }

  /** The newest `message_updated` payload published for a message. */
  async function lastPublished(messageId: string) {
    const { rows } = await sql<{ payload: Record<string, unknown> }>`
      SELECT payload FROM event_outbox WHERE type = 'message_updated' AND payload->>'id' = ${messageId}
      ORDER BY id DESC LIMIT 1`.execute(ts.server.deps.db);
    return rows[0]?.payload;
  }

  const claim = async (leaseSeconds = 60) =>
    expectOk<Claim[]>(await inbox.claim(agent.key, { max: 5, lease_seconds: leaseSeconds, chat_id: room }));

  it('claim, fail, expiry, reclaim and ack each publish exactly the view people read', async () => {
    // Two agents mentioned: the other agent's delivery must appear untouched in every payload.
    const id = await say(api, user.key, room, 'both of you', [agent, other]);

    const [first] = await claim();
    expect(first?.message.id).toBe(id);
    let expected = await humanView(id);
    expect(await lastPublished(id)).toEqual(expected);
    // The claimant sees the same message with only its own delivery state, as `/next` shows it.
    const statuses = expected.metadata.delivery_status as Record<string, unknown>;
    expect(Object.keys(statuses).sort()).toEqual([agent.id, other.id].sort());
    expect(first?.message.metadata).toEqual({
      ...expected.metadata,
      delivery_status: { [agent.id]: statuses[agent.id] },
    });
    expect(first?.message.inserted_at).toBe(expected.inserted_at);

    const failed = expectOk<{ result: string }[]>(
      await inbox.fail(agent.key, { leases: [{ ...lease(first as Claim), error: 'boom "quoted" ü' }] }),
    );
    expect(failed[0]?.result).toBe('failed');
    expected = await humanView(id);
    expect(await lastPublished(id)).toEqual(expected);

    // Attempt 2 under a short lease; it expires, and the reclaim closes it as abandoned (attempt 3).
    const [second] = await claim(1);
    expect(second?.attempt_number).toBe(2);
    expect(await lastPublished(id)).toEqual(await humanView(id));
    await sleep(1_300);
    const [third] = await claim();
    expect(third?.attempt_number).toBe(3);
    expected = await humanView(id);
    expect(await lastPublished(id)).toEqual(expected);
    const own = (expected.metadata.delivery_status as Record<string, { attempts: { status: string }[] }>)[agent.id];
    expect(own?.attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'processing']);

    const acked = expectOk<{ result: string }[]>(await inbox.ack(agent.key, { leases: [lease(third as Claim)] }));
    expect(acked[0]?.result).toBe('processed');
    expected = await humanView(id);
    expect(await lastPublished(id)).toEqual(expected);
    expect((expected.metadata.delivery_status as Record<string, { status: string }>)[agent.id]?.status).toBe(
      'processed',
    );
    // The other agent's delivery was never touched.
    expect((expected.metadata.delivery_status as Record<string, { status: string }>)[other.id]?.status).toBe(
      'delivered',
    );
  });

  it('a settlement that settles nothing publishes nothing', async () => {
    const id = await say(api, user.key, room, 'once', [agent]);
    const [held] = await claim();
    expectOk(await inbox.ack(agent.key, { leases: [lease(held as Claim)] }));
    const { rows: before } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_outbox`.execute(
      ts.server.deps.db,
    );
    const again = expectOk<{ result: string }[]>(await inbox.ack(agent.key, { leases: [lease(held as Claim)] }));
    expect(again[0]?.result).toBe('lease_lost');
    expect(await claim()).toEqual([]);
    const { rows: after } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_outbox`.execute(
      ts.server.deps.db,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
    expect(id).toBe(held?.message.id);
  });

  // On `pg` the claim runs as a named prepared statement (its plan kept per connection); one
  // transaction keeps both statements on one connection, so the second sees the first's name.
  it.skipIf(!process.env.DATABASE_URL)('runs the claim as a named prepared statement on PostgreSQL', async () => {
    let names: string[] = [];
    // Rolled back: only the statement's name matters here, not what it claims.
    const rollback = new Error('rollback');
    await ts.server.deps.db
      .transaction()
      .execute(async (trx) => {
        await claimDeliveries(trx, {
          agentId: agent.id,
          organizationId: user.organizationId,
          roomId: room,
          max: 1,
          leaseSeconds: 60,
        });
        const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(trx);
        names = rows.filter((r) => r.statement.includes('claimed AS (')).map(() => 'claim');
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    expect(names).toEqual(['claim']);
  });
});
