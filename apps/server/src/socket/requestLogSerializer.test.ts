import { describe, expect, it } from 'vitest';
import { redactUrl } from './requestLogSerializer.js';

describe('redactUrl', () => {
  it('masks the socket key in the query string and keeps the rest', () => {
    expect(redactUrl('/api/v1/socket/websocket?vsn=2.0.0&api_key=thnv_u_1_secret&agent_id=a1')).toBe(
      '/api/v1/socket/websocket?vsn=2.0.0&api_key=[redacted]&agent_id=a1',
    );
    expect(redactUrl('/api/v1/socket/websocket?API_KEY=thnv_a_2_x')).toBe(
      '/api/v1/socket/websocket?API_KEY=[redacted]',
    );
    expect(redactUrl('/api/v1/me/profile')).toBe('/api/v1/me/profile');
  });
});
