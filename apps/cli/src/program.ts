import type { AdminCommand } from '@parley/contracts/adminCommand';
import { Command, CommanderError } from 'commander';
import type { CliCommand } from './cliCommand.js';
import { UsageError } from './cliCommand.js';
import { cliCommands } from './commands/index.js';
import { parleyVersion } from './version.js';

/** What the command line asked for: the operator command, how to print its result, and how. */
export interface ParsedCli {
  command: AdminCommand;
  json: boolean;
  definition: CliCommand;
}

export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/** What each group of commands is about, in `parley help`. */
const GROUPS: Record<string, string> = {
  users: 'people: create users and their API keys',
  orgs: 'organizations: plan limits',
  keys: 'API keys: revoke',
};

const FOOTER = `
The database is DATABASE_URL (PostgreSQL) or else the embedded one in PARLEY_DATA_DIR (default ./.data).
While a server holds the embedded database, the CLI sends the command to that server.

Exit codes: 0 done, 1 the command failed (the reason is printed), 2 bad usage.`;

/**
 * The `parley` command line on commander: a help page per command, `parley help [command]`,
 * `--version`, suggestions for mistyped commands and options. Parsing ends in `onCommand` with the
 * operator command; running it is the caller's business (so parsing is testable on its own).
 * Usage mistakes throw a CommanderError whose exitCode is 2; help and version, exitCode 0.
 */
export function buildProgram(onCommand: (parsed: ParsedCli) => void | Promise<void>, output: ProgramOutput) {
  const program = new Command('parley')
    .description('Operator commands for a Parley server and its database.')
    .version(parleyVersion, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command...]', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureOutput(output)
    .addHelpText('after', FOOTER)
    .exitOverride();

  const groups = new Map<string, Command>();
  for (const definition of cliCommands) {
    const [first, second] = definition.path;
    let parent = program;
    if (second) {
      let group = groups.get(first);
      if (!group) {
        group = program
          .command(first)
          .description(GROUPS[first] ?? `${first} commands`)
          .helpOption('-h, --help', 'show help')
          .helpCommand(false)
          .showSuggestionAfterError(true)
          .configureOutput(output)
          .exitOverride();
        groups.set(first, group);
      }
      parent = group;
    }
    const command = parent
      .command(second ?? first)
      .description(definition.summary)
      .helpOption('-h, --help', 'show help')
      .option('--json', 'print the result as one JSON object')
      .showSuggestionAfterError(true)
      .configureOutput(output)
      .exitOverride();
    definition.configure(command);
    // Not async: a usage error must throw while commander parses, not reject later.
    command.action((...received: unknown[]) => {
      // commander passes the positional arguments, then the options, then the command itself.
      const args = received.slice(0, -2).map(String);
      const options = command.opts<Record<string, unknown>>();
      let adminCommand: AdminCommand;
      try {
        adminCommand = definition.toAdminCommand(args, options);
      } catch (error) {
        if (error instanceof UsageError)
          command.error(`error: ${error.message}`, { exitCode: 2, code: 'parley.usage' });
        throw error;
      }
      return onCommand({ command: adminCommand, json: options.json === true, definition });
    });
  }
  return program;
}

/**
 * `parley help users create` is `parley users create --help` (commander's help command takes one
 * name). A name that is no command is passed on without `--help`, so that commander reports it as
 * unknown, with a suggestion, instead of showing the nearest help page.
 */
export function expandHelp(argv: string[]): string[] {
  if (argv[0] !== 'help' || argv.length < 2) return argv;
  const asked = argv.slice(1);
  const known = cliCommands.some(
    (c) => c.path[0] === asked[0] && (asked.length === 1 || (asked.length === 2 && c.path[1] === asked[1])),
  );
  return known ? [...asked, '--help'] : asked;
}

/** Exit code of a CommanderError: 0 for help and version, 2 for every usage mistake. */
export function exitCodeOf(error: CommanderError): number {
  if (
    error.code === 'commander.helpDisplayed' ||
    error.code === 'commander.version' ||
    error.code === 'commander.help'
  ) {
    return 0;
  }
  return 2;
}

export { CommanderError };
