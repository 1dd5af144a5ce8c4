import type { AdminCommand } from '@parley/contracts/adminCommand';
import type { AdminResult } from '@parley/core/admin/runAdminCommand';
import type { Command } from 'commander';

/** A usage mistake (a missing or malformed option): exit code 2, with a message naming the option. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * One `parley` command, defined in a file of its own (`commands/<group><Name>.ts`) and listed in
 * `commands/index.ts`. It declares its arguments and options, turns what was typed into an operator
 * command, and may shape the result for people.
 */
export interface CliCommand {
  /** `['users', 'create']` is `parley users create`; `['migrate']` is `parley migrate`. */
  path: [string] | [string, string];
  /** One line, shown in `parley help`. */
  summary: string;
  /** Arguments, options and extra help text (every command also gets `--json`). */
  configure(command: Command): void;
  /** The parsed arguments (`args`, positional) and options → the command to run. Throws UsageError. */
  toAdminCommand(args: string[], options: Record<string, unknown>): AdminCommand;
  /** The result as printed (both as JSON and for people); the result itself by default. */
  present?(result: AdminResult): AdminResult;
}

/** `--name`'s value, or a UsageError saying it is required. */
export function required(options: Record<string, unknown>, name: string): string {
  const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const value = options[key];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
