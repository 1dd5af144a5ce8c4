import type { CliCommand } from '../cliCommand.js';
import { keysRevoke } from './keysRevoke.js';
import { migrate } from './migrate.js';
import { orgsSetLimits } from './orgsSetLimits.js';
import { usersCreate } from './usersCreate.js';
import { usersLoginLink } from './usersLoginLink.js';
import { usersSetPassword } from './usersSetPassword.js';

/** Every `parley` command, in the order `parley help` lists them. A new command: a file, and a line here. */
export const cliCommands: CliCommand[] = [
  usersCreate,
  usersLoginLink,
  usersSetPassword,
  orgsSetLimits,
  keysRevoke,
  migrate,
];
