import { parseArgs } from 'node:util';
import type { AdminCommand } from '@parley/contracts/adminCommand';
import { signInCommandOf } from './signInCommands.js';

export const USAGE = `Usage: parley <command> [options]

Commands:
  users create --org <slug> --handle <h> --email <e> [--first-name <n>] [--last-name <n>] [--json]
      Create a user (and the organization if new); prints the user and a new API key.
  orgs set-limits --org <slug> [--agents N] [--chats N] [--participants N] [--messages N] [--json]
      Set an organization's plan limits; N is a whole number or "default".
  keys revoke <prefix> [--json]
      Revoke the API key with this prefix (or the whole key).
  users login-link --handle <h> [--json]
      Print a one-time sign-in link for the web app (15 minutes, used once; base URL from
      PARLEY_PUBLIC_URL, else http://HOST:PORT).
  users set-password --handle <h> [--json]
      Set a user's password (typed at a hidden prompt, or piped on stdin); ends their sessions.
  migrate [--json]
      Apply pending database migrations.

The database is DATABASE_URL (PostgreSQL) or else the embedded one in PARLEY_DATA_DIR (default ./.data).
While a server holds the embedded database, the CLI sends the command to that server.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedCli {
  command: AdminCommand;
  json: boolean;
}

function limit(value: string | undefined, name: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'default') return null;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number or "default"`);
  return Number(value);
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

/** argv (without node and the script) → one operator command. */
export function parseCommand(argv: string[]): ParsedCli {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      org: { type: 'string' },
      handle: { type: 'string' },
      email: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      agents: { type: 'string' },
      chats: { type: 'string' },
      participants: { type: 'string' },
      messages: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const json = values.json ?? false;
  const [group, action, ...rest] = positionals;
  if (values.help || !group) throw new UsageError(USAGE);
  const name = action ? `${group} ${action}` : group;
  switch (name) {
    case 'users create':
      return {
        json,
        command: {
          command: 'users.create',
          org: required(values.org, 'org'),
          handle: required(values.handle, 'handle'),
          email: required(values.email, 'email'),
          ...(values['first-name'] ? { first_name: values['first-name'] } : {}),
          ...(values['last-name'] ? { last_name: values['last-name'] } : {}),
        },
      };
    case 'orgs set-limits': {
      const limits = {
        agents: limit(values.agents, 'agents'),
        chats: limit(values.chats, 'chats'),
        participants: limit(values.participants, 'participants'),
        messages: limit(values.messages, 'messages'),
      };
      if (Object.values(limits).every((v) => v === undefined)) {
        throw new UsageError('give at least one of --agents, --chats, --participants, --messages');
      }
      const set = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
      return { json, command: { command: 'orgs.set-limits', org: required(values.org, 'org'), ...set } };
    }
    case 'keys revoke': {
      const prefix = rest[0];
      if (!prefix) throw new UsageError('keys revoke needs the key prefix');
      return { json, command: { command: 'keys.revoke', prefix } };
    }
    case 'migrate':
      return { json, command: { command: 'migrate' } };
    case 'users login-link':
    case 'users set-password':
      return { json, command: signInCommandOf(name, required(values.handle, 'handle')) as AdminCommand };
    default:
      throw new UsageError(`Unknown command "${name}"\n\n${USAGE}`);
  }
}
