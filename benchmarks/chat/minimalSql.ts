/**
 * The minimal floor's SQL: the least the database must do to give the REST answers the benchmark
 * asks for: after the key check (one statement), one statement per read and lifecycle call, and a
 * send as one transaction of four statements. No quota, no
 * realtime outbox, no audit of anything the answer does not show. What Parley does beyond this
 * is the design's cost, which is what the minimal floor is there to show.
 */

const senderName = `coalesce(agents.name, nullif(trim(concat_ws(' ', nullif(trim(users.first_name), ''), nullif(trim(users.last_name), ''))), ''), principals.handle)`;

export const MIN_SQL = {
  /** Key lookup by its (unique) prefix and hash, joined to its principal and, for an agent, the agent row. */
  key: `select api_keys.principal_id, api_keys.kind, principals.handle, agents.name, agents.description, agents.owner_id,
      agents.listed_in_directory, agents.tags, agents.inserted_at, agents.updated_at
    from api_keys join principals on principals.id = api_keys.principal_id
    left join agents on agents.id = api_keys.principal_id
    where api_keys.prefix = $1 and api_keys.secret_hash = $2 and api_keys.revoked_at is null`,
  /**
   * A send is one transaction of four statements: the membership check (which also resolves the
   * mentioned participant), the message insert, the delivery inserts and the room update.
   * `$1` room, `$2` sender and mentioned participants.
   */
  sendMembers: `select chat_participants.participant_id as id, chat_participants.participant_type as type, principals.handle,
      ${senderName} as name
    from chat_participants join principals on principals.id = chat_participants.participant_id
    left join users on users.id = chat_participants.participant_id
    left join agents on agents.id = chat_participants.participant_id
    where chat_participants.chat_room_id = $1 and chat_participants.participant_id = any($2::uuid[])`,
  sendMessage: `insert into messages (chat_room_id, sender_id, sender_type, message_type, content, metadata)
    values ($1, $2, $3, 'text', $4, $5) returning id, seq, inserted_at`,
  sendDeliveries: `insert into message_deliveries (message_id, agent_id, chat_room_id, message_seq, status, delivered_at)
    select $1, agent.id, $2, $3, 'delivered', $4 from unnest($5::uuid[]) as agent(id)`,
  sendRoom: `update chat_rooms set last_message_at = $2 where id = $1`,
  /** The oldest open delivery of the agent in the room with its message and attempts; membership checked. */
  next: `select messages.id, messages.chat_room_id, messages.sender_id, messages.sender_type, messages.message_type,
      messages.content, messages.metadata, messages.inserted_at, messages.updated_at, ${senderName} as sender_name,
      d.status as delivery_status, d.current_attempt, d.delivered_at, d.processed_at,
      coalesce((select json_agg(json_build_object('attempt_number', a.attempt_number, 'status', a.status,
          'started_at', a.started_at, 'completed_at', a.completed_at, 'error', a.error) order by a.attempt_number)
        from delivery_attempts a where a.message_id = d.message_id and a.agent_id = d.agent_id), '[]') as attempts
    from (select * from message_deliveries
      where agent_id = $1 and chat_room_id = $2 and status <> 'processed'
        and exists (select 1 from chat_participants where chat_room_id = $2 and participant_id = $1)
      order by message_seq limit 1) as d
    join messages on messages.id = d.message_id
    left join principals on principals.id = messages.sender_id
    left join users on users.id = messages.sender_id left join agents on agents.id = messages.sender_id`,
  membership: `select 1 from chat_participants where chat_room_id = $1 and participant_id = $2`,
  /** Opens attempt n+1 (closing an open earlier one as failed); `$1` room, `$2` message, `$3` agent. */
  processing: `with member as (
      select 1 from chat_participants where chat_room_id = $1 and participant_id = $3
    ), bumped as (
      update message_deliveries set status = 'processing', current_attempt = current_attempt + 1,
        processed_at = null, updated_at = clock_timestamp()
      where message_id = $2 and agent_id = $3 and chat_room_id = $1 and exists (select 1 from member)
      returning current_attempt
    ), abandoned as (
      update delivery_attempts set status = 'failed', completed_at = clock_timestamp(), error = 'abandoned'
      from bumped where message_id = $2 and agent_id = $3 and status = 'processing'
        and attempt_number < bumped.current_attempt
    ), started as (
      insert into delivery_attempts (message_id, agent_id, attempt_number, status, started_at)
      select $2, $3, current_attempt, 'processing', clock_timestamp() from bumped
    )
    select exists (select 1 from member) as member, (select current_attempt from bumped) as attempt`,
  /** Closes the open attempt as a success; `$1` room, `$2` message, `$3` agent. */
  processed: `with member as (
      select 1 from chat_participants where chat_room_id = $1 and participant_id = $3
    ), done as (
      update message_deliveries set status = 'processed', processed_at = clock_timestamp(), updated_at = clock_timestamp()
      where message_id = $2 and agent_id = $3 and chat_room_id = $1 and status = 'processing'
        and exists (select 1 from member)
      returning current_attempt
    ), finished as (
      update delivery_attempts set status = 'success', completed_at = clock_timestamp()
      from done where message_id = $2 and agent_id = $3 and attempt_number = done.current_attempt
    )
    select exists (select 1 from member) as member, (select current_attempt from done) as attempt`,
} as const;
