import {
  type MemoryScope,
  type MemorySegment,
  type MemorySystem,
  type MemoryType,
  memoryTypesBySystem,
} from '@parley/contracts/objects/memory';
import {
  findPrincipalKindInOrganization,
  insertMemory,
  type MemoryRow,
  memoryIdsInOrganization,
} from '@parley/db/repositories/memories';
import { AppError } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';

export interface CreateMemoryInput {
  content: string;
  system: MemorySystem;
  type: MemoryType;
  segment: MemorySegment;
  thought: string;
  scope?: MemoryScope | undefined;
  subject_id?: string | null | undefined;
  metadata?: { tags?: string[] | undefined; references?: string[] | undefined } | null | undefined;
}

/**
 * Stores a memory from the calling agent. Every rule is checked before anything is written and
 * all broken ones are reported together, keyed by JSON pointer. An unknown subject or reference
 * and another organization's get the same answer, so nothing reveals what exists elsewhere.
 */
export async function createMemory(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: CreateMemoryInput,
): Promise<MemoryRow> {
  const scope = input.scope ?? 'subject';
  const subjectId = input.subject_id ?? null;
  const references = input.metadata?.references ?? [];
  const write = deps.db.transaction().execute(async (trx) => {
    const details: Record<string, string[]> = {};
    const allowed = memoryTypesBySystem[input.system];
    if (!allowed.includes(input.type)) {
      details['/memory/type'] = [`must be one of ${allowed.join(', ')} when system is ${input.system}`];
    }
    if (scope === 'subject' && !subjectId) details['/memory/subject_id'] = ['is required when scope is subject'];
    if (subjectId && !(await findPrincipalKindInOrganization(trx, identity.organizationId, subjectId))) {
      details['/memory/subject_id'] = ['is not a user or agent of your organization'];
    }
    const known = await memoryIdsInOrganization(trx, identity.organizationId, references);
    references.forEach((id, index) => {
      if (!known.has(id)) details[`/memory/metadata/references/${index}`] = ['is not a memory of your organization'];
    });
    const first = Object.entries(details)[0];
    if (first) throw new AppError('validation_error', `${first[0]}: ${first[1][0]}`, details);

    return insertMemory(trx, {
      organization_id: identity.organizationId,
      source_agent_id: identity.agentId,
      subject_id: subjectId,
      scope,
      system: input.system,
      type: input.type,
      segment: input.segment,
      content: input.content,
      thought: input.thought,
      status: 'active',
      metadata: JSON.stringify({ tags: input.metadata?.tags ?? [], references }),
    });
  });
  try {
    return await write;
  } catch (error) {
    // The subject was deleted between the check and the insert: the same answer as unknown.
    if ((error as { code?: unknown } | null)?.code === '23503' && subjectId) {
      const message = 'is not a user or agent of your organization';
      throw new AppError('validation_error', `/memory/subject_id: ${message}`, { '/memory/subject_id': [message] });
    }
    throw error;
  }
}
