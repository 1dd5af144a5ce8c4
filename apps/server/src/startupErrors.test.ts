import { describe, expect, it } from 'vitest';
import { checkListenHost, databaseLocation, databaseStartupError, listenStartupError } from './startupErrors.js';

const withCode = (code: string, message = '') => Object.assign(new Error(message), { code });

describe('databaseStartupError', () => {
  const url = 'postgres://parley:s3cret-pw@db.internal:6543/parley';

  it('names DATABASE_URL and the host and port, never the password', () => {
    const refused = new Error('migration failed: connect ECONNREFUSED 10.0.0.5:6543', {
      cause: withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:6543'),
    });
    const message = (databaseStartupError(url, refused) as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('db.internal:6543/parley');
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret-pw');
    expect(message).not.toContain('parley:');
  });
  it('says the server refused a login or a database that does not exist', () => {
    const message = (databaseStartupError(url, withCode('3D000', 'database "parley" does not exist')) as Error).message;
    expect(message).toMatch(/DATABASE_URL.*db\.internal:6543.*refused the connection.*does not exist/);
  });
  it('reads the first attempt of an aggregate failure (localhost has two addresses)', () => {
    const both = Object.assign(new AggregateError([withCode('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')]), {
      code: 'ECONNREFUSED',
    });
    expect((databaseStartupError('postgres://localhost/x', both) as Error).message).toContain(
      'localhost:5432/x cannot be reached (connect ECONNREFUSED ::1:5432)',
    );
  });
  it('leaves other errors alone', () => {
    const bug = new Error('migration failed (x): syntax error');
    expect(databaseStartupError(url, bug)).toBe(bug);
  });
  it('locates URLs without port or database', () => {
    expect(databaseLocation('postgresql://u:p@h')).toBe('h:5432');
  });
});

describe('listenStartupError', () => {
  it('names PORT or HOST', () => {
    expect((listenStartupError('127.0.0.1', 3000, withCode('EADDRINUSE')) as Error).message).toMatch(/^PORT=3000/);
    expect((listenStartupError('10.9.9.9', 3000, withCode('EADDRNOTAVAIL')) as Error).message).toMatch(
      /^HOST=10\.9\.9\.9/,
    );
    expect((listenStartupError('nowhere.invalid', 3000, withCode('ENOTFOUND')) as Error).message).toMatch(
      /^HOST=nowhere\.invalid/,
    );
  });
  it('checks a host name before the server starts', async () => {
    await expect(checkListenHost('nowhere.invalid')).rejects.toThrow(/^HOST=nowhere\.invalid/);
    await expect(checkListenHost('0.0.0.0')).resolves.toBeUndefined();
  });
});
