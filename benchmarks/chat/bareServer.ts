import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyReply } from 'fastify';
import { finishFailed, finishProcessed, type LifecycleArgs, startAttempt } from './bareLifecycleSql.js';
import {
  allParticipants,
  attemptsOfDelivery,
  keyByPrefix,
  membership,
  nextForAgent,
  organizationById,
  outboxWakeup,
  type Statement,
  sendLimited,
  sendUnlimited,
  touchKeyLastUsed,
} from './bareSql.js';
import { coalescedWakeup } from './bareWakeup.js';
import { floorPool, HttpError, KEY } from './floorPool.js';

/**
 * The exact-statement floor: plain Fastify routes that send, per request, the statements Parley
 * sends (as of 2026-12-01) for `GET /agent/me`, `GET …/messages/next`, a send, and `/processing`,
 * `/processed`, `/failed`, in the same number and order, with the same texts, the same ones
 * prepared on the server, no transaction of their own (each write is one statement), and the
 * outbox wake-up after the write's commit, coalesced per instance as Parley's. Through `pg`
 * directly: no tRPC, no zod, no Kysely; the same key check, pool size and type parsing. So the
 * ratio of Parley to this is the cost of its transports and layers alone. Started as a child
 * process by the benchmark; prints `listening <port>`.
 */
const pool = floorPool();

/** Runs a statement as Parley's pool does: by name when Parley prepares it on the server. */
async function run<A>(s: Statement<A>, args: A) {
  const values = s.values(args);
  return s.name ? pool.query({ name: s.name, text: s.text, values }) : pool.query(s.text, values);
}

/** Parley's instance wakes the outbox readers after a write's commit, one NOTIFY in flight at a time. */
const wakeReaders = coalescedWakeup(() => run(outboxWakeup, { channel: 'parley_outbox_public', payload: '' }));

/** A statement that appends outbox rows: committed on its own, so the wake-up follows it. */
async function write<A>(s: Statement<A>, args: A) {
  const result = await run(s, args);
  wakeReaders();
  return result;
}

const TOUCH_INTERVAL_MS = 60_000;
const lastTouched = new Map<string, number>();

/** As Parley's `authenticate`: `last_used_at` at most once a minute per key, not awaited. */
function recordUse(keyId: string) {
  const now = Date.now();
  if ((lastTouched.get(keyId) ?? 0) > now - TOUCH_INTERVAL_MS) return;
  lastTouched.set(keyId, now);
  run(touchKeyLastUsed, { at: new Date(now).toISOString(), id: keyId }).catch(() => lastTouched.delete(keyId));
}

async function authenticate(presented: string | undefined) {
  const m = presented ? KEY.exec(presented) : null;
  if (!presented || !m) throw new HttpError(401, 'unauthorized');
  const prefix = `thnv_${m[1]}_${m[2]}_${(m[3] as string).slice(0, 8)}`;
  const row = (await run(keyByPrefix, { prefix })).rows[0];
  const hash = createHash('sha256').update(presented).digest();
  if (!row || !timingSafeEqual(hash, Buffer.from(row.secret_hash, 'hex')) || row.revoked_at !== null) {
    throw new HttpError(401, 'unauthorized');
  }
  recordUse(row.id);
  if (row.kind === 'agent' && (row.principal_kind !== 'Agent' || !row.owner_id))
    throw new HttpError(401, 'unauthorized');
  return row;
}

/** As Parley's procedures: a key of the other kind is 403. */
async function authenticateAs(kind: 'user' | 'agent', presented: string | undefined) {
  const row = await authenticate(presented);
  if (row.kind !== kind) throw new HttpError(403, 'forbidden');
  return row;
}

async function requireMembership(roomId: string, principalId: string) {
  const row = (await run(membership, { roomId, principalId })).rows[0];
  if (!row) throw new HttpError(404, 'not_found');
  return row as { role: string; organization_id: string };
}

const app = Fastify({ logger: false });
app.setErrorHandler((error, _request, reply: FastifyReply) => {
  const status = error instanceof HttpError ? error.status : 500;
  return reply.code(status).send({ error: { code: error instanceof HttpError ? error.code : 'internal_error' } });
});

interface SendBody {
  message: { content: string; mentions: { id: string }[] };
}

