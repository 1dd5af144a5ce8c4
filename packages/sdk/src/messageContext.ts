import type { AgentClient } from './createAgentClient.js';
import { type MentionTarget, toMentions } from './mentions.js';
import type { AgentMe, ChatMessage, RouterInputs, RouterOutputs } from './parleyRouter.js';

type Chats = RouterInputs['agent']['chats'];
type Memories = RouterInputs['agent']['memories'];

/** Event types an agent may post: `tool_call`, `tool_result`, `thought`, `error`, `task`, `attention`. */
export type EventType = Chats['createEvent']['event']['message_type'];
/** A memory to store; `subject_id` defaults to the message's sender (for the default scope `subject`). */
export type MemoryToStore = Memories['create']['memory'];
/** Filters of a memory list; `subject_id` defaults to the message's sender. */
export type MemoryFilters = NonNullable<Memories['list']>;
/**
 * Pagination of the context (`cursor`/`limit`, or `page`/`page_size`) and, a Parley extension,
 * its direction and bounds: `order` (`asc`, the default, or `desc`), `before`/`after` (message ids
 * of the room, exclusive). See docs/history-directions.md.
 */
export type ContextQuery = Omit<Chats['context'], 'chat_id'>;

/**
 * What a message handler gets besides the message: the room, the attempt, a signal, and helpers
 * bound to the room and the sender. Each helper returns the response body of its API call.
 */
export interface MessageContext {
  /** The room the message was posted in. */
  roomId: string;
  /** The agent running the loop. */
  agent: AgentMe;
  /** This processing attempt's number (1 the first time; higher after failures or a crash). */
  attempt: number;
  /** Aborted when the loop gives up waiting for this handler at shutdown (the message is released). */
  signal: AbortSignal;
  /** The client the loop uses, for anything the helpers do not cover. */
  client: AgentClient;
  /** Sends a text message to the room; mentions the sender unless `mentions` says otherwise. */
  reply(
    text: string,
    options?: { mentions?: readonly MentionTarget[] },
  ): Promise<RouterOutputs['agent']['chats']['sendMessage']>;
  /** Posts an event (a thought, a tool call…) to the room; humans see it, it notifies no one. */
  event(
    type: EventType,
    content: string,
    metadata?: Record<string, unknown>,
  ): Promise<RouterOutputs['agent']['chats']['createEvent']>;
  /**
   * The agent's context in this room, oldest first: what it sent and what mentioned it. With
   * `order: 'desc'` newest first, and `before`/`after` bound it by message id; `next_cursor`
   * continues in the same direction within the same bounds.
   *
   * @example
   * // What led up to this message, newest first, 20 at a time:
   * const page = await context.context({ before: message.id, order: 'desc', limit: 20 });
   * const older = await context.context({ before: message.id, order: 'desc', limit: 20, cursor: page.metadata.next_cursor ?? undefined });
   */
  context(query?: ContextQuery): Promise<RouterOutputs['agent']['chats']['context']>;
  /**
   * The latest `count` messages (at most 100) of the agent's context in this room, oldest first:
   * one call however long the room is (the context read newest first, then turned around).
   *
   * @example
   * const history = await context.recent(20);
   * const prompt = history.map((m) => `${m.sender_name}: ${m.content}`).join('\n');
   */
  recent(count: number): Promise<ChatMessage[]>;
  /** Everyone in the room. */
  participants(): Promise<RouterOutputs['agent']['chats']['listParticipants']>;
  memories: {
    store(memory: MemoryToStore): Promise<RouterOutputs['agent']['memories']['create']>;
    list(filters?: MemoryFilters): Promise<RouterOutputs['agent']['memories']['list']>;
    supersede(id: string): Promise<RouterOutputs['agent']['memories']['supersede']>;
  };
}

/** The helpers of one message, bound to its room and sender. */
export function createMessageContext(input: {
  client: AgentClient;
  agent: AgentMe;
  message: ChatMessage;
  attempt: number;
  signal: AbortSignal;
}): MessageContext {
  const { client, message } = input;
  const chats = client.agent.chats;
  const chat_id = message.chat_room_id;
  const sender = message.sender_id;
  return {
    roomId: chat_id,
    agent: input.agent,
    attempt: input.attempt,
    signal: input.signal,
    client,
    reply: (text, options) =>
      chats.sendMessage.mutate({
        chat_id,
        message: { content: text, mentions: toMentions(options?.mentions ?? [sender]) },
      }),
    event: (type, content, metadata) =>
      chats.createEvent.mutate({
        chat_id,
        // The message it belongs to, so a room view can fold the event under it.
        event: { message_type: type, content, metadata: { message_id: message.id, ...metadata } },
      }),
    context: (query) => chats.context.query({ ...query, chat_id }),
    recent: async (count) => {
      const page = await chats.context.query({ chat_id, order: 'desc', limit: count });
      return page.data.slice().reverse();
    },
    participants: () => chats.listParticipants.query({ chat_id }),
    memories: {
      store: (memory) =>
        client.agent.memories.create.mutate({
          memory: memory.scope === 'organization' || memory.subject_id ? memory : { ...memory, subject_id: sender },
        }),
      list: (filters) =>
        client.agent.memories.list.query(
          filters?.scope === 'organization' || filters?.subject_id ? filters : { ...filters, subject_id: sender },
        ),
      supersede: (id) => client.agent.memories.supersede.mutate({ id }),
    },
  };
}
