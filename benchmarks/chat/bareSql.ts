/**
 * The statements Parley sends for the measured calls (as of 2026-12-01), written out by hand so
 * the exact-statement floor (`bareServer.ts`) runs the same SQL through `pg` with nothing in
 * between. Each text is Parley's as it reaches the server, byte for byte: Kysely's quoting, the
 * outbox mark comment, and one `$n` per place a value goes (as `preparedQuery` compiles them, so
 * a value used twice is bound twice). The statements Parley prepares on the server
 * (`preparedQuery(…, { serverSide: true })`) are named here too, so they are parsed and planned
 * once per connection as in Parley; the others go unnamed, as there. Parley's statement names
 * (`parley_<n>`) are numbered in module-load order, so the floor names its own: the name changes
 * nothing on the server. The lifecycle statements are in `bareLifecycleSql.ts`.
 *
 * The floor does not have the server's background work (outbox tail and fan-out, retention,
 * activity clean-up), nor the rate limiter's lookup of a key it has not seen for ten minutes (a
 * layer of Parley's server, which the ratio is there to measure).
 */

/** A statement, and the order its `$n` take their values in. */
export interface Statement<A> {
  /** The prepared statement's name, or undefined for an unnamed one (as Parley sends it). */
  name: string | undefined;
  text: string;
  values(args: A): unknown[];
}

/** Builds a statement: `p('x')` writes the next `$n` and binds `args.x` to it. */
export function statement<A>(name: string | undefined, build: (p: (key: keyof A & string) => string) => string) {
  const order: (keyof A & string)[] = [];
  const text = build((key) => {
    order.push(key);
    return `$${order.length}`;
  });
  const values = (args: A) => order.map((key) => args[key]);
  return { name, text, values } satisfies Statement<A>;
}

/** Kysely compiles a builder statement to one line: its clauses joined by single spaces. */
const line = (...clauses: string[]) => clauses.join(' ');

/** `first last`, trimmed, or null when both are empty (Parley's `userFullName`). */
export const userFullName = `nullif(trim(concat_ws(' ', nullif(trim(users.first_name), ''), nullif(trim(users.last_name), ''))), '')`;

/** `timestamptz` as the API writes it, in SQL (Parley's `iso` in the one-statement writes). */
export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Parley's `OUTBOX_APPEND_MARK`: how its pool tells a statement that appends outbox rows. */
export const OUTBOX_APPEND_MARK = '/* parley:outbox-append */';

/** Parley's `outboxWriter(false)`: the writers' shared lock, taken before an outbox row takes its id. */
export const OUTBOX_WRITER = `(SELECT pg_advisory_xact_lock_shared(1885434476, hashtext(current_schema()) & 2147483647) AS locked)`;

/** `findKeyByPrefix`: the key, its principal, and for an agent its whole profile (`GET /agent/me` reads nothing else). */
export const keyByPrefix = statement<{ prefix: string }>('bare_key_by_prefix', (p) =>
  line(
    `select "api_keys"."id", "api_keys"."kind", "api_keys"."secret_hash", "api_keys"."revoked_at", "api_keys"."organization_id",`,
    `"api_keys"."principal_id", "principals"."kind" as "principal_kind", "principals"."handle", "agents"."owner_id",`,
    `"agents"."organization_id" as "agent_organization_id", "agents"."name" as "agent_name",`,
    `"agents"."description" as "agent_description", "agents"."listed_in_directory" as "agent_listed_in_directory",`,
    `"agents"."tags" as "agent_tags", "agents"."inserted_at" as "agent_inserted_at", "agents"."updated_at" as "agent_updated_at"`,
    `from "api_keys" inner join "principals" on "principals"."id" = "api_keys"."principal_id"`,
    `left join "agents" on "agents"."id" = "api_keys"."principal_id" where "api_keys"."prefix" = ${p('prefix')}`,
  ),
);

/** `touchKeyLastUsed` (unnamed), sent off the request's path at most once a minute per key and process. */
export const touchKeyLastUsed = statement<{ at: string; id: string }>(
  undefined,
  (p) => `update "api_keys" set "last_used_at" = ${p('at')} where "id" = ${p('id')}`,
);

/** `findMembership`: the caller's role in the room and the room's organization. */
export const membership = statement<{ roomId: string; principalId: string }>('bare_membership', (p) =>
  line(
    `select "chat_participants"."role", "chat_rooms"."organization_id" from "chat_participants"`,
    `inner join "chat_rooms" on "chat_rooms"."id" = "chat_participants"."chat_room_id"`,
    `where "chat_participants"."chat_room_id" = ${p('roomId')} and "chat_participants"."participant_id" = ${p('principalId')}`,
  ),
);

/** `listAllParticipants`: a send resolves its mentions and checks its sender against these. */
export const allParticipants = statement<{ roomId: string }>('bare_all_participants', (p) =>
  line(
    `select "chat_rooms"."organization_id" as "room_organization_id", "chat_participants"."participant_id" as "id",`,
    `"chat_participants"."participant_type" as "type", "chat_participants"."role", "chat_participants"."status",`,
    `"chat_participants"."inserted_at", "principals"."handle", "agents"."description", "agents"."is_external",`,
    `coalesce(agents.name, ${userFullName}, principals.handle) as "name" from "chat_participants"`,
    `inner join "chat_rooms" on "chat_rooms"."id" = "chat_participants"."chat_room_id"`,
    `inner join "principals" on "principals"."id" = "chat_participants"."participant_id"`,
    `left join "users" on "users"."id" = "chat_participants"."participant_id"`,
    `left join "agents" on "agents"."id" = "chat_participants"."participant_id"`,
    `where "chat_participants"."chat_room_id" = ${p('roomId')}`,
    `order by "chat_participants"."inserted_at", "chat_participants"."participant_id"`,
  ),
);

