import { timingSafeEqual } from 'node:crypto';
import { AdminCommand } from '@parley/contracts/adminCommand';
import { runAdminCommand } from '@parley/core/admin/runAdminCommand';
import { AppError } from '@parley/core/appError';
import type { CoreDeps } from '@parley/core/deps';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errorHandling.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * How the CLI reaches the embedded database while the server holds it: `POST /internal/admin`
 * with a command, from loopback only, with the token the server wrote to the data directory's
 * lock file (readable only by its owner). Not registered when the database is Postgres.
 */
export function registerAdminChannel(
  app: FastifyInstance,
  opts: { deps: CoreDeps; token: string; migrate: () => Promise<string[]> },
) {
  const expected = Buffer.from(opts.token);
  app.post('/internal/admin', async (request, reply) => {
    const presented = Buffer.from(String(request.headers['x-parley-admin-token'] ?? ''));
    const tokenOk = presented.length === expected.length && timingSafeEqual(presented, expected);
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '') || !tokenOk) return sendError(request, reply, 'not_found');
    const parsed = AdminCommand.safeParse(request.body);
    if (!parsed.success)
      return sendError(request, reply, 'validation_error', parsed.error.issues[0]?.message ?? 'Invalid command');
    try {
      return { result: await runAdminCommand(opts.deps, parsed.data, opts.migrate) };
    } catch (error) {
      if (error instanceof AppError) return sendError(request, reply, error.code, error.message, error.details);
      throw error;
    }
  });
}
