import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk, type Outcome, type Transport } from './harness/chatClients.js';
import { chatAgent, chatUser, type Principal, roomWith, say } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

const ids = (o: Outcome) => expectOk<{ id: string }[]>(o).map((m) => m.id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each<Transport>(['rest', 'trpc'])('message lists over %s', (transport) => {
  let api: ChatApi;
  let user: Principal;
  let helper: Principal;
  let critic: Principal;
  let roomId: string;
  beforeAll(async () => {
    api = chatApi(ts.url, transport);
    user = await chatUser(ts);
    helper = await chatAgent(ts, user.key, 'Helper');
    critic = await chatAgent(ts, user.key, 'Critic');
    roomId = await roomWith(api, user.key, [{ id: helper.id }, { id: critic.id }]);
  });

  it('humans: newest first, every type but internal ones, message_type and since filters', async () => {
    const room = await roomWith(api, user.key, [{ id: helper.id }]);
    const first = await say(api, user.key, room, 'first', [helper]);
    const thought = expectOk(await api.event(helper.key, room, { content: 'hmm', message_type: 'thought' }), 201).id;
    // The platform's internal messages never reach /me, and never move last_message_at.
    await ts.server.deps.db
      .insertInto('messages')
      .values({
        chat_room_id: room,
        sender_id: null,
        sender_type: 'System',
        message_type: 'system',
        content: 'room created',
        metadata: '{}',
      })
      .execute();
    await sleep(5);
    const cut = new Date().toISOString();
    await sleep(5);
    const second = await say(api, user.key, room, 'second', [helper]);
    const call = expectOk(await api.event(helper.key, room, { content: 'call', message_type: 'tool_call' }), 201).id;

    expect(ids(await api.listMessages(user.key, room))).toEqual([call, second, thought, first]);
    expect(ids(await api.listMessages(user.key, room, { message_type: 'text' }))).toEqual([second, first]);
    expect(ids(await api.listMessages(user.key, room, { message_type: 'thought' }))).toEqual([thought]);
    expect(ids(await api.listMessages(user.key, room, { since: cut }))).toEqual([call, second]);
    expect(ids(await api.listMessages(user.key, room, { since: cut, message_type: 'tool_call' }))).toEqual([call]);
    const sincePage = await api.listMessages(user.key, room, { since: cut, page: 1, page_size: 1 });
    expect(ids(sincePage)).toEqual([call]);
    expect(sincePage.body.metadata).toMatchObject({ total_count: 2, total_pages: 2, has_more: true });
    expect(ids(await api.listMessages(user.key, room, { since: '2000-01-01T00:00:00+02:00' }))).toHaveLength(4);

    const first2 = await api.listMessages(user.key, room, { limit: 2 });
    expect(ids(first2)).toEqual([call, second]);
    const error = expectFailure(
      await api.listMessages(user.key, room, { since: cut, cursor: first2.body.metadata.next_cursor }),
      422,
      'validation_error',
    );
    expect(error.details).toHaveProperty(['/since']);
    expectFailure(await api.listMessages(user.key, room, { since: 'yesterday' }), 422, 'validation_error');
    expectFailure(await api.listMessages(user.key, room, { since: '0000-01-01T00:00:00Z' }), 422, 'validation_error');
    expectFailure(await api.listMessages(user.key, room, { message_type: 'system' }), 422, 'validation_error');
    const fromAnotherList = (await api.queue(helper.key, room, { status: 'all', limit: 1 })).body.metadata.next_cursor;
    expectFailure(await api.listMessages(user.key, room, { cursor: fromAnotherList }), 422, 'validation_error');

    const roomView = expectOk(await api.getRoom(user.key, room));
    const newest = expectOk(await api.listMessages(user.key, room, { limit: 1 }))[0];
    expect(roomView.last_message_at).toBe(newest.inserted_at);
  });

  it('humans: offset and cursor pages agree, with totals in offset style only', async () => {
    const room = await roomWith(api, user.key, [{ id: helper.id }]);
    const sent: string[] = [];
    for (let n = 0; n < 7; n++) sent.push(await say(api, user.key, room, `n${n}`, [helper]));
    const newestFirst = [...sent].reverse();

    const offset = await api.listMessages(user.key, room, { page: 2, page_size: 3 });
    expect(ids(offset)).toEqual(newestFirst.slice(3, 6));
    expect(offset.body.metadata).toMatchObject({
      page: 2,
      page_size: 3,
      total_count: 7,
      total_pages: 3,
      has_more: true,
    });

    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.listMessages(user.key, room, { limit: 3, ...(cursor ? { cursor } : {}) });
      walked.push(...ids(page));
      expect(page.body.metadata).not.toHaveProperty('total_count');
      cursor = page.body.metadata.next_cursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual(newestFirst);
    expect((await api.listMessages(user.key, room, { page: 9 })).body.data).toEqual([]);
  });

  it('agents: context is its own messages of any type plus texts mentioning it, oldest first', async () => {
    const toHelper = await say(api, user.key, roomId, 'for helper', [helper]);
    const toCritic = await say(api, user.key, roomId, 'for critic', [critic]);
    const referenceOnly = expectOk(
      await api.send(user.key, roomId, {
        content: 'critic, see what helper did',
        mentions: [{ id: critic.id }, { id: helper.id, kind: 'reference' }],
      }),
      201,
    ).id;
    const helperThought = expectOk(
      await api.event(helper.key, roomId, { content: 'h', message_type: 'thought' }),
      201,
    ).id;
    const criticThought = expectOk(
      await api.event(critic.key, roomId, { content: 'c', message_type: 'thought' }),
      201,
    ).id;
    const helperReply = await say(api, helper.key, roomId, 'done', [user]);

    const helperContext = await api.context(helper.key, roomId);
    expect(ids(helperContext)).toEqual([toHelper, helperThought, helperReply]);
    expect(helperContext.body.meta).toEqual(helperContext.body.metadata);
    expect(helperContext.body.metadata).toMatchObject({ has_more: false, limit: 50, next_cursor: null });
    expect(ids(await api.context(critic.key, roomId))).toEqual([toCritic, referenceOnly, criticThought]);
    // References are narrative: not queued, but the agent may still claim one, which queues it.
    expect(ids(await api.queue(helper.key, roomId, { status: 'all' }))).toEqual([toHelper]);
    expect(expectOk(await api.processing(helper.key, roomId, referenceOnly)).attempt_number).toBe(1);
    expect(ids(await api.queue(helper.key, roomId, { status: 'processing' }))).toEqual([referenceOnly]);
    // Its own messages and others' events are not the agent's to mark.
    expectFailure(await api.processing(helper.key, roomId, helperReply), 404, 'not_found');
    expectFailure(await api.processing(helper.key, roomId, criticThought), 404, 'not_found');
  });

  it('agents: context pages by cursor (default 50) and by offset, with meta = metadata', async () => {
    const bot = await chatAgent(ts, user.key);
    const room = await roomWith(api, user.key, [{ id: bot.id }]);
    const sent: string[] = [];
    for (let n = 0; n < 27; n++) sent.push(await say(api, user.key, room, `q${n}`, [bot]));
    for (let n = 0; n < 26; n++) {
      sent.push(expectOk(await api.event(bot.key, room, { content: `e${n}`, message_type: 'tool_result' }), 201).id);
    }
    const first = await api.context(bot.key, room);
    expect(ids(first)).toEqual(sent.slice(0, 50));
    expect(first.body.metadata).toMatchObject({ has_more: true, limit: 50 });
    const rest = await api.context(bot.key, room, { cursor: first.body.metadata.next_cursor });
    expect(ids(rest)).toEqual(sent.slice(50));
    const offset = await api.context(bot.key, room, { page: 3, page_size: 20 });
    expect(ids(offset)).toEqual(sent.slice(40, 53));
    expect(offset.body.meta).toEqual(offset.body.metadata);
    expect(offset.body.metadata).toMatchObject({
      page: 3,
      page_size: 20,
      total_count: 53,
      total_pages: 3,
      has_more: false,
    });
    expectFailure(await api.context(bot.key, room, { limit: 101 }), 422, 'validation_error');
    expectFailure(await api.context(bot.key, room, { page: 1, cursor: 'x' }), 422, 'validation_error');
  });
});
