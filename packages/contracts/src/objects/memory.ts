import { z } from 'zod';
import { Timestamp } from '../scalars.js';

export const memorySystems = ['sensory', 'working', 'long_term'] as const;
export const memoryTypes = ['iconic', 'echoic', 'haptic', 'episodic', 'semantic', 'procedural'] as const;
export const memorySegments = ['user', 'agent', 'tool', 'guideline'] as const;
export const memoryScopes = ['subject', 'organization'] as const;
export const memoryStatuses = ['active', 'superseded', 'archived'] as const;

export type MemorySystem = (typeof memorySystems)[number];
export type MemoryType = (typeof memoryTypes)[number];
export type MemorySegment = (typeof memorySegments)[number];
export type MemoryScope = (typeof memoryScopes)[number];
export type MemoryStatus = (typeof memoryStatuses)[number];

/** Which types each system admits (docs/memories.md); any other pairing is a 422. */
export const memoryTypesBySystem: Record<MemorySystem, readonly MemoryType[]> = {
  sensory: ['iconic', 'echoic', 'haptic'],
  working: ['episodic', 'semantic', 'procedural'],
  long_term: ['episodic', 'semantic', 'procedural'],
};

export const MemorySystem = z.enum(memorySystems).meta({ description: 'Memory system tier' });
export const MemoryType = z
  .enum(memoryTypes)
  .meta({ description: 'sensory: iconic, echoic, haptic; working and long_term: episodic, semantic, procedural' });
export const MemorySegment = z.enum(memorySegments).meta({ description: 'Logical segment' });
export const MemoryScope = z.enum(memoryScopes).meta({ description: 'Visibility scope' });
export const MemoryStatus = z.enum(memoryStatuses).meta({ description: 'Lifecycle status' });

/** A memory's metadata as answered: always both lists, empty when none were given. */
export const MemoryMetadata = z
  .object({
    tags: z.array(z.string()),
    references: z.array(z.uuid()).meta({ description: 'Ids of related memories of the same organization' }),
  })
  .meta({ id: 'MemoryMetadata' });

const memoryFields = {
  id: z.uuid(),
  content: z.string(),
  system: MemorySystem,
  type: MemoryType,
  segment: MemorySegment,
  scope: MemoryScope,
  status: MemoryStatus,
  thought: z.string().nullable(),
  subject_id: z.uuid().nullable().meta({ description: 'The user or agent the memory is about' }),
  // Optional rather than nullable: the vendor types it as a uuid string, so an unknown source is left out.
  source_agent_id: z.uuid().optional().meta({ description: 'The agent that stored the memory' }),
  organization_id: z.uuid(),
  metadata: MemoryMetadata,
  inserted_at: Timestamp,
  updated_at: Timestamp,
};

/** A memory as agents see it (Agent API). */
export const AgentMemory = z.object(memoryFields).meta({ id: 'AgentMemory' });
export type AgentMemory = z.infer<typeof AgentMemory>;

/** A memory as users see it (Human API): also the room it was stored in, if any. */
export const UserMemory = z
  .object({
    ...memoryFields,
    chat_room_id: z.uuid().nullable().meta({ description: 'The chat room the memory was stored in, if any' }),
  })
  .meta({ id: 'UserMemory' });
export type UserMemory = z.infer<typeof UserMemory>;
