import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk, type Transport } from './harness/chatClients.js';
import { chatAgent, chatUser, roomWith, say } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

interface Message {
  id: string;
  content: string;
  message_type: string;
  sender_id: string;
  sender_name: string;
  sender_type: string;
  metadata: Record<string, unknown> & {
    delivery_status?: Record<
      string,
      {
        status: string;
        current_attempt: number;
        attempts: { attempt_number: number; status: string; error: unknown }[];
      }
    >;
  };
}

describe.each<Transport>(['rest', 'trpc'])('a conversation over %s', (transport) => {
  let api: ChatApi;
  beforeAll(() => {
    api = chatApi(ts.url, transport);
  });

  it('a user mentions one of two agents; only it works on the message; everyone sees the right things', async () => {
    const alice = await chatUser(ts, { firstName: 'Alice' });
    const helper = await chatAgent(ts, alice.key, 'Helper');
    const critic = await chatAgent(ts, alice.key, 'Critic');
    const roomId = await roomWith(api, alice.key, [{ id: helper.id }, { id: critic.id }]);

    const sent = expectOk(
      await api.send(alice.key, roomId, { content: 'please summarise', mentions: [{ id: helper.id }] }),
      201,
    );
    expect(sent).toMatchObject({
      success: true,
      recipients: [{ id: helper.id, handle: helper.handle, name: 'Helper' }],
    });

    // Only the mentioned agent has it queued.
    expect((await api.next(critic.key, roomId)).status).toBe(204);
    const next = expectOk<Message>(await api.next(helper.key, roomId));
    expect(next).toMatchObject({
      id: sent.id,
      content: `@${helper.handle} please summarise`,
      message_type: 'text',
      sender_id: alice.id,
      sender_type: 'User',
      sender_name: 'Alice',
    });
    expect(next.metadata.mentions).toEqual([{ id: helper.id, handle: helper.handle, name: 'Helper', kind: 'mention' }]);

    const claim = expectOk(await api.processing(helper.key, roomId, sent.id));
    expect(claim).toEqual({ id: sent.id, status: 'processing', attempt_number: 1, success: true });
    const event = expectOk(
      await api.event(helper.key, roomId, {
        content: 'search("summary")',
        message_type: 'tool_call',
        metadata: { tool: 'search', args: { q: 'summary' } },
      }),
      201,
    );
    expect(event).toMatchObject({ message_type: 'tool_call', success: true });
    const reply = expectOk(
      await api.send(helper.key, roomId, { content: `@${alice.handle} here it is`, mentions: [{ id: alice.id }] }),
      201,
    );
    expect(reply.recipients).toEqual([{ id: alice.id, handle: alice.handle, name: 'Alice' }]);
    expect(expectOk(await api.processed(helper.key, roomId, sent.id))).toEqual({
      id: sent.id,
      status: 'processed',
      attempt_number: 1,
      success: true,
    });
    expect((await api.next(helper.key, roomId)).status).toBe(204);

    // The critic's context has nothing of the helper's work; the helper's has all of it.
    expect(expectOk<Message[]>(await api.context(critic.key, roomId))).toEqual([]);
    const helperContext = expectOk<Message[]>(await api.context(helper.key, roomId));
    expect(helperContext.map((m) => m.id)).toEqual([sent.id, event.id, reply.id]);

    // The user sees everything, newest first, with the helper's delivery state.
    const listed = expectOk<Message[]>(await api.listMessages(alice.key, roomId));
    expect(listed.map((m) => m.id)).toEqual([reply.id, event.id, sent.id]);
    expect(listed.map((m) => m.sender_name)).toEqual(['Helper', 'Helper', 'Alice']);
    const original = listed[2] as Message;
    expect(original.metadata.status).toBe('delivered');
    expect(original.metadata.delivery_status?.[helper.id]).toMatchObject({
      status: 'processed',
      current_attempt: 1,
      attempts: [{ attempt_number: 1, status: 'success', error: null }],
    });
    expect(Object.keys(original.metadata.delivery_status ?? {})).toEqual([helper.id]);
    expect((listed[1] as Message).metadata).toEqual({ tool: 'search', args: { q: 'summary' } });
    expect((listed[0] as Message).metadata.status).toBe('sent');

    const room = expectOk(await api.getRoom(alice.key, roomId));
    expect(room.last_message_at).toBe(
      (
        await ts.server.deps.db
          .selectFrom('messages')
          .select('inserted_at')
          .where('id', '=', reply.id)
          .executeTakeFirstOrThrow()
      ).inserted_at,
    );
  });

  it('failure and retry: processing → failed → served again by /next → processing is attempt 2', async () => {
    const owner = await chatUser(ts);
    const agent = await chatAgent(ts, owner.key);
    const roomId = await roomWith(api, owner.key, [{ id: agent.id }]);
    const messageId = await say(api, owner.key, roomId, 'do the thing', [agent]);

    expect(expectOk(await api.processing(agent.key, roomId, messageId)).attempt_number).toBe(1);
    expect(expectOk(await api.failed(agent.key, roomId, messageId, 'upstream timeout'))).toEqual({
      id: messageId,
      status: 'failed',
      attempt_number: 1,
      success: true,
    });
    expect(expectOk<Message>(await api.next(agent.key, roomId)).id).toBe(messageId);
    expect(expectOk<Message[]>(await api.queue(agent.key, roomId, { status: 'failed' })).map((m) => m.id)).toEqual([
      messageId,
    ]);
    expect(expectOk(await api.processing(agent.key, roomId, messageId)).attempt_number).toBe(2);
    expect(expectOk(await api.processed(agent.key, roomId, messageId)).attempt_number).toBe(2);
    expect((await api.next(agent.key, roomId)).status).toBe(204);

    const [listed] = expectOk<Message[]>(await api.listMessages(owner.key, roomId));
    expect(listed?.metadata.delivery_status?.[agent.id]).toMatchObject({
      status: 'processed',
      current_attempt: 2,
      attempts: [
        { attempt_number: 1, status: 'failed', error: 'upstream timeout' },
        { attempt_number: 2, status: 'success', error: null },
      ],
    });
  });

  it('/processed and /failed need an open attempt (422); a message the agent may not mark is 404', async () => {
    const owner = await chatUser(ts);
    const agent = await chatAgent(ts, owner.key);
    const other = await chatAgent(ts, owner.key);
    const roomId = await roomWith(api, owner.key, [{ id: agent.id }, { id: other.id }]);
    const messageId = await say(api, owner.key, roomId, 'hi', [agent]);

    const error = expectFailure(await api.processed(agent.key, roomId, messageId), 422, 'validation_error');
    expect(error.details).toHaveProperty('/id');
    expectFailure(await api.failed(agent.key, roomId, messageId, 'nope'), 422, 'validation_error');
    expectOk(await api.processing(agent.key, roomId, messageId));
    expectOk(await api.processed(agent.key, roomId, messageId));
    expectFailure(await api.processed(agent.key, roomId, messageId), 422, 'validation_error');
    // Processing again re-opens a processed message (crash recovery may re-claim anything).
    expect(expectOk(await api.processing(agent.key, roomId, messageId)).attempt_number).toBe(2);

    expectFailure(await api.processing(other.key, roomId, messageId), 404, 'not_found');
    expectFailure(await api.processed(other.key, roomId, messageId), 404, 'not_found');
    expectFailure(await api.processing(agent.key, roomId, crypto.randomUUID()), 404, 'not_found');
    expectFailure(await api.failed(agent.key, roomId, messageId, '   '), 422, 'validation_error');
    expectFailure(await api.failed(agent.key, roomId, messageId, 'bad\u0000byte'), 422, 'validation_error');
  });

  it('a crashed attempt is re-claimed: the open attempt is closed and attempt 2 opens', async () => {
    const owner = await chatUser(ts);
    const agent = await chatAgent(ts, owner.key);
    const roomId = await roomWith(api, owner.key, [{ id: agent.id }]);
    const messageId = await say(api, owner.key, roomId, 'work', [agent]);
    expectOk(await api.processing(agent.key, roomId, messageId));
    // Stuck in processing: still served by /next and by the default list.
    expect(expectOk<Message>(await api.next(agent.key, roomId)).id).toBe(messageId);
    expect(expectOk<Message[]>(await api.queue(agent.key, roomId)).map((m) => m.id)).toEqual([messageId]);
    expect(expectOk(await api.processing(agent.key, roomId, messageId)).attempt_number).toBe(2);
    const [listed] = expectOk<Message[]>(await api.listMessages(owner.key, roomId));
    expect(listed?.metadata.delivery_status?.[agent.id]?.attempts.map((a) => a.status)).toEqual([
      'failed',
      'processing',
    ]);
  });

  it('the agent message list filters by status, oldest first, with metadata.status_filter', async () => {
    const owner = await chatUser(ts);
    const agent = await chatAgent(ts, owner.key);
    const roomId = await roomWith(api, owner.key, [{ id: agent.id }]);
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await say(api, owner.key, roomId, `m${n}`, [agent]));
    const [m1, m2, m3, m4, m5] = ids as [string, string, string, string, string];
    expectOk(await api.processing(agent.key, roomId, m1));
    expectOk(await api.processed(agent.key, roomId, m1));
    expectOk(await api.processing(agent.key, roomId, m2));
    expectOk(await api.processing(agent.key, roomId, m3));
    expectOk(await api.failed(agent.key, roomId, m3, 'boom'));

    const cases: [string | undefined, string[]][] = [
      [undefined, [m2, m3, m4, m5]],
      ['pending', [m3, m4, m5]],
      ['processing', [m2]],
      ['processed', [m1]],
      ['failed', [m3]],
      ['all', [m1, m2, m3, m4, m5]],
    ];
    for (const [status, expected] of cases) {
      const response = await api.queue(agent.key, roomId, status ? { status } : {});
      expect(
        expectOk<Message[]>(response).map((m) => m.id),
        String(status),
      ).toEqual(expected);
      expect(response.body.metadata.status_filter).toBe(status ?? null);
    }
    // Only the agent's own delivery state is shown to it.
    const [first] = expectOk<Message[]>(await api.queue(agent.key, roomId, { status: 'processed' }));
    expect(Object.keys(first?.metadata.delivery_status ?? {})).toEqual([agent.id]);

    // Cursor pages, oldest first, stable.
    const page1 = await api.queue(agent.key, roomId, { status: 'all', limit: 2 });
    expect(expectOk<Message[]>(page1).map((m) => m.id)).toEqual([m1, m2]);
    expect(page1.body.metadata).toMatchObject({ has_more: true, limit: 2 });
    const page2 = await api.queue(agent.key, roomId, {
      status: 'all',
      limit: 2,
      cursor: page1.body.metadata.next_cursor,
    });
    expect(expectOk<Message[]>(page2).map((m) => m.id)).toEqual([m3, m4]);
    const page3 = await api.queue(agent.key, roomId, {
      status: 'all',
      limit: 2,
      cursor: page2.body.metadata.next_cursor,
    });
    expect(expectOk<Message[]>(page3).map((m) => m.id)).toEqual([m5]);
    expect(page3.body.metadata).toMatchObject({ has_more: false, next_cursor: null });
    // Offset pages.
    const offset = await api.queue(agent.key, roomId, { status: 'all', page: 2, page_size: 2 });
    expect(expectOk<Message[]>(offset).map((m) => m.id)).toEqual([m3, m4]);
    expect(offset.body.metadata).toMatchObject({ page: 2, page_size: 2, total_count: 5, total_pages: 3 });
    expectFailure(await api.queue(agent.key, roomId, { status: 'bogus' }), 422, 'validation_error');
  });
});
