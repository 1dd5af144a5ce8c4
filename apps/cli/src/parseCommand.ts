import { CommanderError } from 'commander';
import { UsageError } from './cliCommand.js';
import { buildProgram, expandHelp, type ParsedCli } from './program.js';

export { UsageError };

/**
 * argv (without node and the script) → one operator command, without running it. Bad usage
 * throws a UsageError carrying commander's message (first letter capitalised, no "error:" prefix).
 */
export function parseCommand(argv: string[]): Omit<ParsedCli, 'definition'> {
  let parsed: ParsedCli | undefined;
  const program = buildProgram(
    (p) => {
      parsed = p;
    },
    { writeOut: () => {}, writeErr: () => {} },
  );
  try {
    program.parse(expandHelp(argv), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const message = error.message.replace(/^error: /, '');
      throw new UsageError(message.charAt(0).toUpperCase() + message.slice(1));
    }
    throw error;
  }
  if (!parsed) throw new UsageError('No command given');
  return { command: parsed.command, json: parsed.json };
}
