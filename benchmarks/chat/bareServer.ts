import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyReply } from 'fastify';
import type pg from 'pg';
import { SQL } from './bareSql.js';
import { floorPool, HttpError, KEY } from './floorPool.js';

/**
 * The floor: plain Fastify routes that run the same statements as Parley for sending a text
 * message and for next → processing → processed, through `pg` directly. No tRPC, no zod, no
 * Kysely; the same key check, pool size and type parsing. Started as a child process by the
 * benchmark; prints `listening <port>`.
 */
const pool = floorPool();

async function authenticate(presented: string | undefined) {
  const m = presented ? KEY.exec(presented) : null;
  if (!presented || !m) throw new HttpError(401, 'unauthorized');
  const prefix = `thnv_${m[1]}_${m[2]}_${(m[3] as string).slice(0, 8)}`;
  const { rows } = await pool.query(SQL.keyByPrefix, [prefix]);
  const row = rows[0];
  const hash = createHash('sha256').update(presented).digest();
  if (!row || row.revoked_at !== null || !timingSafeEqual(hash, Buffer.from(row.secret_hash, 'hex'))) {
    throw new HttpError(401, 'unauthorized');
  }
  return row as { principal_id: string; kind: 'user' | 'agent'; organization_id: string };
}

async function membership(roomId: string, principalId: string) {
  const { rows } = await pool.query(SQL.membership, [roomId, principalId]);
  if (!rows[0]) throw new HttpError(404, 'not_found');
  return rows[0] as { role: string; organization_id: string };
}

