import { buildServer } from './buildServer.js';
import { ConfigError, loadConfig } from './config.js';
import { checkListenHost } from './startupErrors.js';
import { parleyVersion } from './version.js';

/** `pnpm start`: the server from environment variables, stopped cleanly on SIGTERM or SIGINT. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  await checkListenHost(config.host);
  const server = await buildServer({ config });
  // Handlers first: a SIGTERM that arrives as soon as the banner is out must not be missed.
  // The first signal stops gracefully (in-flight requests finish, sockets close with 1001, streams
  // end with a reason) within `shutdownTimeoutMs`; past it, or at a second signal, the process
  // exits at once with code 1, whatever still hangs (docs/shutdown.md).
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      server.app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    server.app.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    const deadline = setTimeout(() => {
      server.app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown deadline passed: exiting now');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    server.stop().then(
      () => {
        clearTimeout(deadline);
        process.exit(0);
      },
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  const address = await server.start();
  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite in ${config.database.dataDir}`;
  // One write, so whoever watches for the banner also has the demo key.
  let banner = `Parley ${parleyVersion} listening on ${address} (database: ${where}); docs at ${address}/docs\n`;
  if (server.demo) {
    banner +=
      `\nFirst start: created organization "demo" and user "${server.demo.handle}".\n` +
      `Its API key (shown only now):\n\n  ${server.demo.apiKey}\n\n` +
      `Try: curl -H "X-API-Key: ${server.demo.apiKey}" ${address}/api/v1/me/profile\n\n` +
      `Open the web app signed in as "${server.demo.handle}" (link valid 15 minutes, once):\n\n` +
      `  ${address}${server.demo.signInPath}\n\n`;
  }
  process.stdout.write(banner);
}

main().catch((error: unknown) => {
  process.stderr.write(`Parley failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
