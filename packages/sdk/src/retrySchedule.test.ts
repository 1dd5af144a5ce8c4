import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './parleyRouter.js';
import { RetrySchedule } from './retrySchedule.js';

const AGENT = 'a1';
function message(id: string, delivery?: { status: string; current_attempt: number }): ChatMessage {
  return {
    id,
    chat_room_id: 'r1',
    content: 'hi',
    message_type: 'text',
    sender_id: 'u1',
    sender_type: 'User',
    sender_name: 'U',
    metadata: delivery ? { delivery_status: { [AGENT]: delivery } } : {},
    inserted_at: '',
    updated_at: '',
  };
}

describe('RetrySchedule', () => {
  const schedule = () => new RetrySchedule({ maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 });

  it('defers a failed message with a growing delay, then gives up', () => {
    const s = schedule();
    const m = message('m1');
    expect(s.failed(m, 1, 0)).toBe('retry');
    const first = s.readiness(m, AGENT, 0);
    expect(first.ready).toBe(false);
    const at1 = (first as { at: number }).at;
    expect(at1).toBeGreaterThanOrEqual(500);
    expect(at1).toBeLessThanOrEqual(1_000);
    expect(s.nextAttemptAt('r1')).toBe(at1);
    expect(s.readiness(m, AGENT, at1)).toEqual({ ready: true });
    expect(s.failed(m, 2, 0)).toBe('retry');
    expect((s.readiness(m, AGENT, 0) as { at: number }).at).toBeGreaterThanOrEqual(1_000);
    expect(s.failed(m, 3, 0)).toBe('give_up');
    expect(s.readiness(m, AGENT, Number.MAX_SAFE_INTEGER)).toEqual({ ready: false, at: undefined });
    expect(s.nextAttemptAt('r1')).toBeUndefined();
  });

  it('after a restart, retries a failed message at once unless its attempts are used up', () => {
    const s = schedule();
    expect(s.readiness(message('m1', { status: 'failed', current_attempt: 1 }), AGENT)).toEqual({ ready: true });
    expect(s.readiness(message('m2', { status: 'processing', current_attempt: 5 }), AGENT)).toEqual({ ready: true });
    expect(s.readiness(message('m3', { status: 'failed', current_attempt: 3 }), AGENT)).toEqual({
      ready: false,
      at: undefined,
    });
  });

  it('forgets successes and rooms left', () => {
    const s = schedule();
    s.failed(message('m1'), 1, 0);
    s.succeeded('m1');
    expect(s.readiness(message('m1'), AGENT, 0)).toEqual({ ready: true });
    s.failed(message('m2'), 1, 0);
    s.forgetRoom('r1');
    expect(s.nextAttemptAt('r1')).toBeUndefined();
  });
});
