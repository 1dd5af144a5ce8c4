import { describe, expect, it } from 'vitest';
import { AgentRooms } from './agentRooms.js';
import type { AgentClient } from './createAgentClient.js';
import type { StreamEvent } from './parleyRouter.js';
import { RetrySchedule } from './retrySchedule.js';
import { RoomScheduler } from './roomScheduler.js';

const AGENT = 'agent-1';

/** AgentRooms over a real scheduler (turns do nothing) and a client whose room list the test controls. */
function setup(list: () => Promise<string[]>) {
  const turns: string[] = [];
  const scheduler = new RoomScheduler({
    concurrency: 4,
    backoff: { baseMs: 1, maxMs: 1 },
    onError: () => {},
    step: async (roomId) => {
      turns.push(roomId);
      return 'idle';
    },
  });
  const client = {
    agent: {
      chats: {
        list: {
          query: async () => {
            const ids = await list();
            return { data: ids.map((id) => ({ id })), metadata: { has_more: false, next_cursor: null } };
          },
        },
      },
    },
  } as unknown as AgentClient;
  const schedule = new RetrySchedule({ maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 });
  return { rooms: new AgentRooms({ client, agentId: AGENT, scheduler, schedule }), scheduler, turns };
}

const event = (value: unknown) => value as StreamEvent;

describe('AgentRooms', () => {
  it('follows exactly the listed rooms, but keeps one joined while the list was on its way', async () => {
    let release: (ids: string[]) => void = () => {};
    let listed = Promise.resolve(['a', 'b']);
    const { rooms, scheduler, turns } = setup(() => listed);
    await rooms.sync();
    expect(scheduler.roomIds().sort()).toEqual(['a', 'b']);
    listed = new Promise((resolve) => {
      release = resolve;
    });
    const syncing = rooms.sync();
    rooms.apply(event({ type: 'room_added', chat_room_id: null, id: '1', payload: { id: 'c' } }));
    release(['a']);
    await syncing;
    expect(scheduler.roomIds().sort()).toEqual(['a', 'c']);
    await scheduler.idle();
    expect(turns).toContain('c');
  });

  it('joins on a mention or on being added, and leaves on being removed or the room’s deletion', () => {
    const { rooms, scheduler } = setup(async () => []);
    rooms.apply(event({ type: 'message_created', chat_room_id: 'r1', id: '1', payload: { id: 'm1' } }));
    rooms.apply(event({ type: 'participant_added', chat_room_id: 'r2', id: '2', payload: { id: AGENT } }));
    rooms.apply(event({ type: 'participant_added', chat_room_id: 'r3', id: '3', payload: { id: 'someone-else' } }));
    rooms.apply(event({ type: 'room_added', chat_room_id: null, id: '4', payload: { id: 'r4' } }));
    expect(scheduler.roomIds().sort()).toEqual(['r1', 'r2', 'r4']);
    rooms.apply(event({ type: 'participant_removed', chat_room_id: 'r1', id: '5', payload: { id: 'someone-else' } }));
    rooms.apply(event({ type: 'participant_removed', chat_room_id: 'r2', id: '6', payload: { id: AGENT } }));
    rooms.apply(event({ type: 'room_removed', chat_room_id: null, id: '7', payload: { id: 'r4' } }));
    rooms.apply(event({ type: 'room_deleted', chat_room_id: 'r1', id: '8', payload: { id: 'r1' } }));
    expect(scheduler.roomIds()).toEqual([]);
  });
});
