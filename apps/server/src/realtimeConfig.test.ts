import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('realtime configuration', () => {
  it('defaults to the vendor’s 45 s idle timeout and a 7-day resume window', () => {
    expect(loadConfig({}).realtime).toEqual({
      retentionDays: 7,
      socketIdleTimeoutMs: 45_000,
      socketBufferBytes: 4 * 1024 * 1024,
      streamBufferEvents: 1000,
      pollMs: 2000,
      socketRecheckMs: 60_000,
      tailIdleMs: 30_000,
      activityTtlMs: 10_000,
      activitySweepMs: 1000,
      contactExpirySweepMs: 60_000,
    });
  });

  it('reads each variable', () => {
    const c = loadConfig({
      PARLEY_EVENT_RETENTION_DAYS: '30',
      PARLEY_SOCKET_IDLE_TIMEOUT_MS: '500',
      PARLEY_SOCKET_BUFFER_BYTES: '65536',
      PARLEY_STREAM_BUFFER_EVENTS: '10',
      PARLEY_EVENT_POLL_MS: '100',
      PARLEY_SOCKET_RECHECK_MS: '250',
      PARLEY_EVENT_TAIL_IDLE_MS: '1000',
      PARLEY_ACTIVITY_TTL_MS: '1500',
      PARLEY_ACTIVITY_SWEEP_MS: '100',
      PARLEY_CONTACT_EXPIRY_SWEEP_MS: '250',
    });
    expect(c.realtime).toEqual({
      retentionDays: 30,
      socketIdleTimeoutMs: 500,
      socketBufferBytes: 65_536,
      streamBufferEvents: 10,
      pollMs: 100,
      socketRecheckMs: 250,
      tailIdleMs: 1000,
      activityTtlMs: 1500,
      activitySweepMs: 100,
      contactExpirySweepMs: 250,
    });
  });

  it('refuses values out of range, naming each variable', () => {
    try {
      loadConfig({
        PARLEY_EVENT_RETENTION_DAYS: '0',
        PARLEY_SOCKET_IDLE_TIMEOUT_MS: 'soon',
        PARLEY_SOCKET_BUFFER_BYTES: '10',
        PARLEY_EVENT_TAIL_IDLE_MS: '5',
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as Error).message;
      expect(message).toContain('PARLEY_EVENT_RETENTION_DAYS="0"');
      expect(message).toContain('PARLEY_SOCKET_IDLE_TIMEOUT_MS="soon"');
      expect(message).toContain('PARLEY_SOCKET_BUFFER_BYTES="10"');
      expect(message).toContain('PARLEY_EVENT_TAIL_IDLE_MS="5"');
    }
  });
});
