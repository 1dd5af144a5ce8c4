/**
 * The statements Parley's repositories send for the measured operations, written out by hand so
 * the bare server runs the same SQL through `pg` with nothing in between (the floor). That
 * includes the realtime outbox row each write publishes in its transaction; not the server's
 * background outbox tail and fan-out, which the floor does not have.
 */

const userFullName = `nullif(trim(concat_ws(' ', nullif(trim(users.first_name), ''), nullif(trim(users.last_name), ''))), '')`;

export const SQL = {
  keyByPrefix: `select api_keys.id, api_keys.kind, api_keys.secret_hash, api_keys.revoked_at, api_keys.organization_id,
      api_keys.principal_id, principals.kind as principal_kind, principals.handle, agents.owner_id
    from api_keys inner join principals on principals.id = api_keys.principal_id
    left join agents on agents.id = api_keys.principal_id where api_keys.prefix = $1`,
  membership: `select chat_participants.role, chat_rooms.organization_id from chat_participants
    inner join chat_rooms on chat_rooms.id = chat_participants.chat_room_id
    where chat_participants.chat_room_id = $1 and chat_participants.participant_id = $2`,
  participants: `select chat_rooms.organization_id as room_organization_id, chat_participants.participant_id as id, chat_participants.participant_type as type,
      chat_participants.role, chat_participants.status, chat_participants.inserted_at, principals.handle,
      agents.description, agents.is_external, coalesce(agents.name, ${userFullName}, principals.handle) as name
    from chat_participants inner join chat_rooms on chat_rooms.id = chat_participants.chat_room_id
    inner join principals on principals.id = chat_participants.participant_id
    left join users on users.id = chat_participants.participant_id
    left join agents on agents.id = chat_participants.participant_id
    where chat_participants.chat_room_id = $1
    order by chat_participants.inserted_at, chat_participants.participant_id`,
  organization: `select * from organizations where id = $1`,
  /** Parley's `findAgentById` (`GET /agent/me` after the key check). */
  agentById: `select agents.id, agents.organization_id, agents.owner_id, agents.name, agents.slug, agents.description,
      agents.is_external, agents.listed_in_directory, agents.shared_with_organization, agents.registry_access,
      agents.model_type, agents.tags, agents.inserted_at, agents.updated_at, principals.handle
    from agents inner join principals on principals.id = agents.id where agents.id = $1`,
  reserveUnlimited: `insert into quota_usage (scope_id, resource, used) values ($1, $2, $3)
    on conflict (scope_id, resource) do update set used = quota_usage.used + 1 returning used`,
  insertMessageWithDeliveries: `with inserted as (
      insert into messages (chat_room_id, sender_id, sender_type, message_type, content, metadata, inserted_at, updated_at)
      values ($1, $2, $3, 'text', $4, $5::jsonb, clock_timestamp(), clock_timestamp())
      returning id, seq, inserted_at, updated_at
    ), delivered as (
      insert into message_deliveries (message_id, agent_id, chat_room_id, message_seq, status, current_attempt, delivered_at)
      select inserted.id, agent.id, $6, inserted.seq, 'delivered', 0, inserted.inserted_at
        from inserted, unnest($7::uuid[]) as agent(id)
    )
    select id, seq, inserted_at, updated_at from inserted`,
  messageView: `select messages.id, messages.seq, messages.chat_room_id, messages.sender_id, messages.sender_type,
      messages.message_type, messages.content, messages.metadata, messages.inserted_at, messages.updated_at,
      coalesce(agents.name, ${userFullName}, sender.handle) as sender_name
    from messages left join principals as sender on sender.id = messages.sender_id
    left join users on users.id = messages.sender_id left join agents on agents.id = messages.sender_id
    where messages.id = $1`,
  allDeliveriesOf: `select message_id, agent_id, status, current_attempt, delivered_at, processed_at from message_deliveries
    where message_id = any($1::uuid[]) order by delivered_at, agent_id`,
  allAttemptsOf: `select * from delivery_attempts where message_id = any($1::uuid[]) order by attempt_number`,
  /** Parley's `appendOutboxRows`: the writers' lock, the NOTIFY and the rows in one statement. */
  appendOutbox: `INSERT INTO event_outbox (type, organization_id, chat_room_id, recipient_id, audience, payload)
    SELECT e.value->>'type', (e.value->>'organization_id')::uuid, (e.value->>'chat_room_id')::uuid,
      (e.value->>'recipient_id')::uuid,
      CASE WHEN jsonb_typeof(e.value->'audience') = 'array'
        THEN ARRAY(SELECT jsonb_array_elements_text(e.value->'audience'))::uuid[] END,
      e.value->'payload'
    FROM (SELECT pg_advisory_xact_lock_shared(1885434476, hashtext(current_schema()) & 2147483647) AS locked,
            pg_notify('parley_outbox_' || current_schema(), '') AS notified) AS writer,
      jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
    ORDER BY e.n`,
  next: `select messages.id, messages.seq, messages.chat_room_id, messages.sender_id, messages.sender_type,
      messages.message_type, messages.content, messages.metadata, messages.inserted_at, messages.updated_at,
      coalesce(agents.name, ${userFullName}, sender.handle) as sender_name,
      next.delivery_status, next.current_attempt, next.delivered_at, next.processed_at
    from messages left join principals as sender on sender.id = messages.sender_id
    left join users on users.id = messages.sender_id left join agents on agents.id = messages.sender_id
    inner join (select message_deliveries.message_id, message_deliveries.status as delivery_status,
        message_deliveries.current_attempt, message_deliveries.delivered_at, message_deliveries.processed_at
      from message_deliveries
      where message_deliveries.agent_id = $1 and message_deliveries.chat_room_id = $2
        and message_deliveries.status <> $3
        and exists (select chat_participants.role from chat_participants
          where chat_participants.chat_room_id = $4 and chat_participants.participant_id = $5)
      order by message_deliveries.message_seq limit $6) as next
      on next.message_id = messages.id`,
  attemptsOf: `select * from delivery_attempts where message_id = any($1::uuid[]) and agent_id = $2 order by attempt_number`,
  bumpAttempt: `update message_deliveries set status = $1, current_attempt = current_attempt + 1, processed_at = $2,
      updated_at = clock_timestamp() where message_id = $3 and agent_id = $4 and chat_room_id = $5
    returning current_attempt`,
  startAttempt: `with abandoned as (update delivery_attempts set status = $1, completed_at = clock_timestamp(), error = $2
      where message_id = $3 and agent_id = $4 and status = $5 and attempt_number < $6 returning attempt_number)
    insert into delivery_attempts (message_id, agent_id, attempt_number, status, started_at)
    values ($7, $8, $9, $10, clock_timestamp())`,
  finishDelivery: `update message_deliveries set status = $1, processed_at = clock_timestamp(), updated_at = clock_timestamp()
    where message_id = $2 and agent_id = $3 and chat_room_id = $4 and status = $5 returning current_attempt`,
  finishAttempt: `update delivery_attempts set status = $1, completed_at = clock_timestamp(), error = $2
    where message_id = $3 and agent_id = $4 and attempt_number = $5`,
} as const;
