import type { AdminCommand } from '@parley/contracts/adminCommand';

// What `parley users login-link` and `parley users set-password` need around the operator command:
// the password prompt and the printed link (the commands themselves run in core like every other).

/** Fills in the password of `users set-password`: typed at a hidden prompt, or piped on stdin. */
export async function withPassword(command: AdminCommand): Promise<AdminCommand> {
  if (command.command !== 'users.set-password') return command;
  return { ...command, password: await readPassword() };
}

async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  }
  process.stderr.write('New password (not shown): ');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chars: string) => {
      for (const c of chars) {
        if (c === '\r' || c === '\n') {
          finish();
          return resolve(typed);
        }
        if (c === '\u0003') {
          finish();
          return reject(new Error('cancelled'));
        }
        typed = c === '\u007f' ? typed.slice(0, -1) : typed + c;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** Adds the full sign-in URL to a login-link result: `PARLEY_PUBLIC_URL`, else this machine's server. */
export function withSignInUrl(
  result: Record<string, unknown>,
  env: Record<string, string | undefined>,
): Record<string, unknown> {
  if (typeof result.path !== 'string') return result;
  const base = (env.PARLEY_PUBLIC_URL || `http://${env.HOST || '127.0.0.1'}:${env.PORT || '3000'}`).replace(/\/$/, '');
  return { ...result, url: `${base}${result.path}` };
}
