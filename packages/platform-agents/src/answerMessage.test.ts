import type { PlatformAgentRow } from '@parley/db/repositories/platformAgents';
import type { ChatMessage, MessageContext } from '@parley/sdk';
import { describe, expect, it } from 'vitest';
import { answerMessage } from './answerMessage.js';

const message = {
  id: '00000000-0000-4000-8000-000000000001',
  chat_room_id: '00000000-0000-4000-8000-000000000002',
  content: 'hello',
  message_type: 'text',
  sender_id: '00000000-0000-4000-8000-000000000003',
  sender_type: 'User',
  sender_name: 'Ada',
  metadata: {},
  inserted_at: '2026-01-01T00:00:00.000000Z',
  updated_at: '2026-01-01T00:00:00.000000Z',
} as ChatMessage;

/** A message context that records what the handler posts; `stop` aborts its signal. */
function recordingContext() {
  const stop = new AbortController();
  const posted: string[] = [];
  const context = {
    agent: { id: 'a', name: 'Helper', handle: 'o/helper' },
    signal: stop.signal,
    context: async () => ({ data: [message], metadata: { has_more: false, next_cursor: null } }),
    reply: async (text: string) => {
      posted.push(`reply: ${text}`);
      return { data: { id: 'reply-id' } };
    },
    event: async (type: string) => {
      posted.push(`event: ${type}`);
      throw new Error('the server is closing');
    },
  } as unknown as MessageContext;
  return { context, stop, posted };
}

const settings = {
  model: 'm',
  instructions: 'x',
  temperature: null,
  top_p: null,
  max_tokens: null,
} as PlatformAgentRow;

describe('answerMessage when its loop stops it', () => {
  it('posts no reply once stopped, even when the model answered just before', async () => {
    const { context, stop, posted } = recordingContext();
    const answering = answerMessage(
      {
        settings: async () => settings,
        complete: async () => {
          // The model's answer arrives just as the instance stops running the agent.
          stop.abort(new Error('the lease was lost'));
          return { content: 'late answer', toolCalls: [], usage: undefined };
        },
      },
      message,
      context,
    );
    await expect(answering).rejects.toThrow('the lease was lost');
    expect(posted).toEqual([]);
  });

  it('does not fail an answered message when only its token usage event fails', async () => {
    const { context, posted } = recordingContext();
    const warnings: string[] = [];
    await answerMessage(
      {
        settings: async () => settings,
        complete: async () => ({ content: 'the answer', toolCalls: [], usage: undefined }),
        warn: (_error, what) => warnings.push(what),
      },
      message,
      context,
    );
    expect(posted).toEqual(['reply: the answer', 'event: task']);
    expect(warnings).toHaveLength(1);
  });
});
