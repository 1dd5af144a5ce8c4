import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, expectFailure, expectPage, type Transport } from './harness/chatClients.js';
import { type Principal, roomWithHistory, say } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

describe.each<Transport>(['rest', 'trpc'])('/context in both directions over %s (Parley extension)', (transport) => {
  let api: ChatApi;
  let user: Principal;
  let agent: Principal;
  let roomId: string;
  let ids: string[];
  beforeAll(async () => {
    ({ api, user, agent, roomId, ids } = await roomWithHistory(ts, transport, 30));
  });
  const context = async (query: Record<string, string | number>) =>
    expectPage(await api.context(agent.key, roomId, query));

  it('serves the latest N newest first, and pages back stably while messages arrive', async () => {
    const first = await context({ order: 'desc', limit: 5 });
    expect(first.data.map((m) => m.id)).toEqual(ids.slice(25).reverse());
    expect(first.metadata.has_more).toBe(true);
    // A message arriving between pages does not shift the next one.
    const late = await say(api, user.key, roomId, 'late', [agent]);
    const second = await context({ order: 'desc', limit: 5, cursor: first.metadata.next_cursor ?? '' });
    expect(second.data.map((m) => m.id)).toEqual(ids.slice(20, 25).reverse());
    const newest = await context({ order: 'desc', limit: 1 });
    expect(newest.data.map((m) => m.id)).toEqual([late]);
    // The default stays the vendor's: oldest first.
    expect((await context({ limit: 2 })).data.map((m) => m.id)).toEqual(ids.slice(0, 2));
  });

  it('before / after bound the history by message, in either order', async () => {
    const older = await context({ before: ids[10] ?? '', order: 'desc', limit: 3 });
    expect(older.data.map((m) => m.id)).toEqual([ids[9], ids[8], ids[7]]);
    const newer = await context({ after: ids[25] ?? '', limit: 3 });
    expect(newer.data.map((m) => m.id)).toEqual(ids.slice(26, 29));
    const between = await context({ after: ids[3] ?? '', before: ids[7] ?? '' });
    expect(between.data.map((m) => m.id)).toEqual(ids.slice(4, 7));
    expect(between.metadata.has_more).toBe(false);
    // A cursor continues within the bounds.
    const page1 = await context({ after: ids[3] ?? '', before: ids[9] ?? '', limit: 2 });
    const page2 = await context({
      after: ids[3] ?? '',
      before: ids[9] ?? '',
      limit: 2,
      cursor: page1.metadata.next_cursor ?? '',
    });
    expect([...page1.data, ...page2.data].map((m) => m.id)).toEqual(ids.slice(4, 8));
  });

  it('refuses bounds that are not messages of the room, and bounds with page/page_size', async () => {
    expectFailure(await api.context(agent.key, roomId, { before: crypto.randomUUID() }), 422, 'validation_error');
    expectFailure(await api.context(agent.key, roomId, { after: ids[0] ?? '', page: 1 }), 422, 'validation_error');
    expectFailure(await api.context(agent.key, roomId, { order: 'sideways' }), 422, 'validation_error');
    // A cursor of one direction does not continue the other.
    const desc = await context({ order: 'desc', limit: 2 });
    expectFailure(
      await api.context(agent.key, roomId, { limit: 2, cursor: desc.metadata.next_cursor ?? '' }),
      422,
      'validation_error',
    );
  });
});
