import type { CliCommand } from '../cliCommand.js';
import { required, UsageError } from '../cliCommand.js';

const LIMITS = ['agents', 'chats', 'participants', 'messages'] as const;

function limit(value: unknown, name: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'default') return null;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    throw new UsageError(`--${name} must be a whole number or "default"`);
  }
  return Number(value);
}

export const orgsSetLimits: CliCommand = {
  path: ['orgs', 'set-limits'],
  summary: 'Set an organization\'s plan limits; each is a whole number or "default".',
  configure: (command) =>
    command
      .option('--org <slug>', 'organization slug (required)')
      .option('--agents <n>', 'agents in the organization')
      .option('--chats <n>', 'chat rooms in the organization')
      .option('--participants <n>', 'participants per room')
      .option('--messages <n>', 'messages per room')
      .addHelpText(
        'after',
        '\n"default" goes back to the server\'s default (PARLEY_LIMIT_*). Give at least one limit.\n\n' +
          'Example:\n  parley orgs set-limits --org acme --agents 10 --chats default',
      ),
  toAdminCommand: (_args, options) => {
    const set: Record<string, number | null> = {};
    for (const name of LIMITS) {
      const value = limit(options[name], name);
      if (value !== undefined) set[name] = value;
    }
    if (Object.keys(set).length === 0) {
      throw new UsageError('give at least one of --agents, --chats, --participants, --messages');
    }
    return { command: 'orgs.set-limits', org: required(options, 'org'), ...set };
  },
  // A limit left to the server's default is stored as null; say "default", the word it was set with.
  present: (result) => {
    const limits = result.limits as Record<string, number | null> | undefined;
    if (!limits) return result;
    return { ...result, limits: Object.fromEntries(Object.entries(limits).map(([k, v]) => [k, v ?? 'default'])) };
  },
};
