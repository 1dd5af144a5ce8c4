import type { Database } from '@parley/db/database';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

/** `/healthz`: the process answers (with its version). `/readyz`: it can reach its database. */
export function registerHealth(app: FastifyInstance, db: Database, version: string) {
  app.get('/healthz', async () => ({ status: 'ok', version }));
  app.get('/readyz', async (request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({
        status: 'unavailable',
        error: { code: 'service_unavailable', message: 'Database unreachable', request_id: request.id },
      });
    }
  });
}
