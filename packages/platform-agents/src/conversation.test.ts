import type { AgentMe, ChatMessage } from '@parley/sdk';
import { describe, expect, it } from 'vitest';
import { buildConversation } from './conversation.js';

const agent = { id: 'a1', name: 'Helper', handle: 'ada/helper' } as AgentMe;
const message = (sender_id: string, content: string, message_type = 'text') =>
  ({
    id: `${sender_id}-${content}`,
    sender_id,
    sender_name: sender_id === 'a1' ? 'Helper' : 'Ada',
    content,
    message_type,
  }) as ChatMessage;

describe('buildConversation', () => {
  it('puts the instructions first, then the text messages without their mention markup', () => {
    const turns = buildConversation(agent, 'Be brief.', [
      message('u1', '@ada/helper what is 2+2?'),
      message('a1', 'add(2, 2)', 'tool_call'),
      message('a1', '@ada 4.'),
      message('u1', 'thanks @ada/helper and @ada/helper-2 too'),
    ]);
    expect(turns[0]?.role).toBe('system');
    expect(turns[0]?.content).toContain('Be brief.');
    expect(turns[0]?.content).toContain('@ada/helper');
    expect(turns.slice(1)).toEqual([
      { role: 'user', content: '[Ada]: what is 2+2?' },
      { role: 'assistant', content: '4.' },
      { role: 'user', content: '[Ada]: thanks and @ada/helper-2 too' },
    ]);
  });
});
