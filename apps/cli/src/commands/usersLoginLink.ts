import { type CliCommand, required } from '../cliCommand.js';

export const usersLoginLink: CliCommand = {
  path: ['users', 'login-link'],
  summary: 'Print a one-time sign-in link for a person (valid 15 minutes, used once).',
  configure: (command) =>
    command
      .option('--handle <handle>', "the person's handle")
      .addHelpText(
        'after',
        '\nThe link starts with PARLEY_PUBLIC_URL, else http://HOST:PORT.\n\nExample:\n  parley users login-link --handle ada',
      ),
  toAdminCommand: (_args, options) => ({ command: 'users.login-link', handle: required(options, 'handle') }),
};
