import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { preparedQuery } from '../preparedQuery.js';
import type { MessageType } from '../tables/messages.js';
import { userFullName } from './chatParticipants.js';
import { INTERNAL_MESSAGE_TYPES } from './chatRooms.js';

/** A message with its sender's display name, as every list and `/next` return it. */
export interface MessageViewRow {
  id: string;
  seq: number;
  chat_room_id: string;
  sender_id: string | null;
  sender_type: 'User' | 'Agent' | 'System';
  sender_name: string | null;
  message_type: MessageType;
  content: string;
  metadata: Record<string, unknown>;
  inserted_at: string;
  updated_at: string;
}

export function selectMessageViews(db: Executor) {
  return db
    .selectFrom('messages')
    .leftJoin('principals as sender', 'sender.id', 'messages.sender_id')
    .leftJoin('users', 'users.id', 'messages.sender_id')
    .leftJoin('agents', 'agents.id', 'messages.sender_id')
    .select([
      'messages.id',
      'messages.seq',
      'messages.chat_room_id',
      'messages.sender_id',
      'messages.sender_type',
      'messages.message_type',
      'messages.content',
      'messages.metadata',
      'messages.inserted_at',
      'messages.updated_at',
    ])
    .select(sql<string | null>`coalesce(agents.name, ${userFullName}, sender.handle)`.as('sender_name'));
}

/**
 * Inserts a message. `inserted_at` is the clock at insert time rather than the transaction's start,
 * so that within a room (whose sends are serialized by the quota row lock) time follows `seq`.
 */
export function insertMessage(
  db: Executor,
  values: {
    chat_room_id: string;
    sender_id: string;
    sender_type: 'User' | 'Agent';
    message_type: MessageType;
    content: string;
    metadata: Record<string, unknown>;
  },
) {
  return db
    .insertInto('messages')
    .values({
      ...values,
      metadata: JSON.stringify(values.metadata),
      inserted_at: sql<string>`clock_timestamp()`,
      updated_at: sql<string>`clock_timestamp()`,
    })
    .returning(['id', 'seq', 'inserted_at', 'updated_at'])
    .executeTakeFirstOrThrow();
}

export interface InsertedMessage {
  id: string;
  seq: number;
  inserted_at: string;
  updated_at: string;
}

const messageInRoom = preparedQuery<{ roomId: string; messageId: string }>()((p, db) =>
  db
    .selectFrom('messages')
    .select(['id', 'seq', 'sender_id', 'message_type', 'metadata'])
    .where('id', '=', p('messageId'))
    .where('chat_room_id', '=', p('roomId')),
);

/** The facts about one message of a room that permission checks need (compiled once). */
export async function findMessageInRoom(db: Executor, roomId: string, messageId: string) {
  return (await messageInRoom(db, { roomId, messageId })).rows[0];
}

const messageView = preparedQuery<{ messageId: string }>()((p, db) =>
  selectMessageViews(db).where('messages.id', '=', p('messageId')),
);

/** One message as people see it, by id (compiled once: every processing update publishes it). */
export async function findMessageView(db: Executor, messageId: string): Promise<MessageViewRow | undefined> {
  return (await messageView(db, { messageId })).rows[0];
}

export function findMessageViewsBySeq(db: Executor, seqs: number[]): Promise<MessageViewRow[]> {
  if (seqs.length === 0) return Promise.resolve([]);
  return selectMessageViews(db).where('messages.seq', 'in', seqs).orderBy('messages.seq').execute();
}

export interface HumanMessageFilters {
  roomId: string;
  messageType?: MessageType | undefined;
  /** Only messages inserted after this instant. */
  since?: string | undefined;
}

