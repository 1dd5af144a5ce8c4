import type { CliCommand } from '../cliCommand.js';

export const migrate: CliCommand = {
  path: ['migrate'],
  summary: 'Apply pending database migrations (the server also applies them at start).',
  configure: (command) => command.addHelpText('after', '\nPrints the migrations applied (none when up to date).'),
  toAdminCommand: () => ({ command: 'migrate' }),
};
