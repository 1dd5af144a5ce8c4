import { randomBytes } from 'node:crypto';
import type { ChatMessage, HumanClient } from '../../src/index.js';

export interface TestAgent {
  id: string;
  name: string;
  key: string;
}

/** An agent of the owner's, registered through the Human API. */
export async function registerAgent(owner: HumanClient, name = `Bot ${randomBytes(2).toString('hex')}`) {
  const { data } = await owner.human.agents.register.mutate({ agent: { name, description: 'SDK test agent' } });
  return { id: data.agent.id, name: data.agent.name, key: data.credentials.api_key } satisfies TestAgent;
}

/** A room of the owner's with these agents in it. */
export async function roomWith(owner: HumanClient, agents: { id: string }[], title = 'SDK room'): Promise<string> {
  const { data: room } = await owner.human.chats.create.mutate({ chat: { title } });
  for (const agent of agents) {
    await owner.human.chats.addParticipant.mutate({ chat_id: room.id, participant: { participant_id: agent.id } });
  }
  return room.id;
}

/** Sends a text message mentioning `agent`; resolves to its id. */
export async function mention(owner: HumanClient, roomId: string, agent: { id: string }, content: string) {
  const sent = await owner.human.chats.sendMessage.mutate({
    chat_id: roomId,
    message: { content, mentions: [{ id: agent.id }] },
  });
  return sent.data.id;
}

/** The room's messages as the owner sees them, oldest first, with every agent's delivery state. */
export async function roomMessages(owner: HumanClient, roomId: string): Promise<ChatMessage[]> {
  const page = await owner.human.chats.listMessages.query({ chat_id: roomId, page_size: 100 });
  return [...page.data].reverse() as ChatMessage[];
}

export interface DeliveryState {
  status: string;
  current_attempt: number;
  attempts: { attempt_number: number; status: string; error: string | null }[];
}

/** One agent's processing state of a message. */
export function deliveryOf(message: ChatMessage | undefined, agentId: string): DeliveryState | undefined {
  const statuses = message?.metadata.delivery_status as Record<string, DeliveryState> | undefined;
  return statuses?.[agentId];
}

/** Polls until `check` passes (or returns a value), or fails with `what`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