async function inTransaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await run(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const app = Fastify({ logger: false });
app.setErrorHandler((error, _request, reply: FastifyReply) => {
  const status = error instanceof HttpError ? error.status : 500;
  return reply.code(status).send({ error: { code: error instanceof HttpError ? error.code : 'internal_error' } });
});

interface SendBody {
  message: { content: string; mentions: { id: string }[] };
}

/** One outbox row, as Parley's `appendOutboxRows` writes it (rows as a JSON array). */
async function appendOutbox(
  client: pg.PoolClient,
  row: { type: string; organization_id: string; chat_room_id: string; payload: unknown },
) {
  const json = JSON.stringify([{ ...row, recipient_id: null, audience: null }]);
  await client.query(SQL.appendOutbox, [json]);
}

/** What Parley's `recordMessageEvent` does in the writing transaction: read the view, append to the outbox. */
async function publishMessageEvent(client: pg.PoolClient, type: string, messageId: string, organizationId: string) {
  const { rows } = await client.query(SQL.messageView, [messageId]);
  const [deliveries, attempts] = await Promise.all([
    client.query(SQL.allDeliveriesOf, [[messageId]]),
    client.query(SQL.allAttemptsOf, [[messageId]]),
  ]);
  const { seq: _seq, ...message } = rows[0];
  const deliveryStatus = Object.fromEntries(
    deliveries.rows.map((d) => [
      d.agent_id,
      { ...d, attempts: attempts.rows.filter((a) => a.agent_id === d.agent_id) },
    ]),
  );
  const payload =
    message.message_type === 'text'
      ? { ...message, metadata: { ...message.metadata, delivery_status: deliveryStatus } }
      : message;
  await appendOutbox(client, { type, organization_id: organizationId, chat_room_id: message.chat_room_id, payload });
}

app.post<{ Params: { chat_id: string }; Body: SendBody }>(
  '/bare/me/chats/:chat_id/messages',
  async (request, reply) => {
    const caller = await authenticate(request.headers['x-api-key'] as string | undefined);
    const roomId = request.params.chat_id;
    const participants = await pool.query(SQL.participants, [roomId]);
    const sender = participants.rows.find((p) => p.id === caller.principal_id);
    if (!sender) throw new HttpError(404, 'not_found');
    const { content, mentions } = request.body.message;
    const target = participants.rows.find((p) => p.id === mentions[0]?.id);
    if (!target) throw new HttpError(422, 'mentioned_participant_not_in_room');
    const mention = { id: target.id, handle: target.handle, name: target.name, kind: 'mention' };
    const stored = content.includes(`@${target.handle}`) ? content : `@${target.handle} ${content}`;
    const agents: string[] = target.type === 'Agent' ? [target.id] : [];
    const metadata = { mentions: [mention], status: agents.length > 0 ? 'delivered' : 'sent' };
    const messageId = await inTransaction(async (client) => {
      await client.query(SQL.organization, [sender.room_organization_id]);
      await client.query(SQL.reserveUnlimited, [roomId, 'messages', 1]);
      const inserted = await client.query(SQL.insertMessageWithDeliveries, [
        roomId,
        caller.principal_id,
        'User',
        stored,
        JSON.stringify(metadata),
        roomId,
        agents,
      ]);
      const row = inserted.rows[0];
      // As Parley's publishNewMessage: the payload is built from what is known, not read back.
      const deliveryStatus = Object.fromEntries(
        agents.map((id) => [
          id,
          { status: 'delivered', current_attempt: 0, delivered_at: row.inserted_at, processed_at: null, attempts: [] },
        ]),
      );
      const payload = {
        id: row.id,
        chat_room_id: roomId,
        sender_id: caller.principal_id,
        sender_type: 'User',
        message_type: 'text',
        content: stored,
        metadata: { ...metadata, delivery_status: deliveryStatus },
        inserted_at: row.inserted_at,
        updated_at: row.updated_at,
        sender_name: sender.name,
      };
      await appendOutbox(client, {
        type: 'message_created',
        organization_id: sender.room_organization_id,
        chat_room_id: roomId,
        payload,
      });
      return row.id as string;
    });
    return reply.code(201).send({
      data: { id: messageId, success: true, recipients: [{ id: target.id, handle: target.handle, name: target.name }] },
    });
  },
);

app.get('/bare/agent/me', async (request) => {
  const caller = await authenticate(request.headers['x-api-key'] as string | undefined);
  if (caller.kind !== 'agent') throw new HttpError(401, 'unauthorized');
  const { rows } = await pool.query(SQL.agentById, [caller.principal_id]);
  const agent = rows[0];
  if (!agent || agent.organization_id !== caller.organization_id) throw new HttpError(404, 'not_found');
  return {
    data: {
      id: agent.id,
      name: agent.name,
      handle: agent.handle,
      description: agent.description,
      owner_uuid: agent.owner_id,
      listed_in_directory: agent.listed_in_directory,
      tags: agent.tags,
      inserted_at: agent.inserted_at,
      updated_at: agent.updated_at,
    },
  };
});

app.get<{ Params: { chat_id: string } }>('/bare/agent/chats/:chat_id/messages/next', async (request, reply) => {
  const caller = await authenticate(request.headers['x-api-key'] as string | undefined);
  const roomId = request.params.chat_id;
  const agentId = caller.principal_id;
  const { rows } = await pool.query(SQL.next, [agentId, roomId, 'processed', roomId, agentId, 1]);
  const row = rows[0];
  if (!row) {
    await membership(roomId, agentId);
    return reply.code(204).send();
  }
  const { seq: _seq, delivery_status, current_attempt, delivered_at, processed_at, ...message } = row;
  const attempts = current_attempt > 0 ? (await pool.query(SQL.attemptsOf, [[message.id], agentId])).rows : [];
  const delivery = { status: delivery_status, current_attempt, delivered_at, processed_at, attempts };
  return { data: { ...message, metadata: { ...message.metadata, delivery_status: { [agentId]: delivery } } } };
});

type MarkParams = { Params: { chat_id: string; id: string } };

app.post<MarkParams>('/bare/agent/chats/:chat_id/messages/:id/processing', async (request) => {
  const caller = await authenticate(request.headers['x-api-key'] as string | undefined);
  const { chat_id: roomId, id } = request.params;
  const member = await membership(roomId, caller.principal_id);
  const attempt = await inTransaction(async (client) => {
    const bumped = await client.query(SQL.bumpAttempt, ['processing', null, id, caller.principal_id, roomId]);
    const n = bumped.rows[0]?.current_attempt as number | undefined;
    if (n === undefined) throw new HttpError(404, 'not_found');
    await client.query(SQL.startAttempt, [
      'failed',
      `abandoned: attempt ${n} started`,
      id,
      caller.principal_id,
      'processing',
      n,
      id,
      caller.principal_id,
      n,
      'processing',
    ]);
    await publishMessageEvent(client, 'message_updated', id, member.organization_id);
    return n;
  });
  return { data: { id, status: 'processing', attempt_number: attempt, success: true } };
});

app.post<MarkParams>('/bare/agent/chats/:chat_id/messages/:id/processed', async (request) => {
  const caller = await authenticate(request.headers['x-api-key'] as string | undefined);
  const { chat_id: roomId, id } = request.params;
  const member = await membership(roomId, caller.principal_id);
  const attempt = await inTransaction(async (client) => {
    const done = await client.query(SQL.finishDelivery, ['processed', id, caller.principal_id, roomId, 'processing']);
    const n = done.rows[0]?.current_attempt as number | undefined;
    if (n === undefined) throw new HttpError(422, 'validation_error');
    await client.query(SQL.finishAttempt, ['success', null, id, caller.principal_id, n]);
    await publishMessageEvent(client, 'message_updated', id, member.organization_id);
    return n;
  });
  return { data: { id, status: 'processed', attempt_number: attempt, success: true } };
});

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${new URL(address).port}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
