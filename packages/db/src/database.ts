import type { Kysely, Transaction } from 'kysely';
import type { AgentsTable } from './tables/agents.js';
import type { ApiKeysTable } from './tables/apiKeys.js';
import type { ChatParticipantsTable } from './tables/chatParticipants.js';
import type { ChatRoomsTable } from './tables/chatRooms.js';
import type {
  AgentActivityTable,
  ChatBoardEventsTable,
  ChatBoardsTable,
  ChatTaskAssignmentsTable,
  ChatTaskEventsTable,
  ChatTasksTable,
} from './tables/chatTasks.js';
import type { ContactRequestsTable, ContactsTable } from './tables/contacts.js';
import type { EventOutboxStateTable, EventOutboxTable } from './tables/eventOutbox.js';
import type { MemoriesTable } from './tables/memories.js';
import type { DeliveryAttemptsTable, MessageDeliveriesTable } from './tables/messageDeliveries.js';
import type { MessagesTable } from './tables/messages.js';
import type { OrganizationsTable } from './tables/organizations.js';
import type { PlatformAgentsTable } from './tables/platformAgents.js';
import type { PrincipalsTable } from './tables/principals.js';
import type { QuotaUsageTable } from './tables/quotaUsage.js';
import type { SignInFailuresTable, SignInLinksTable, UserSessionsTable } from './tables/signIn.js';
import type { UsersTable } from './tables/users.js';

/** The Kysely view of the schema: one entry per table. */
export interface DB {
  organizations: OrganizationsTable;
  principals: PrincipalsTable;
  users: UsersTable;
  agents: AgentsTable;
  api_keys: ApiKeysTable;
  chat_rooms: ChatRoomsTable;
  chat_participants: ChatParticipantsTable;
  messages: MessagesTable;
  message_deliveries: MessageDeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  contacts: ContactsTable;
  contact_requests: ContactRequestsTable;
  memories: MemoriesTable;
  quota_usage: QuotaUsageTable;
  event_outbox: EventOutboxTable;
  event_outbox_state: EventOutboxStateTable;
  chat_boards: ChatBoardsTable;
  chat_tasks: ChatTasksTable;
  chat_task_assignments: ChatTaskAssignmentsTable;
  chat_task_events: ChatTaskEventsTable;
  chat_board_events: ChatBoardEventsTable;
  agent_activity: AgentActivityTable;
  platform_agents: PlatformAgentsTable;
  user_sessions: UserSessionsTable;
  sign_in_links: SignInLinksTable;
  sign_in_failures: SignInFailuresTable;
}

export type Database = Kysely<DB>;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<DB> | Transaction<DB>;
