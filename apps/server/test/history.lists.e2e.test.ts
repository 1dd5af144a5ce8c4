import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatApi,
  chatApi,
  expectFailure,
  expectPage,
  type ListPage,
  type Outcome,
  type Transport,
} from './harness/chatClients.js';
import {
  chatAgent,
  chatUser,
  orgSlug,
  type Principal,
  roomWith,
  roomWithHistory,
  say,
} from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/**
 * History in both directions on the message lists (agent queue, human list) and the room lists
 * (docs/history-directions.md), over REST and native tRPC.
 */
let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

type Query = Record<string, string | number>;
type List = (query: Query) => Promise<Outcome>;

const ok = async (outcome: Promise<Outcome>): Promise<ListPage> => expectPage(await outcome);
const idsOf = (page: ListPage) => page.data.map((m) => m.id);

/** Every row of a list, page by page, in the list's order. */
async function walk(list: List, query: Query, between?: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: ListPage = await ok(list({ ...query, ...(cursor ? { cursor } : {}) }));
    seen.push(...idsOf(page));
    cursor = page.metadata.next_cursor;
    if (between) await between();
  } while (cursor);
  return seen;
}

describe.each<Transport>(['rest', 'trpc'])(
  'message lists in both directions over %s (Parley extension)',
  (transport) => {
    let api: ChatApi;
    let user: Principal;
    let agent: Principal;
    let roomId: string;
    let otherRoomMessage: string;
    let ids: string[];
    beforeAll(async () => {
      // A long room: the latest N must not need paging from the start.
      ({ api, user, agent, roomId, ids } = await roomWithHistory(ts, transport, 120));
      const other = await roomWith(api, user.key, [{ id: agent.id }]);
      otherRoomMessage = await say(api, user.key, other, 'elsewhere', [agent]);
    });
    const queue: List = (q) => api.queue(agent.key, roomId, { status: 'all', ...q });
    const human: List = (q) => api.listMessages(user.key, roomId, q);

    it('serves the latest N of a long room in one call, on both lists', async () => {
      const latest = await ok(queue({ order: 'desc', limit: 10 }));
      expect(idsOf(latest)).toEqual(ids.slice(-10).reverse());
      expect(latest.metadata.has_more).toBe(true);
      expect(idsOf(await ok(human({ limit: 10 })))).toEqual(ids.slice(-10).reverse());
      // The defaults stay the vendor's: the queue oldest first, the human list newest first.
      expect(idsOf(await ok(queue({ limit: 3 })))).toEqual(ids.slice(0, 3));
      expect(idsOf(await ok(human({ order: 'asc', limit: 3 })))).toEqual(ids.slice(0, 3));
    });

    it('before / after bound both lists by message, and a cursor continues within the bounds', async () => {
      for (const [list, order] of [
        [queue, 'asc'],
        [queue, 'desc'],
        [human, 'asc'],
        [human, 'desc'],
      ] as const) {
        const all = await walk(list, { after: ids[10] ?? '', before: ids[31] ?? '', limit: 4, order });
        const expected = ids.slice(11, 31);
        expect(all).toEqual(order === 'asc' ? expected : expected.reverse());
      }
      expect(idsOf(await ok(queue({ before: ids[5] ?? '', order: 'desc', limit: 2 })))).toEqual([ids[4], ids[3]]);
      expect(idsOf(await ok(human({ after: ids[117] ?? '' })))).toEqual([ids[119], ids[118]]);
    });

    it('pages stay stable while messages arrive, in either direction', async () => {
      const before = [...ids];
      let n = 0;
      const burst = async () => {
        // Two sends land between each pair of pages.
        for (let i = 0; i < 2; i++) ids.push(await say(api, user.key, roomId, `late${n++}`, [agent]));
      };
      // Newest first from the top: the arrivals are newer than the first page, so they never show.
      expect(await walk(queue, { order: 'desc', limit: 25 }, burst)).toEqual(before.slice().reverse());
      const top = ids.slice();
      expect(await walk(human, { limit: 25 }, burst)).toEqual(top.reverse());
      // Oldest first: every message once, in order, arrivals included up to the end of the walk.
      const snapshot = ids.length;
      const ascending = await walk(queue, { limit: 25 }, burst);
      expect(ascending.slice(0, snapshot)).toEqual(ids.slice(0, snapshot));
      expect(ascending).toEqual(ids.slice(0, ascending.length));
      expect(new Set(ascending).size).toBe(ascending.length);
      // Concurrent sends while paging: no gaps, no repeats.
      const writers = Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 5; i++) await say(api, user.key, roomId, `w${w}-${i}`, [agent]);
        }),
      );
      const pages = await walk(human, { order: 'asc', limit: 30 });
      await writers;
      const final = await walk(human, { order: 'asc', limit: 100 });
      expect(pages).toEqual(final.slice(0, pages.length));
    });

    it('refuses a bound that is not a message of the room, bounds with page/page_size, and cross-direction cursors', async () => {
      for (const list of [queue, human]) {
        expectFailure(await list({ before: crypto.randomUUID() }), 422, 'validation_error');
        expectFailure(await list({ after: otherRoomMessage }), 422, 'validation_error');
        expectFailure(await list({ after: 'not-a-uuid' }), 422, 'validation_error');
        expectFailure(await list({ before: ids[3] ?? '', page: 1 }), 422, 'validation_error');
        expectFailure(await list({ order: 'sideways' }), 422, 'validation_error');
        const desc = await ok(list({ order: 'desc', limit: 2 }));
        expectFailure(
          await list({ order: 'asc', limit: 2, cursor: desc.metadata.next_cursor ?? '' }),
          422,
          'validation_error',
        );
        const asc = await ok(list({ order: 'asc', limit: 2 }));
        expectFailure(
          await list({ order: 'desc', limit: 2, cursor: asc.metadata.next_cursor ?? '' }),
          422,
          'validation_error',
        );
      }
    });
  },
);