app.post<{ Params: { chat_id: string }; Body: SendBody }>(
  '/bare/me/chats/:chat_id/messages',
  async (request, reply) => {
    const caller = await authenticateAs('user', request.headers['x-api-key'] as string | undefined);
    const roomId = request.params.chat_id;
    const members = (await run(allParticipants, { roomId })).rows;
    const sender = members.find((p) => p.id === caller.principal_id);
    if (!sender) throw new HttpError(404, 'not_found');
    const { content, mentions } = request.body.message;
    const target = members.find((p) => p.id === mentions[0]?.id);
    if (!target) throw new HttpError(422, 'mentioned_participant_not_in_room');
    const mention = { id: target.id, handle: target.handle, name: target.name, kind: 'mention' };
    const stored = content.includes(`@${target.handle}`) ? content : `@${target.handle} ${content}`;
    const agentIds: string[] = target.type === 'Agent' ? [target.id] : [];
    const metadata = { mentions: [mention], status: agentIds.length > 0 ? 'delivered' : 'sent' };
    const senderType = 'User';
    // As Parley: the room's message limit is read before the write, outside any lock.
    const org = (await run(organizationById, { id: sender.room_organization_id })).rows[0];
    if (!org) throw new HttpError(404, 'not_found');
    const limit: number | null = org.limit_messages;
    if (limit !== null && limit <= 0) throw new HttpError(403, 'limit_reached');
    const payload = {
      chat_room_id: roomId,
      sender_id: caller.principal_id,
      sender_type: senderType,
      message_type: 'text',
      content: stored,
      metadata,
      sender_name: sender.name,
    };
    const inserted = await write(limit === null ? sendUnlimited : sendLimited, {
      roomId,
      senderId: caller.principal_id,
      senderType,
      content: stored,
      metadata: JSON.stringify(metadata),
      agentIds,
      organizationId: sender.room_organization_id,
      payload: JSON.stringify(payload),
      limit: limit ?? 0,
    });
    const message = inserted.rows[0];
    // Parley reads the usage for the error's details here; not on the measured path.
    if (!message) throw new HttpError(403, 'limit_reached');
    return reply.code(201).send({
      data: {
        id: message.id,
        success: true,
        recipients: [{ id: target.id, handle: target.handle, name: target.name }],
      },
    });
  },
);

app.get('/bare/agent/me', async (request) => {
  // The key lookup carries the agent's profile: nothing else is read.
  const agent = await authenticateAs('agent', request.headers['x-api-key'] as string | undefined);
  return {
    data: {
      id: agent.principal_id,
      name: agent.agent_name ?? '',
      handle: agent.handle,
      description: agent.agent_description ?? null,
      owner_uuid: agent.owner_id,
      listed_in_directory: agent.agent_listed_in_directory ?? false,
      tags: agent.agent_tags ?? [],
      inserted_at: agent.agent_inserted_at ?? '',
      updated_at: agent.agent_updated_at ?? '',
    },
  };
});

app.get<{ Params: { chat_id: string } }>('/bare/agent/chats/:chat_id/messages/next', async (request, reply) => {
  const caller = await authenticateAs('agent', request.headers['x-api-key'] as string | undefined);
  const roomId = request.params.chat_id;
  const agentId = caller.principal_id;
  const row = (await run(nextForAgent, { agentId, roomId, limit: 1 })).rows[0];
  if (!row) {
    // An empty queue, or a room the agent is not in (404): only then is membership read.
    await requireMembership(roomId, agentId);
    return reply.code(204).send();
  }
  const { seq: _seq, delivery_status, current_attempt, delivered_at, processed_at, ...message } = row;
  const attempts =
    current_attempt > 0
      ? (await run(attemptsOfDelivery, { messageId: message.id, agentId })).rows.map(
          ({ message_id: _m, agent_id: _a, ...attempt }) => attempt,
        )
      : [];
  const delivery = { status: delivery_status, current_attempt, delivered_at, processed_at, attempts };
  return { data: { ...message, metadata: { ...message.metadata, delivery_status: { [agentId]: delivery } } } };
});

type MarkParams = { Params: { chat_id: string; id: string } };

/** The caller and the lifecycle statement's arguments (the statement checks membership itself). */
async function lifecycleCall(request: { headers: Record<string, unknown>; params: MarkParams['Params'] }) {
  const caller = await authenticateAs('agent', request.headers['x-api-key'] as string | undefined);
  const { chat_id: roomId, id: messageId } = request.params;
  return { roomId, messageId, agentId: caller.principal_id } as LifecycleArgs;
}

// A `conflict` (the delivery changed under the statement's snapshot: the same agent's concurrent
// call on the same message) makes Parley redo the call in a transaction of several statements.
// The benchmark has one worker per agent, so it never happens there; the floor answers 409.

app.post<MarkParams>('/bare/agent/chats/:chat_id/messages/:id/processing', async (request) => {
  const args = await lifecycleCall(request);
  const row = (await write(startAttempt, args)).rows[0];
  if (!row?.organization_id) throw new HttpError(404, 'not_found');
  if (row.attempt == null)
    throw row.had_delivery || row.processable ? new HttpError(409, 'conflict') : new HttpError(404, 'not_found');
  return { data: { id: args.messageId, status: 'processing', attempt_number: Number(row.attempt), success: true } };
});

async function finish(args: LifecycleArgs, outcome: 'processed' | 'failed', error: string | null) {
  const row = (await write(outcome === 'processed' ? finishProcessed : finishFailed, { ...args, error })).rows[0];
  if (!row?.organization_id) throw new HttpError(404, 'not_found');
  if (row.attempt != null) {
    return { data: { id: args.messageId, status: outcome, attempt_number: Number(row.attempt), success: true } };
  }
  if (row.was === 'processing') throw new HttpError(409, 'conflict');
  // No open attempt: Parley reads the message to tell 404 from 422; not on the measured path.
  throw new HttpError(422, 'validation_error');
}

app.post<MarkParams>('/bare/agent/chats/:chat_id/messages/:id/processed', async (request) =>
  finish(await lifecycleCall(request), 'processed', null),
);

app.post<MarkParams & { Body: { error?: string } }>('/bare/agent/chats/:chat_id/messages/:id/failed', async (request) =>
  finish(await lifecycleCall(request), 'failed', request.body?.error ?? ''),
);

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${new URL(address).port}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
