import { createHash } from 'node:crypto';
import Fastify, { type FastifyReply } from 'fastify';
import { floorPool, HttpError, KEY } from './floorPool.js';
import { MIN_SQL } from './minimalSql.js';

/**
 * The minimal floor: bare Fastify 5 + `pg`, no ORM, no validation, the least SQL that gives the
 * same REST answers as Parley for the measured calls (`minimalSql.ts`): the key check is one
 * statement, each read or lifecycle call one more, a send one transaction of four. Same pool size and type parsing as Parley. Started as a child
 * process by `pnpm bench:floor`; prints `listening <port>`.
 */
const pool = floorPool();

interface KeyRow {
  principal_id: string;
  kind: 'user' | 'agent';
  handle: string;
  name: string | null;
  description: string | null;
  owner_id: string | null;
  listed_in_directory: boolean | null;
  tags: string[] | null;
  inserted_at: string | null;
  updated_at: string | null;
}

async function authenticate(presented: string | undefined): Promise<KeyRow> {
  const m = presented ? KEY.exec(presented) : null;
  if (!presented || !m) throw new HttpError(401, 'unauthorized');
  const prefix = `thnv_${m[1]}_${m[2]}_${(m[3] as string).slice(0, 8)}`;
  const hash = createHash('sha256').update(presented).digest('hex');
  const { rows } = await pool.query<KeyRow>({ name: 'min_key', text: MIN_SQL.key, values: [prefix, hash] });
  const row = rows[0];
  if (!row) throw new HttpError(401, 'unauthorized');
  return row;
}

function agentOf(row: KeyRow): KeyRow {
  if (row.kind !== 'agent' || !row.owner_id) throw new HttpError(401, 'unauthorized');
  return row;
}

const app = Fastify({ logger: false });
app.setErrorHandler((error, _request, reply: FastifyReply) => {
  const status = error instanceof HttpError ? error.status : 500;
  return reply.code(status).send({ error: { code: error instanceof HttpError ? error.code : 'internal_error' } });
});

app.get('/min/agent/me', async (request) => {
  const agent = agentOf(await authenticate(request.headers['x-api-key'] as string | undefined));
  return {
    data: {
      id: agent.principal_id,
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

interface SendBody {
  message: { content: string; mentions: { id: string }[] };
}

app.post<{ Params: { chat_id: string }; Body: SendBody }>('/min/me/chats/:chat_id/messages', async (request, reply) => {
  const caller = await authenticate(request.headers['x-api-key'] as string | undefined);
  const { content, mentions } = request.body.message;
  const senderType = caller.kind === 'user' ? 'User' : 'Agent';
  const roomId = request.params.chat_id;
  const mentioned = mentions[0]?.id ?? caller.principal_id;
  const client = await pool.connect();
  let sent: { id: string; target: { id: string; handle: string; name: string } };
  try {
    await client.query('BEGIN');
    const members = await client.query({
      name: 'min_send_members',
      text: MIN_SQL.sendMembers,
      values: [roomId, [caller.principal_id, mentioned]],
    });
    if (!members.rows.some((m) => m.id === caller.principal_id)) throw new HttpError(404, 'not_found');
    const target = members.rows.find((m) => m.id === mentions[0]?.id);
    if (!target) throw new HttpError(422, 'mentioned_participant_not_in_room');
    const stored = content.includes(`@${target.handle}`) ? content : `@${target.handle} ${content}`;
    const agents: string[] = target.type === 'Agent' ? [target.id] : [];
    const mention = { id: target.id, handle: target.handle, name: target.name, kind: 'mention' };
    const metadata = { mentions: [mention], status: agents.length > 0 ? 'delivered' : 'sent' };
    const inserted = await client.query({
      name: 'min_send_message',
      text: MIN_SQL.sendMessage,
      values: [roomId, caller.principal_id, senderType, stored, metadata],
    });
    const message = inserted.rows[0];
    await client.query({
      name: 'min_send_deliveries',
      text: MIN_SQL.sendDeliveries,
      values: [message.id, roomId, message.seq, message.inserted_at, agents],
    });
    await client.query({ name: 'min_send_room', text: MIN_SQL.sendRoom, values: [roomId, message.inserted_at] });
    await client.query('COMMIT');
    sent = { id: message.id, target };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const { target } = sent;
  return reply.code(201).send({
    data: { id: sent.id, success: true, recipients: [{ id: target.id, handle: target.handle, name: target.name }] },
  });
});

app.get<{ Params: { chat_id: string } }>('/min/agent/chats/:chat_id/messages/next', async (request, reply) => {
  const agent = agentOf(await authenticate(request.headers['x-api-key'] as string | undefined));
  const roomId = request.params.chat_id;
  const agentId = agent.principal_id;
  const { rows } = await pool.query({ name: 'min_next', text: MIN_SQL.next, values: [agentId, roomId] });
  const row = rows[0];
  if (!row) {
    const member = await pool.query({ name: 'min_member', text: MIN_SQL.membership, values: [roomId, agentId] });
    if (member.rowCount === 0) throw new HttpError(404, 'not_found');
    return reply.code(204).send();
  }
  const { delivery_status, current_attempt, delivered_at, processed_at, attempts, ...message } = row;
  const delivery = { status: delivery_status, current_attempt, delivered_at, processed_at, attempts };
  return { data: { ...message, metadata: { ...message.metadata, delivery_status: { [agentId]: delivery } } } };
});

type MarkParams = { Params: { chat_id: string; id: string } };

for (const step of ['processing', 'processed'] as const) {
  app.post<MarkParams>(`/min/agent/chats/:chat_id/messages/:id/${step}`, async (request) => {
    const agent = agentOf(await authenticate(request.headers['x-api-key'] as string | undefined));
    const { chat_id: roomId, id } = request.params;
    const { rows } = await pool.query({
      name: `min_${step}`,
      text: MIN_SQL[step],
      values: [roomId, id, agent.principal_id],
    });
    const row = rows[0];
    if (!row?.member) throw new HttpError(404, 'not_found');
    if (row.attempt === null) throw new HttpError(step === 'processing' ? 404 : 422, 'not_found');
    return { data: { id, status: step, attempt_number: row.attempt, success: true } };
  });
}

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${new URL(address).port}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
