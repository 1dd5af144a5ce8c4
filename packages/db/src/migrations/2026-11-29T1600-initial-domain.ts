import { type Kysely, sql } from 'kysely';

/**
 * The whole domain as of the foundation issue. Written in SQL against `Kysely<unknown>` so the
 * migration stays frozen in time, whatever the TypeScript table types say later.
 *
 * Users and agents share one id space through `principals`: participants, senders, contacts and
 * memory subjects reference a principal, so a foreign key holds whichever kind they point at, and
 * a handle (`alice` for a user, `alice/helper` for an agent) resolves in one unique lookup.
 */
const statements = [
  `CREATE TABLE organizations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL UNIQUE,
    name text NOT NULL,
    limit_agents integer CHECK (limit_agents >= 0),
    limit_chats integer CHECK (limit_chats >= 0),
    limit_participants integer CHECK (limit_participants >= 0),
    limit_messages integer CHECK (limit_messages >= 0),
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE principals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN ('User', 'Agent')),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    handle text NOT NULL UNIQUE CHECK (handle = lower(handle)),
    inserted_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX principals_organization_idx ON principals (organization_id, kind)`,
  `CREATE TABLE users (
    id uuid PRIMARY KEY REFERENCES principals (id) ON DELETE CASCADE,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email text NOT NULL,
    first_name text,
    last_name text,
    role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    listed_in_directory boolean NOT NULL DEFAULT false,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX users_email_key ON users (lower(email))`,
  `CREATE INDEX users_organization_idx ON users (organization_id)`,
  `CREATE TABLE agents (
    id uuid PRIMARY KEY REFERENCES principals (id) ON DELETE CASCADE,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL,
    slug text NOT NULL,
    description text,
    is_external boolean NOT NULL DEFAULT true,
    listed_in_directory boolean NOT NULL DEFAULT false,
    shared_with_organization boolean NOT NULL DEFAULT false,
    registry_access boolean NOT NULL DEFAULT false,
    model_type text,
    tags text[] NOT NULL DEFAULT '{}',
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner_id, slug)
  )`,
  `CREATE INDEX agents_owner_inserted_idx ON agents (owner_id, inserted_at, id)`,
  `CREATE INDEX agents_directory_idx ON agents (organization_id) WHERE listed_in_directory`,
  `CREATE TABLE api_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    principal_id uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('user', 'agent')),
    prefix text NOT NULL UNIQUE,
    secret_hash text NOT NULL,
    last_used_at timestamptz,
    revoked_at timestamptz,
    inserted_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX api_keys_principal_idx ON api_keys (principal_id)`,
  `CREATE TABLE chat_rooms (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title text,
    task_id uuid,
    type text NOT NULL DEFAULT 'direct' CHECK (type IN ('direct', 'group', 'task')),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'closed')),
    metadata jsonb NOT NULL DEFAULT '{}',
    created_by uuid REFERENCES principals (id) ON DELETE SET NULL,
    last_message_at timestamptz,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX chat_rooms_organization_idx ON chat_rooms (organization_id, inserted_at)`,
  `CREATE TABLE chat_participants (
    chat_room_id uuid NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    participant_id uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    participant_type text NOT NULL CHECK (participant_type IN ('User', 'Agent')),
    role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member')),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active')),
    inserted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chat_room_id, participant_id)
  )`,
  `CREATE INDEX chat_participants_participant_idx ON chat_participants (participant_id, chat_room_id)`,
  `CREATE TABLE messages (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    chat_room_id uuid NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    sender_id uuid REFERENCES principals (id) ON DELETE SET NULL,
    sender_type text NOT NULL CHECK (sender_type IN ('User', 'Agent', 'System')),
    message_type text NOT NULL CHECK (message_type IN ('text', 'tool_call', 'tool_result', 'thought',
      'error', 'task', 'attention', 'system', 'action', 'guidelines')),
    content text NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}',
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX messages_room_seq_idx ON messages (chat_room_id, seq)`,
  `CREATE INDEX messages_room_sender_seq_idx ON messages (chat_room_id, sender_id, seq)`,
  `CREATE TABLE message_deliveries (
    message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    chat_room_id uuid NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    message_seq bigint NOT NULL,
    status text NOT NULL DEFAULT 'delivered'
      CHECK (status IN ('delivered', 'processing', 'processed', 'failed')),
    current_attempt integer NOT NULL DEFAULT 0,
    delivered_at timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, agent_id)
  )`,
  // The queue an agent drains: open deliveries, oldest first (see performance-pitfalls #1).
  `CREATE INDEX message_deliveries_open_idx ON message_deliveries (agent_id, chat_room_id, message_seq)
    WHERE status <> 'processed'`,
  `CREATE INDEX message_deliveries_agent_room_idx ON message_deliveries (agent_id, chat_room_id, status, message_seq)`,
  `CREATE TABLE delivery_attempts (
    message_id uuid NOT NULL,
    agent_id uuid NOT NULL,
    attempt_number integer NOT NULL CHECK (attempt_number >= 1),
    status text NOT NULL CHECK (status IN ('processing', 'success', 'failed')),
    started_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    error text,
    PRIMARY KEY (message_id, agent_id, attempt_number),
    FOREIGN KEY (message_id, agent_id) REFERENCES message_deliveries (message_id, agent_id) ON DELETE CASCADE
  )`,
  `CREATE TABLE contacts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    contact_id uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    source text NOT NULL DEFAULT 'request',
    inserted_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner_id, contact_id),
    CHECK (owner_id <> contact_id)
  )`,
  `CREATE INDEX contacts_contact_idx ON contacts (contact_id)`,
  `CREATE TABLE contact_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    requester_id uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    recipient_id uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'pending'
      CHECK (status IN ('pending', 'approved', 'rejected', 'expired', 'cancelled')),
    message text CHECK (char_length(message) <= 500),
    inserted_at timestamptz NOT NULL DEFAULT now(),
    responded_at timestamptz,
    expires_at timestamptz NOT NULL,
    CHECK (requester_id <> recipient_id)
  )`,
  // At most one pending request per pair, whichever side asked.
  `CREATE UNIQUE INDEX contact_requests_one_pending_idx
    ON contact_requests (LEAST(requester_id, recipient_id), GREATEST(requester_id, recipient_id))
    WHERE status = 'pending'`,
  `CREATE INDEX contact_requests_recipient_idx ON contact_requests (recipient_id, status, inserted_at)`,
  `CREATE INDEX contact_requests_requester_idx ON contact_requests (requester_id, status, inserted_at)`,
  `CREATE TABLE memories (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    source_agent_id uuid REFERENCES agents (id) ON DELETE CASCADE,
    subject_id uuid REFERENCES principals (id) ON DELETE CASCADE,
    chat_room_id uuid REFERENCES chat_rooms (id) ON DELETE SET NULL,
    scope text NOT NULL CHECK (scope IN ('subject', 'organization')),
    system text NOT NULL CHECK (system IN ('sensory', 'working', 'long_term')),
    type text NOT NULL CHECK (type IN ('iconic', 'echoic', 'haptic', 'episodic', 'semantic', 'procedural')),
    segment text NOT NULL CHECK (segment IN ('user', 'agent', 'tool', 'guideline')),
    content text NOT NULL,
    thought text,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'superseded', 'archived')),
    metadata jsonb NOT NULL DEFAULT '{}',
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (scope = 'organization' OR subject_id IS NOT NULL)
  )`,
  `CREATE INDEX memories_organization_idx ON memories (organization_id, status, inserted_at)`,
  `CREATE INDEX memories_subject_idx ON memories (subject_id, status, inserted_at)`,
  `CREATE INDEX memories_room_idx ON memories (chat_room_id) WHERE chat_room_id IS NOT NULL`,
  // Plan quota counters, reserved and released by one helper inside each write transaction.
  `CREATE TABLE quota_usage (
    scope_id uuid NOT NULL,
    resource text NOT NULL CHECK (resource IN ('agents', 'chats', 'participants', 'messages')),
    used integer NOT NULL DEFAULT 0 CHECK (used >= 0),
    PRIMARY KEY (scope_id, resource)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'quota_usage',
    'memories',
    'contact_requests',
    'contacts',
    'delivery_attempts',
    'message_deliveries',
    'messages',
    'chat_participants',
    'chat_rooms',
    'api_keys',
    'agents',
    'users',
    'principals',
    'organizations',
  ]) {
    await sql.raw(`DROP TABLE IF EXISTS ${table} CASCADE`).execute(db);
  }
}