function humanVisible(db: Executor, f: HumanMessageFilters) {
  let q = selectMessageViews(db)
    .where('messages.chat_room_id', '=', f.roomId)
    .where('messages.message_type', 'not in', INTERNAL_MESSAGE_TYPES);
  if (f.messageType) q = q.where('messages.message_type', '=', f.messageType);
  if (f.since) {
    // Time follows seq within a room, so the newest message at or before `since` bounds a range
    // scan: finding it walks back only over the messages newer than `since`.
    q = q
      .where(
        'messages.seq',
        '>',
        sql<number>`coalesce((SELECT b.seq FROM messages b WHERE b.chat_room_id = ${f.roomId}
          AND b.inserted_at <= ${f.since}::timestamptz ORDER BY b.seq DESC LIMIT 1), 0)`,
      )
      .where('messages.inserted_at', '>', f.since);
  }
  return q;
}

/**
 * A page of what a human sees of a room (everything but internal types), newest first (or oldest
 * first), within the exclusive `seq` range (afterSeq, beforeSeq).
 */
export function listHumanMessages(
  db: Executor,
  f: HumanMessageFilters,
  page: {
    limit: number;
    offset?: number | undefined;
    afterSeq?: number | undefined;
    beforeSeq?: number | undefined;
    order?: 'asc' | 'desc' | undefined;
  },
): Promise<MessageViewRow[]> {
  let q = humanVisible(db, f);
  if (page.afterSeq) q = q.where('messages.seq', '>', page.afterSeq);
  if (page.beforeSeq !== undefined) q = q.where('messages.seq', '<', page.beforeSeq);
  q = q.orderBy('messages.seq', page.order ?? 'desc');
  if (page.offset) q = q.offset(page.offset);
  return q.limit(page.limit).execute();
}

export async function countHumanMessages(db: Executor, f: HumanMessageFilters): Promise<number> {
  const row = await humanVisible(db, f).clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The `seq`s of one page of an agent's context in a room: every message it sent plus every
 * message that mentions it (its deliveries), oldest first. Each half is an ordered range scan on
 * its own index, limited to what the page can use; the two never overlap (nobody is delivered its
 * own message).
 */
export async function contextPageSeqs(
  db: Executor,
  q: {
    roomId: string;
    agentId: string;
    /** Exclusive bounds on `seq` (0 and MAX_SAFE_INTEGER for none). */
    afterSeq: number;
    beforeSeq?: number;
    order?: 'asc' | 'desc';
    limit: number;
    offset: number;
  },
): Promise<number[]> {
  const reach = q.offset + q.limit;
  const before = q.beforeSeq ?? Number.MAX_SAFE_INTEGER;
  const dir = sql.raw(q.order === 'desc' ? 'DESC' : 'ASC');
  const result = await sql<{ seq: number }>`
    SELECT seq FROM (
      (SELECT m.seq FROM messages m
        WHERE m.chat_room_id = ${q.roomId} AND m.sender_id = ${q.agentId} AND m.seq > ${q.afterSeq}
          AND m.seq < ${before}
        ORDER BY m.seq ${dir} LIMIT ${reach})
      UNION ALL
      (SELECT d.message_seq FROM message_deliveries d
        WHERE d.agent_id = ${q.agentId} AND d.chat_room_id = ${q.roomId} AND d.message_seq > ${q.afterSeq}
          AND d.message_seq < ${before}
        ORDER BY d.message_seq ${dir} LIMIT ${reach})
    ) AS page
    ORDER BY seq ${dir} LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return result.rows.map((r) => Number(r.seq));
}

/** The `seq` of a message of a room, or undefined. */
export async function seqOfMessageInRoom(db: Executor, roomId: string, messageId: string) {
  const row = await db
    .selectFrom('messages')
    .select('seq')
    .where('id', '=', messageId)
    .where('chat_room_id', '=', roomId)
    .executeTakeFirst();
  return row ? Number(row.seq) : undefined;
}

export async function countContext(db: Executor, roomId: string, agentId: string): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT (SELECT count(*) FROM messages WHERE chat_room_id = ${roomId} AND sender_id = ${agentId})
         + (SELECT count(*) FROM message_deliveries WHERE agent_id = ${agentId} AND chat_room_id = ${roomId}) AS n`.execute(
    db,
  );
  return Number(result.rows[0]?.n ?? 0);
}
