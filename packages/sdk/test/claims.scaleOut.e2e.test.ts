import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../apps/server/test/harness/fixtures.js';
import { startTestServer, type TestServer } from '../../../apps/server/test/harness/testServer.js';
import { createAgentClient, createHumanClient, type HumanClient, runAgent } from '../src/index.js';
import { eventually, mention, registerAgent, roomWith } from './harness/fixtures.js';

/**
 * N processes of one agent over leased claims: every message handled exactly once, each room in
 * order and one message at a time, while one loop dies midway (its requests fail from then on and
 * its handlers never return, like a killed process); its leases expire and the others take over.
 * The server runs in process (from source) so that this needs no build.
 */
const ROOMS = 20;
const PER_ROOM = 100;
const LOOPS = 4;
const KILL_AFTER = 30;

let ts: TestServer;
let owner: HumanClient;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '1000000' });
  const { apiKey } = await makeUser(ts.server.deps);
  owner = createHumanClient({ baseUrl: ts.url, apiKey });
});
afterAll(async () => ts?.close());

describe('runAgent with leased claims', () => {
  it(`${LOOPS} loops of one agent share ${ROOMS * PER_ROOM} messages in ${ROOMS} rooms: exactly once, in order, with a loop killed midway`, async () => {
    const agent = await registerAgent(owner);
    const rooms = await Promise.all(Array.from({ length: ROOMS }, () => roomWith(owner, [agent])));
    const indexOf = new Map<string, number>();
    await Promise.all(
      rooms.map(async (roomId) => {
        for (let i = 0; i < PER_ROOM; i++) indexOf.set(await mention(owner, roomId, agent, `#${i}`), i);
      }),
    );

    const completed = new Map<string, number>();
    const orderOf = new Map<string, number[]>();
    const active = new Map<string, number>();
    let overlap = 0;
    let handled = 0;
    let killed = false;
    const hang = new Promise<never>(() => {});
    const abandonedRooms: string[] = [];
    const stops: AbortController[] = [];
    const runs = Array.from({ length: LOOPS }, (_, loop) => {
      const doomed = loop === LOOPS - 1;
      const stop = new AbortController();
      stops.push(stop);
      const baseFetch = globalThis.fetch;
      // After the kill, the doomed loop's process is gone: no request of it reaches the server.
      const fetch: typeof globalThis.fetch = (input, init) =>
        doomed && killed ? Promise.reject(new TypeError('fetch failed')) : baseFetch(input, init);
      return runAgent({
        client: createAgentClient({ baseUrl: ts.url, apiKey: agent.key, fetch, retry: false }),
        signal: stop.signal,
        concurrency: 5,
        // Short, so that the killed loop's messages come back soon; long enough that a live loop's
        // renewal lands in time on a loaded machine.
        leaseSeconds: 6,
        claimPollMs: 200,
        retryDelayMs: 100,
        shutdownTimeoutMs: 0,
        onError: () => {},
        onMessage: async (message) => {
          const room = message.chat_room_id;
          if (doomed && killed) return hang;
          active.set(room, (active.get(room) ?? 0) + 1);
          if ((active.get(room) ?? 0) > 1) overlap++;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          if (doomed && ++handled >= KILL_AFTER) killed = true;
          if (doomed && killed) {
            // Dies inside this handler: the message is left under an expiring lease.
            abandonedRooms.push(room);
            active.set(room, (active.get(room) ?? 1) - 1);
            return hang;
          }
          active.set(room, (active.get(room) ?? 1) - 1);
          completed.set(message.id, (completed.get(message.id) ?? 0) + 1);
          orderOf.set(room, [...(orderOf.get(room) ?? []), indexOf.get(message.id) ?? -1]);
        },
      });
    });

    await eventually(async () => completed.size === ROOMS * PER_ROOM, 'every message handled', 600_000);
    for (const stop of stops) stop.abort();
    await Promise.all(runs.map((run) => run.catch(() => undefined)));

    expect(killed).toBe(true);
    expect(abandonedRooms.length).toBeGreaterThan(0);
    expect([...completed.values()].every((n) => n === 1)).toBe(true);
    expect(overlap).toBe(0);
    for (const roomId of rooms) {
      expect(orderOf.get(roomId)).toEqual(Array.from({ length: PER_ROOM }, (_, i) => i));
    }
    // The server agrees: everything processed, and the abandoned messages took a second attempt.
    const open = await ts.server.deps.db
      .selectFrom('message_deliveries')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('agent_id', '=', agent.id)
      .where('status', '<>', 'processed')
      .executeTakeFirstOrThrow();
    expect(Number(open.n)).toBe(0);
    const retried = await ts.server.deps.db
      .selectFrom('message_deliveries')
      .select('current_attempt')
      .where('agent_id', '=', agent.id)
      .where('current_attempt', '>', 1)
      .execute();
    expect(retried.length).toBeGreaterThanOrEqual(1);
  }, 900_000);
});
