import type { Json, Timestamp, UuidPk } from './columns.js';

export interface MemoriesTable {
  id: UuidPk;
  organization_id: string;
  source_agent_id: string | null;
  subject_id: string | null;
  chat_room_id: string | null;
  scope: 'subject' | 'organization';
  system: 'sensory' | 'working' | 'long_term';
  type: 'iconic' | 'echoic' | 'haptic' | 'episodic' | 'semantic' | 'procedural';
  segment: 'user' | 'agent' | 'tool' | 'guideline';
  content: string;
  thought: string | null;
  status: 'active' | 'superseded' | 'archived';
  metadata: Json;
  inserted_at: Timestamp;
  updated_at: Timestamp;
}
