import type { CliCommand } from '../cliCommand.js';
import { required } from '../cliCommand.js';

export const usersCreate: CliCommand = {
  path: ['users', 'create'],
  summary: 'Create a user (and the organization if new); prints the user and a new API key.',
  configure: (command) =>
    command
      .option('--org <slug>', 'organization slug; created when new (required)')
      .option('--handle <handle>', "the user's handle (required)")
      .option('--email <email>', "the user's email address (required)")
      .option('--first-name <name>', 'first name')
      .option('--last-name <name>', 'last name')
      .addHelpText(
        'after',
        '\nThe API key is shown only now; with --json it is the `api_key` field.\n\n' +
          'Example:\n  parley users create --org acme --handle ada --email ada@acme.io --first-name Ada',
      ),
  toAdminCommand: (_args, options) => ({
    command: 'users.create',
    org: required(options, 'org'),
    handle: required(options, 'handle'),
    email: required(options, 'email'),
    ...(options.firstName ? { first_name: String(options.firstName) } : {}),
    ...(options.lastName ? { last_name: String(options.lastName) } : {}),
  }),
};
