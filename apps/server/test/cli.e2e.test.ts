import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './harness/serverProcess.js';

const rootVersion = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { PARLEY_DATA_DIR: dir };

describe('the parley CLI: help, version, usage', () => {
  it('prints the version of the root package.json', async () => {
    for (const flag of ['--version', '-v']) {
      const out = await runCli([flag], env);
      expect(out.code).toBe(0);
      expect(out.stdout.trim()).toBe(rootVersion);
    }
  });

  it('`parley help` and bare `parley` list every command; exit 0', async () => {
    for (const args of [['help'], [], ['--help']]) {
      const out = await runCli(args, env);
      expect(out.code, out.stderr).toBe(0);
      for (const word of ['users', 'orgs', 'keys', 'migrate', 'help', '--version', 'Exit codes']) {
        expect(out.stdout).toContain(word);
      }
    }
  });

  it('has a help page per command, by `help <cmd>` or `<cmd> --help`', async () => {
    const viaHelp = await runCli(['help', 'users', 'create'], env);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain('Usage: parley users create');
    expect(viaHelp.stdout).toContain('--handle <handle>');
    const viaFlag = await runCli(['users', 'create', '--help'], env);
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
    const limits = await runCli(['help', 'orgs', 'set-limits'], env);
    expect(limits.stdout).toContain('"default"');
    const revoke = await runCli(['keys', 'revoke', '-h'], env);
    expect(revoke.stdout).toContain('<prefix>');
    const group = await runCli(['help', 'orgs'], env);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('set-limits');
  });

  it('suggests the nearest command or option for a typo; exit 2', async () => {
    const group = await runCli(['user', 'create'], env);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain("unknown command 'user'");
    expect(group.stderr).toContain('Did you mean users?');
    const sub = await runCli(['users', 'creat'], env);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('Did you mean create?');
    const option = await runCli(['orgs', 'set-limits', '--org', 'x', '--agnets', '3'], env);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Did you mean --agents?');
    const help = await runCli(['help', 'migrat'], env);
    expect(help.code).toBe(2);
    expect(help.stderr).toContain('Did you mean migrate?');
  });

  it('answers usage mistakes with exit 2 and a message naming the option', async () => {
    const cases: [string[], string][] = [
      [['orgs', 'set-limits', '--org', 'acme', '--agents', 'many'], '--agents must be a whole number or "default"'],
      [['orgs', 'set-limits', '--org', 'acme'], 'give at least one of'],
      [['keys', 'revoke'], "missing required argument 'prefix'"],
      [['users', 'create', '--handle', 'h', '--email', 'e@x.io'], '--org is required'],
    ];
    for (const [args, message] of cases) {
      const out = await runCli(args, env);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr).toContain(message);
      expect(out.stdout).toBe('');
    }
  });
});

describe('the parley CLI against a database', () => {
  it('prints a limit left to the default as "default", and a failed command exits 1', async () => {
    const created = await runCli(['users', 'create', '--org', 'lim', '--handle', 'lim', '--email', 'l@lim.io'], env);
    expect(created.code, created.stderr).toBe(0);
    // People's output: the user, then the key on its own.
    expect(created.stdout).toContain('"handle": "lim"');
    expect(created.stdout).toMatch(/API key \(shown only now, store it safely\):\n {2}thnv_u_/);

    const human = await runCli(['orgs', 'set-limits', '--org', 'lim', '--agents', 'default', '--chats', '5'], env);
    expect(human.code, human.stderr).toBe(0);
    const shown = JSON.parse(human.stdout) as { limits: Record<string, unknown> };
    expect(shown.limits).toMatchObject({ agents: 'default', chats: 5 });
    expect(human.stdout).not.toContain('null');

    const json = await runCli(['orgs', 'set-limits', '--org', 'lim', '--messages', 'default', '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      organization: { slug: 'lim' },
      limits: { agents: 'default', chats: 5, messages: 'default' },
    });

    const missing = await runCli(['orgs', 'set-limits', '--org', 'nowhere', '--agents', '1', '--json'], env);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'not_found' } });
    expect(missing.stderr).toContain('parley: not_found:');
  });
});
