#!/usr/bin/env node
import type { AdminResult } from '@parley/core/admin/runAdminCommand';
import { CommandError, executeCommand } from './executeCommand.js';
import { buildProgram, CommanderError, exitCodeOf, expandHelp, type ParsedCli } from './program.js';
import { withPassword, withSignInUrl } from './signInCommands.js';

function printHuman(result: AdminResult) {
  const apiKey = result.api_key;
  const rest = { ...result };
  delete rest.api_key;
  process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
  if (typeof result.url === 'string') process.stdout.write(`\nSign-in link (15 minutes, once):\n  ${result.url}\n`);
  if (typeof apiKey === 'string') {
    process.stdout.write(`\nAPI key (shown only now, store it safely):\n  ${apiKey}\n`);
  }
}

async function run(parsed: ParsedCli) {
  try {
    const raw = withSignInUrl(await executeCommand(await withPassword(parsed.command), process.env), process.env);
    const result = parsed.definition.present ? parsed.definition.present(raw) : raw;
    if (parsed.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else printHuman(result);
  } catch (error) {
    if (error instanceof CommandError) {
      if (parsed.json)
        process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
      process.stderr.write(`parley: ${error.code}: ${error.message}\n`);
    } else {
      process.stderr.write(`parley: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  }
}

/** `parley …`: operator commands; exit 0 on success, 1 when a command fails, 2 on bad usage. */
async function main() {
  const program = buildProgram(run, {
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
  });
  const argv = expandHelp(process.argv.slice(2));
  // Bare `parley` shows what it can do.
  if (argv.length === 0) {
    program.outputHelp();
    return;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = exitCodeOf(error);
      return;
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`parley: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