describe.each<Transport>(['rest', 'trpc'])('room lists in both directions over %s (Parley extension)', (transport) => {
  let api: ChatApi;
  let user: Principal;
  let agent: Principal;
  let stranger: Principal;
  let strangersRoom: string;
  const rooms: string[] = [];
  beforeAll(async () => {
    api = chatApi(ts.url, transport);
    user = await chatUser(ts, { org: orgSlug() });
    agent = await chatAgent(ts, user.key);
    stranger = await chatUser(ts, { org: orgSlug() });
    strangersRoom = await roomWith(api, stranger.key);
    for (let i = 0; i < 12; i++)
      rooms.push(await roomWith(api, user.key, [{ id: agent.id, role: 'owner' }], `room ${i}`));
  });
  const agentRooms: List = (q) => api.listRooms(agent.key, q);
  const userRooms: List = (q) => api.listRooms(user.key, q);

  it('lists by creation either way, bounded by room, with the total of the bounded range', async () => {
    for (const list of [agentRooms, userRooms]) {
      expect(await walk(list, { limit: 5 })).toEqual(rooms.slice().reverse());
      expect(await walk(list, { limit: 5, order: 'asc' })).toEqual(rooms);
      const between = await ok(list({ after: rooms[2] ?? '', before: rooms[7] ?? '', order: 'asc', limit: 2 }));
      expect(idsOf(between)).toEqual(rooms.slice(3, 5));
      expect(between.metadata.total_count).toBe(4);
      expect(await walk(list, { after: rooms[2] ?? '', before: rooms[7] ?? '', limit: 3 })).toEqual(
        rooms.slice(3, 7).reverse(),
      );
    }
    const renamed = await api.renameRoom(agent.key, rooms[4] ?? '', { title: 'renamed' });
    expect(renamed.status).toBe(200);
    const byUpdate = await ok(userRooms({ sort_by: 'updated_at', after: rooms[10] ?? '', order: 'asc' }));
    expect(idsOf(byUpdate)).toEqual([rooms[11], rooms[4]]);
  });

  it('pages stay stable while rooms are created', async () => {
    const before = [...rooms];
    const created = async () => {
      rooms.push(await roomWith(api, user.key, [{ id: agent.id }], 'late'));
    };
    expect(await walk(agentRooms, { limit: 3 }, created)).toEqual(before.slice().reverse());
    const ascending = await walk(agentRooms, { limit: 3, order: 'asc' }, created);
    expect(ascending).toEqual(rooms.slice(0, ascending.length));
    expect(ascending.length).toBeGreaterThan(before.length);
  });

  it('refuses a bound that is not a room of the caller, bounds with page/page_size, and cross-direction cursors', async () => {
    for (const list of [agentRooms, userRooms]) {
      expectFailure(await list({ before: strangersRoom }), 422, 'validation_error');
      expectFailure(await list({ after: crypto.randomUUID() }), 422, 'validation_error');
      expectFailure(await list({ after: rooms[1] ?? '', page: 1 }), 422, 'validation_error');
      const desc = await ok(list({ limit: 2 }));
      expectFailure(
        await list({ order: 'asc', limit: 2, cursor: desc.metadata.next_cursor ?? '' }),
        422,
        'validation_error',
      );
    }
  });
});
