import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp, UuidPk } from './columns.js';

/** Who did something, as shown at the time: `{id, type, name, handle}`. */
export interface ActorSnapshot {
  id: string;
  type: 'User' | 'Agent';
  name: string;
  handle: string | null;
  [key: string]: unknown;
}

export type TaskState = 'active' | 'cancelled' | 'superseded' | 'archived';
export type TaskAssignmentStatus = 'pending' | 'in_progress' | 'blocked' | 'in_review' | 'failed' | 'completed';

export interface ChatBoardsTable {
  chat_room_id: string;
  organization_id: string;
  task_counter: ColumnType<number, number | undefined, number>;
  goal_title: string | null;
  goal_summary: string | null;
  goal_created_by: Json<ActorSnapshot> | null;
  goal_updated_by: Json<ActorSnapshot> | null;
  goal_inserted_at: Timestamp | null;
  goal_updated_at: Timestamp | null;
}

export interface ChatTasksTable {
  id: UuidPk;
  organization_id: string;
  chat_room_id: string;
  number: number;
  subject: string;
  detail: ColumnType<string, string | undefined, string>;
  state: ColumnType<TaskState, TaskState | undefined, TaskState>;
  superseded_by_id: string | null;
  created_by: Json<ActorSnapshot>;
  inserted_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChatTaskAssignmentsTable {
  task_id: string;
  participant_id: string;
  assignee: Json<ActorSnapshot>;
  status: TaskAssignmentStatus;
  active_form: ColumnType<string, string | undefined, string>;
  linked_native_id: ColumnType<string, string | undefined, string>;
  joined_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChatTaskEventsTable {
  id: Generated<number>;
  task_id: string;
  actor: Json<ActorSnapshot>;
  event: string;
  payload: Json;
  at: Timestamp;
}

export interface ChatBoardEventsTable {
  id: Generated<number>;
  chat_room_id: string;
  actor: Json<ActorSnapshot>;
  event: string;
  payload: Json;
  at: Timestamp;
}

export interface AgentActivityTable {
  chat_room_id: string;
  agent_id: string;
  organization_id: string;
  agent: Json<ActorSnapshot>;
  started_at: Timestamp;
  expires_at: Timestamp;
}
