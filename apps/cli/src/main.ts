#!/usr/bin/env node
import { CommandError, executeCommand } from './executeCommand.js';
import { parseCommand, UsageError } from './parseCommand.js';
import { withPassword, withSignInUrl } from './signInCommands.js';

function printHuman(result: Record<string, unknown>) {
  const apiKey = result.api_key;
  const rest = { ...result };
  delete rest.api_key;
  process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
  if (typeof result.url === 'string') process.stdout.write(`\nSign-in link (15 minutes, once):\n  ${result.url}\n`);
  if (typeof apiKey === 'string') {
    process.stdout.write(`\nAPI key (shown only now, store it safely):\n  ${apiKey}\n`);
  }
}

/** `parley …`: operator commands; exit 0 on success, 1 on a refused command, 2 on bad usage. */
async function main() {
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError && /^Usage/.test(error.message) ? 0 : 2);
  }
  try {
    const result = withSignInUrl(await executeCommand(await withPassword(parsed.command), process.env), process.env);
    if (parsed.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else printHuman(result);
  } catch (error) {
    if (error instanceof CommandError) {
      if (parsed.json)
        process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
      process.stderr.write(`parley: ${error.code}: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`parley: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

void main();
