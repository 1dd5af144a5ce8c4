import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './parseCommand.js';

describe('parseCommand', () => {
  it('parses users create', () => {
    expect(
      parseCommand([
        'users',
        'create',
        '--org',
        'acme',
        '--handle',
        'ada',
        '--email',
        'a@x.io',
        '--first-name',
        'Ada',
        '--json',
      ]),
    ).toEqual({
      json: true,
      command: { command: 'users.create', org: 'acme', handle: 'ada', email: 'a@x.io', first_name: 'Ada' },
    });
  });
  it('parses limits, with "default" as null', () => {
    expect(
      parseCommand(['orgs', 'set-limits', '--org', 'acme', '--agents', '3', '--chats', 'default']).command,
    ).toEqual({
      command: 'orgs.set-limits',
      org: 'acme',
      agents: 3,
      chats: null,
    });
  });
  it('parses keys revoke and migrate', () => {
    expect(parseCommand(['keys', 'revoke', 'thnv_u_1_abcdefgh']).command).toEqual({
      command: 'keys.revoke',
      prefix: 'thnv_u_1_abcdefgh',
    });
    expect(parseCommand(['migrate']).command).toEqual({ command: 'migrate' });
  });
  it('explains what is missing', () => {
    expect(() => parseCommand(['users', 'create', '--org', 'acme'])).toThrowError(UsageError);
    expect(() => parseCommand(['orgs', 'set-limits', '--org', 'acme', '--agents', 'many'])).toThrowError(
      /whole number/,
    );
    expect(() => parseCommand(['frobnicate'])).toThrowError(/Unknown command/);
    expect(() => parseCommand(['users', 'create', '--bogus'])).toThrowError();
  });
});
