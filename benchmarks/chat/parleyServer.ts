import { buildServer } from '@parley/server/buildServer';
import { loadConfig } from '@parley/server/config';

/**
 * Parley itself, as it runs in production (REST and native tRPC on one Fastify), over the
 * benchmark's database. Started as a child process by the benchmark; prints `listening <port>`.
 */
const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  PARLEY_SEED_DEMO: 'false',
  PARLEY_RATE_LIMIT_MAX: '1000000',
  PARLEY_LIMIT_MESSAGES: 'unlimited',
});
const server = await buildServer({ config, logger: false });
const address = await server.start();
process.stdout.write(`listening ${new URL(address).port}\n`);
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
