import type { AgentMe, ChatMessage, MessageContext } from '@parley/sdk';
import type { ChatTurn } from './chatCompletions.js';

/** How much of the room's context the model sees: the latest messages, at most this many. */
export const CONTEXT_MESSAGES = 40;
/** Pages of context read at most (100 each): a very long history is cut to its latest part. */
const MAX_CONTEXT_PAGES = 20;

/** What every platform agent is told besides its owner's instructions. */
function preamble(agent: AgentMe): string {
  return [
    `You are ${agent.name} (@${agent.handle}), an AI agent in a chat room of Parley, where people and agents work together.`,
    'Messages from others reach you as "[Name]: text". Your answer is posted to the room and mentions the sender.',
    'Use the tools when they help (participants, memories, events, adding a participant); answer in plain text.',
  ].join('\n');
}

/** The room's context as the agent may read it (`/context`: its own messages and those that mention it), latest last. */
export async function readContext(context: MessageContext, current: ChatMessage): Promise<ChatMessage[]> {
  const messages: ChatMessage[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_CONTEXT_PAGES; page++) {
    const result = await context.context(cursor ? { limit: 100, cursor } : { limit: 100 });
    messages.push(...result.data);
    if (messages.length > CONTEXT_MESSAGES * 4) messages.splice(0, messages.length - CONTEXT_MESSAGES);
    const next = result.metadata.next_cursor;
    if (!result.metadata.has_more || !next) break;
    cursor = next;
  }
  // The message being answered comes last, whatever was posted after it.
  const upTo = messages.findIndex((m) => m.id === current.id);
  const earlier = upTo >= 0 ? messages.slice(0, upTo) : messages.filter((m) => m.inserted_at <= current.inserted_at);
  return [...earlier.slice(-(CONTEXT_MESSAGES - 1)), current];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text without the mention markup the room adds (`@handle ` before the words): the agent's own
 * handle in what others wrote, and the leading mentions of its own replies.
 */
function plainText(message: ChatMessage, agent: AgentMe): string {
  if (message.sender_id === agent.id) return message.content.replace(/^(@\S+\s+)+/, '');
  return message.content.replace(new RegExp(`@${escapeRegExp(agent.handle)}(?![\\w./-])\\s*`, 'g'), '').trim();
}

/** The Chat Completions conversation: instructions, then the room's text messages in order. */
export function buildConversation(agent: AgentMe, instructions: string, history: ChatMessage[]): ChatTurn[] {
  const turns: ChatTurn[] = [{ role: 'system', content: `${preamble(agent)}\n\n${instructions}` }];
  for (const message of history) {
    // Events (tool calls, thoughts) were steps of earlier answers; the answers themselves say enough.
    if (message.message_type !== 'text') continue;
    const text = plainText(message, agent);
    if (message.sender_id === agent.id) turns.push({ role: 'assistant', content: text });
    else turns.push({ role: 'user', content: `[${message.sender_name}]: ${text}` });
  }
  return turns;
}
