import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logging.js';

describe('loggerOptions', () => {
  it('writes JSON lines when stdout is not a terminal', () => {
    const options = loggerOptions('info', { pretty: false }) as Record<string, unknown>;
    expect(options.transport).toBeUndefined();
    expect(options.level).toBe('info');
  });

  it('pretty-prints in colour through pino-pretty on a terminal, found by path', () => {
    const options = loggerOptions('debug', { pretty: true }) as {
      transport: { target: string; options: { colorize: boolean } };
    };
    expect(options.transport.target).toMatch(/pino-pretty/);
    expect(existsSync(options.transport.target)).toBe(true);
    expect(options.transport.options.colorize).toBe(true);
  });

  it('sends JSON to a given stream, whatever the terminal', () => {
    const stream = { write: () => {} };
    const options = loggerOptions('info', { pretty: true, stream }) as Record<string, unknown>;
    expect(options.stream).toBe(stream);
    expect(options.transport).toBeUndefined();
  });
});
