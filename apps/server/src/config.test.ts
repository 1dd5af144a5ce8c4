import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database', () => {
    const c = loadConfig({});
    expect(c.database.kind).toBe('pglite');
    expect(c.port).toBe(3000);
    expect(c.bodyLimit).toBe(1024 * 1024);
  });
  it('uses Postgres when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/test' }).database.kind).toBe('postgres');
  });
  it('reads "unlimited" limits', () => {
    expect(loadConfig({ PARLEY_LIMIT_AGENTS: 'unlimited' }).defaultLimits.agents).toBeNull();
  });
  it('reports every bad value by name', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', PARLEY_LIMIT_CHATS: '-1' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as Error).message;
      expect(message).toContain('PORT="abc"');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('PARLEY_LIMIT_CHATS');
    }
  });
  it('reads the database timeouts, with defaults, and refuses bad ones by name', () => {
    const url = { DATABASE_URL: 'postgres://127.0.0.1/test' };
    const d = loadConfig(url).database;
    expect(d.kind === 'postgres' && d.timeouts).toEqual({
      connectMs: 5000,
      statementMs: 10_000,
      idleInTransactionMs: 30_000,
    });
    const c = loadConfig({
      ...url,
      PARLEY_DB_CONNECT_TIMEOUT_MS: '1000',
      PARLEY_DB_STATEMENT_TIMEOUT_MS: '0',
      PARLEY_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2500',
    }).database;
    expect(c.kind === 'postgres' && c.timeouts).toEqual({ connectMs: 1000, statementMs: 0, idleInTransactionMs: 2500 });
    expect(() => loadConfig({ ...url, PARLEY_DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/PARLEY_DB_CONNECT_TIMEOUT_MS="0"/);
    expect(() => loadConfig({ ...url, PARLEY_DB_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(
      /PARLEY_DB_STATEMENT_TIMEOUT_MS="soon"/,
    );
  });
  it('accepts IP addresses and host names for HOST', () => {
    for (const host of ['0.0.0.0', '127.0.0.1', '::', '::1', 'fe80::1', 'localhost', 'api.example.com', 'db-1']) {
      expect(loadConfig({ HOST: host }).host, host).toBe(host);
    }
  });
  it('refuses an impossible HOST at once, naming it', () => {
    for (const host of ['999.1.1.1', '1.2.3', 'not a host', 'http://0.0.0.0', 'a..b', '-lead', '[::1]', 'host:3000']) {
      expect(() => loadConfig({ HOST: host }), host).toThrow(`HOST=${JSON.stringify(host)}`);
    }
  });
  it('reads the shutdown deadline', () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(10_000);
    expect(loadConfig({ PARLEY_SHUTDOWN_TIMEOUT_MS: '2500' }).shutdownTimeoutMs).toBe(2500);
    expect(() => loadConfig({ PARLEY_SHUTDOWN_TIMEOUT_MS: '-1' })).toThrow(/PARLEY_SHUTDOWN_TIMEOUT_MS="-1"/);
  });
  it('has no model provider unless PARLEY_LLM_BASE_URL is set', () => {
    expect(loadConfig({}).llm).toBeUndefined();
  });
  it('reads the model provider, the first model being the default', () => {
    const c = loadConfig({
      PARLEY_LLM_BASE_URL: 'http://127.0.0.1:11434/v1/',
      PARLEY_LLM_MODELS: ' llama3.2, qwen2.5 ,llama3.2',
      PARLEY_LLM_API_KEY: 'sk-test',
    });
    expect(c.llm).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434/v1',
      models: ['llama3.2', 'qwen2.5'],
      apiKey: 'sk-test',
      maxAttempts: 3,
    });
  });
  it('refuses a provider without models, and models without a provider', () => {
    expect(() => loadConfig({ PARLEY_LLM_BASE_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/PARLEY_LLM_MODELS/);
    expect(() => loadConfig({ PARLEY_LLM_BASE_URL: 'http://x/v1', PARLEY_LLM_MODELS: ' , ' })).toThrow(
      /PARLEY_LLM_MODELS/,
    );
    expect(() => loadConfig({ PARLEY_LLM_MODELS: 'llama3.2' })).toThrow(/PARLEY_LLM_BASE_URL/);
    expect(() => loadConfig({ PARLEY_LLM_BASE_URL: 'ftp://x', PARLEY_LLM_MODELS: 'm' })).toThrow(/PARLEY_LLM_BASE_URL/);
  });
  it('never prints the provider key in an error', () => {
    try {
      loadConfig({ PARLEY_LLM_API_KEY: '   ', PORT: 'abc' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('PARLEY_LLM_API_KEY=(hidden)');
    }
    try {
      loadConfig({ PARLEY_LLM_API_KEY: 'sk-very-secret', PORT: 'abc' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('sk-very-secret');
    }
  });
});
