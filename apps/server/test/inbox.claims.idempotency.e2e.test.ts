import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatAgent } from './harness/chatFixtures.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/**
 * A claim or an ack is one statement (docs/leased-claims.md); with an `Idempotency-Key` it runs in
 * the transaction that records its result, so a retry after a failure between the commit and the
 * response gets the committed claim (the same lease), never a second claim or a `lease_lost`.
 * A test-only fault makes the request fail (500) right after that commit.
 */
let failNext = false;
let ts: TestServer;
let api: ReturnType<typeof restClient>;
beforeAll(async () => {
  ts = await startTestServer(
    { PARLEY_RATE_LIMIT_MAX: '100000' },
    {
      faults: {
        afterIdempotentCommit: async () => {
          if (!failNext) return;
          failNext = false;
          throw new Error('injected failure after the commit');
        },
      },
    },
  );
  api = restClient(ts.url);
});
afterAll(async () => ts?.close());

interface Claim {
  message: { id: string };
  lease_token: string;
  attempt_number: number;
}

describe('leased claims with an Idempotency-Key', () => {
  it('a claim and an ack that failed after their commit answer the committed result when retried', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const agent = await chatAgent(ts, apiKey);
    const room = await api.post<{ data: { id: string } }>('/me/chats', { key: apiKey, body: { chat: { title: 'c' } } });
    expect(room.status, room.text).toBe(201);
    const roomId = room.body.data.id;
    const added = await api.post(`/me/chats/${roomId}/participants`, {
      key: apiKey,
      body: { participant: { participant_id: agent.id } },
    });
    expect(added.status, added.text).toBe(201);
    const sent = await api.post<{ data: { id: string } }>(`/me/chats/${roomId}/messages`, {
      key: apiKey,
      body: { message: { content: 'work', mentions: [{ id: agent.id }] } },
    });
    expect(sent.status, sent.text).toBe(201);

    const claimBody = { max: 5, lease_seconds: 60 };
    const claimHeaders = { 'idempotency-key': 'claim-1' };
    failNext = true;
    const failed = await api.post('/agent/inbox/claim', { key: agent.key, body: claimBody, headers: claimHeaders });
    expect(failed.status).toBe(500);
    const retried = await api.post<{ data: Claim[] }>('/agent/inbox/claim', {
      key: agent.key,
      body: claimBody,
      headers: claimHeaders,
    });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body.data.map((c) => c.message.id)).toEqual([sent.body.data.id]);
    const [claim] = retried.body.data;
    // Claimed once: one attempt, under the lease the retry answered with.
    const { rows } = await sql<{ lease_token: string; current_attempt: number; attempts: number }>`
      SELECT d.lease_token, d.current_attempt,
        (SELECT count(*)::int FROM delivery_attempts t WHERE t.message_id = d.message_id AND t.agent_id = d.agent_id) AS attempts
      FROM message_deliveries d WHERE d.agent_id = ${agent.id}`.execute(ts.server.deps.db);
    expect(rows).toEqual([{ lease_token: claim?.lease_token, current_attempt: 1, attempts: 1 }]);

    const ackBody = { leases: [{ message_id: claim?.message.id, lease_token: claim?.lease_token }] };
    const ackHeaders = { 'idempotency-key': 'ack-1' };
    failNext = true;
    const ackFailed = await api.post('/agent/inbox/ack', { key: agent.key, body: ackBody, headers: ackHeaders });
    expect(ackFailed.status).toBe(500);
    const ackRetried = await api.post<{ data: { result: string }[] }>('/agent/inbox/ack', {
      key: agent.key,
      body: ackBody,
      headers: ackHeaders,
    });
    expect(ackRetried.status, ackRetried.text).toBe(200);
    expect(ackRetried.body.data.map((r) => r.result)).toEqual(['processed']);
    // Without the key, the same ack again finds the lease settled already.
    const plain = await api.post<{ data: { result: string }[] }>('/agent/inbox/ack', { key: agent.key, body: ackBody });
    expect(plain.body.data.map((r) => r.result)).toEqual(['lease_lost']);
  });
});
