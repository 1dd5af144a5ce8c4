import type { AgentClient } from './createAgentClient.js';
import { listAllRooms } from './listAllRooms.js';
import type { StreamEvent } from './parleyRouter.js';
import type { RetrySchedule } from './retrySchedule.js';
import type { RoomScheduler } from './roomScheduler.js';

/**
 * The rooms the loop follows: joined and left as the agent's events say, and reconciled with the
 * server's list at start, after a resync and on each sweep.
 */
export class AgentRooms {
  /** When each room was joined (a sequence number): a sync must not drop a room joined meanwhile. */
  private readonly joinedAt = new Map<string, number>();
  private joins = 0;

  constructor(
    private readonly deps: {
      client: AgentClient;
      agentId: string;
      scheduler: RoomScheduler;
      schedule: RetrySchedule;
    },
  ) {}

  /** Follows the room (if new) and gives it a turn. */
  join(roomId: string): void {
    if (this.deps.scheduler.add(roomId)) this.joinedAt.set(roomId, ++this.joins);
    this.deps.scheduler.wake(roomId);
  }

  leave(roomId: string): void {
    this.deps.scheduler.remove(roomId);
    this.deps.schedule.forgetRoom(roomId);
    this.joinedAt.delete(roomId);
  }

  /** Follows exactly the rooms the server lists (and any joined while it listed), each woken. */
  async sync(signal?: AbortSignal): Promise<void> {
    const mark = this.joins;
    const listed = new Set(await listAllRooms(this.deps.client, signal));
    for (const roomId of this.deps.scheduler.roomIds()) {
      if (!listed.has(roomId) && (this.joinedAt.get(roomId) ?? 0) <= mark) this.leave(roomId);
    }
    for (const roomId of listed) this.join(roomId);
  }

  /** Applies one live event: a mention wakes its room; membership changes join or leave. */
  apply(event: StreamEvent): void {
    const aboutMe = (event.payload as { id?: unknown }).id === this.deps.agentId;
    const room = event.chat_room_id;
    switch (event.type) {
      case 'message_created':
        if (room) this.join(room);
        break;
      case 'room_added':
        this.join(event.payload.id);
        break;
      case 'participant_added':
        if (aboutMe && room) this.join(room);
        break;
      case 'room_removed':
        this.leave(event.payload.id);
        break;
      case 'room_deleted':
        if (room) this.leave(room);
        break;
      case 'participant_removed':
        if (aboutMe && room) this.leave(room);
        break;
    }
  }
}