/** `findOrganizationById`: a send reads the room message limit before its write. */
export const organizationById = statement<{ id: string }>(
  'bare_organization_by_id',
  (p) => `select * from "organizations" where "id" = ${p('id')}`,
);

/** `findNextForAgent`: the oldest open delivery (with its message) of a participating agent. */
export const nextForAgent = statement<{ agentId: string; roomId: string; limit: number }>('bare_next_for_agent', (p) =>
  line(
    `select "messages"."id", "messages"."seq", "messages"."chat_room_id", "messages"."sender_id", "messages"."sender_type",`,
    `"messages"."message_type", "messages"."content", "messages"."metadata", "messages"."inserted_at", "messages"."updated_at",`,
    `coalesce(agents.name, ${userFullName}, sender.handle) as "sender_name", "next"."delivery_status",`,
    `"next"."current_attempt", "next"."delivered_at", "next"."processed_at" from "messages"`,
    `left join "principals" as "sender" on "sender"."id" = "messages"."sender_id"`,
    `left join "users" on "users"."id" = "messages"."sender_id" left join "agents" on "agents"."id" = "messages"."sender_id"`,
    `inner join (select "message_deliveries"."message_id", "message_deliveries"."status" as "delivery_status",`,
    `"message_deliveries"."current_attempt", "message_deliveries"."delivered_at", "message_deliveries"."processed_at"`,
    `from "message_deliveries" where "message_deliveries"."agent_id" = ${p('agentId')}`,
    `and "message_deliveries"."chat_room_id" = ${p('roomId')} and "message_deliveries"."status" <> 'processed'`,
    `and exists (select "chat_participants"."role" from "chat_participants"`,
    `where "chat_participants"."chat_room_id" = ${p('roomId')} and "chat_participants"."participant_id" = ${p('agentId')})`,
    `order by "message_deliveries"."message_seq" limit ${p('limit')}) as "next" on "next"."message_id" = "messages"."id"`,
  ),
);

/** `findAttempts` (not prepared on the server in Parley): the attempts of a re-served message. */
export const attemptsOfDelivery = statement<{ messageId: string; agentId: string }>(
  undefined,
  (p) =>
    `select * from "delivery_attempts" where "message_id" = ${p('messageId')} and "agent_id" = ${p('agentId')} order by "attempt_number"`,
);

export interface SendArgs {
  roomId: string;
  senderId: string;
  senderType: 'User' | 'Agent';
  content: string;
  /** JSON text of the message's metadata. */
  metadata: string;
  agentIds: string[];
  organizationId: string;
  /** JSON text of the `message_created` payload, without `id`, the timestamps and `delivery_status`. */
  payload: string;
}

/**
 * `insertSentMessage`: the room's quota row (its lock serializes the room's sends), the message,
 * its deliveries and its `message_created` outbox row, one statement and so one transaction of
 * its own. Parley has one statement for a room with a message limit and one for a room without.
 */
const sendStatement = (limited: boolean) =>
  statement<SendArgs & { limit: number }>(
    limited ? 'bare_send_limited' : 'bare_send_unlimited',
    (p) => `${OUTBOX_APPEND_MARK} WITH reserved AS (
      INSERT INTO quota_usage (scope_id, resource, used) VALUES (${p('roomId')}, 'messages', 1)
      ON CONFLICT (scope_id, resource) DO UPDATE SET used = quota_usage.used + 1
      ${limited ? `WHERE quota_usage.used < ${p('limit')}` : ''}
      RETURNING used
    ), inserted AS (
      INSERT INTO messages (chat_room_id, sender_id, sender_type, message_type, content, metadata, inserted_at, updated_at)
      SELECT ${p('roomId')}, ${p('senderId')}, ${p('senderType')}, 'text', ${p('content')},
             ${p('metadata')}::jsonb, clock_timestamp(), clock_timestamp()
        FROM reserved
      RETURNING id, seq, inserted_at, updated_at
    ), delivered AS (
      INSERT INTO message_deliveries (message_id, agent_id, chat_room_id, message_seq, status, current_attempt, delivered_at)
      SELECT inserted.id, agent.id, ${p('roomId')}, inserted.seq, 'delivered', 0, inserted.inserted_at
        FROM inserted, unnest(${p('agentIds')}::uuid[]) AS agent(id)
    ), published AS (
      INSERT INTO event_outbox (type, organization_id, chat_room_id, payload)
      SELECT 'message_created', ${p('organizationId')}, ${p('roomId')},
             ${p('payload')}::jsonb || jsonb_build_object(
               'id', inserted.id, 'inserted_at', ${iso('inserted.inserted_at')}, 'updated_at', ${iso('inserted.updated_at')},
               'metadata', (${p('payload')}::jsonb -> 'metadata') || jsonb_build_object('delivery_status', coalesce(
                 (SELECT jsonb_object_agg(agent.id, jsonb_build_object('status', 'delivered', 'current_attempt', 0,
                    'delivered_at', ${iso('inserted.inserted_at')}, 'processed_at', NULL, 'attempts', '[]'::jsonb))
                    FROM unnest(${p('agentIds')}::uuid[]) AS agent(id)), '{}'::jsonb)))
        FROM ${OUTBOX_WRITER} AS writer,
             inserted
    )
    SELECT id, seq, inserted_at, updated_at FROM inserted`,
  );

export const sendLimited = sendStatement(true);
export const sendUnlimited = sendStatement(false);

/** The outbox wake-up Parley's instance sends after a commit that appended outbox rows (unnamed). */
export const outboxWakeup = statement<{ channel: string; payload: string }>(
  undefined,
  (p) => `SELECT pg_notify(${p('channel')}, ${p('payload')})`,
);
