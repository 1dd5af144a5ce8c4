import type { AgentClient } from './createAgentClient.js';
import type { MessageProcessor } from './messageProcessor.js';
import { ParleyError } from './parleyError.js';
import type { AgentMe, ChatMessage } from './parleyRouter.js';
import type { RetrySchedule } from './retrySchedule.js';
import type { StepResult } from './roomScheduler.js';

/** How far to look past a head message that must wait (pages of 100). */
const MAX_PAGES = 10;

export interface RoomTurnDeps {
  client: AgentClient;
  agent: AgentMe;
  processor: MessageProcessor;
  schedule: RetrySchedule;
  /** Aborts the loop's own reads at shutdown. */
  signal: AbortSignal;
  wakeAt(roomId: string, at: number): void;
  /** The agent is no longer in the room. */
  leave(roomId: string): void;
}

/**
 * One turn of a room: the oldest message the agent has not processed (`/next`), handled. When
 * that message must wait (its retry is not due, or it was given up), the turn looks past it in the
 * room's queue for one that may start, and otherwise sets a wake-up for when the wait ends.
 */
export function roomTurn(deps: RoomTurnDeps): (roomId: string) => Promise<StepResult> {
  const isReady = (message: ChatMessage) =>
    !deps.processor.isInFlight(message.id) && deps.schedule.readiness(message, deps.agent.id).ready;

  async function firstReady(roomId: string): Promise<ChatMessage | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      // No status filter: everything not processed, oldest first, as `/next` sees it.
      const list = await deps.client.agent.chats.listMessages.query(
        { chat_id: roomId, limit: 100, ...(cursor ? { cursor } : {}) },
        { signal: deps.signal },
      );
      const found = list.data.find(isReady);
      if (found) return found;
      if (!list.metadata.has_more || !list.metadata.next_cursor) return undefined;
      cursor = list.metadata.next_cursor;
    }
    return undefined;
  }

  return async (roomId) => {
    let next: Awaited<ReturnType<typeof deps.client.agent.chats.nextMessage.query>>;
    try {
      next = await deps.client.agent.chats.nextMessage.query({ chat_id: roomId }, { signal: deps.signal });
    } catch (error) {
      // Removed from the room (its event may still be on its way): stop following it.
      if (error instanceof ParleyError && error.status === 404) {
        deps.leave(roomId);
        return 'idle';
      }
      throw error;
    }
    if (!next) return 'idle';
    let message: ChatMessage | undefined = next.data;
    if (!isReady(message)) {
      message = await firstReady(roomId);
      if (!message) {
        const at = deps.schedule.nextAttemptAt(roomId);
        if (at !== undefined) deps.wakeAt(roomId, at);
        return 'idle';
      }
    }
    await deps.processor.process(message);
    return 'more';
  };
}
