import type { AgentMemory, UserMemory } from '@parley/contracts/objects/memory';
import type { MemoryRow } from '@parley/db/repositories/memories';

/** Stored metadata → `{tags, references}`, whatever older rows hold (only string lists pass). */
function memoryMetadata(stored: unknown): AgentMemory['metadata'] {
  const m = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { tags: strings(m.tags), references: strings(m.references) };
}

export function toAgentMemory(row: MemoryRow): AgentMemory {
  return {
    id: row.id,
    content: row.content,
    system: row.system,
    type: row.type,
    segment: row.segment,
    scope: row.scope,
    status: row.status,
    thought: row.thought,
    subject_id: row.subject_id,
    ...(row.source_agent_id ? { source_agent_id: row.source_agent_id } : {}),
    organization_id: row.organization_id,
    metadata: memoryMetadata(row.metadata),
    inserted_at: row.inserted_at,
    updated_at: row.updated_at,
  };
}

export function toUserMemory(row: MemoryRow): UserMemory {
  return { ...toAgentMemory(row), chat_room_id: row.chat_room_id };
}
