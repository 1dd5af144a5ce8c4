import type { CliCommand } from '../cliCommand.js';

export const keysRevoke: CliCommand = {
  path: ['keys', 'revoke'],
  summary: 'Revoke the API key with this prefix (or the whole key).',
  configure: (command) =>
    command
      .argument('<prefix>', 'the key prefix (thnv_u_<seconds>_<first 8>) or the whole key')
      .addHelpText('after', '\nExample:\n  parley keys revoke thnv_u_1795968487_d6rA83kC'),
  toAdminCommand: (args) => ({ command: 'keys.revoke', prefix: args[0] ?? '' }),
};
