import { type CliCommand, required } from '../cliCommand.js';

export const usersSetPassword: CliCommand = {
  path: ['users', 'set-password'],
  summary: "Set a person's password (typed at a hidden prompt, or piped on stdin); ends their other sessions.",
  configure: (command) =>
    command
      .option('--handle <handle>', "the person's handle")
      .addHelpText('after', '\nExample:\n  parley users set-password --handle ada'),
  // The password is read afterwards (withPassword), never from the command line.
  toAdminCommand: (_args, options) => ({
    command: 'users.set-password',
    handle: required(options, 'handle'),
    password: '',
  }),
};
