import {
  type MemoryScope,
  type MemorySegment,
  type MemorySystem,
  type MemoryType,
  memoryTypesBySystem,
} from '@parley/contracts/objects/memory';
import type { Executor } from '@parley/db/database';
import {
  findPrincipalKindInOrganization,
  insertMemory,
  type MemoryRow,
  memoryIdsInOrganization,
} from '@parley/db/repositories/memories';
import { AppError, notFound } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';

export interface CreateMemoryInput {
  content: string;
  system: MemorySystem;
  type: MemoryType;
  segment: MemorySegment;
  thought: string;
  scope?: MemoryScope | undefined;
  subject_id?: string | null | undefined;
  /** The room the memory was stored in (a Parley extension); the agent must be in it. */
  chat_room_id?: string | null | undefined;
  metadata?: { tags?: string[] | undefined; references?: string[] | undefined } | null | undefined;
}

const UNKNOWN_SUBJECT = 'is not a user or agent of your organization';

/**
 * Every rule a new memory breaks, keyed by JSON pointer, so a client learns all of them at once.
 * An unknown subject or reference and another organization's get the same answer: nothing tells
 * what exists elsewhere.
 */
async function brokenRules(trx: Executor, identity: AgentIdentity, input: CreateMemoryInput) {
  const details: Record<string, string[]> = {};
  const allowed = memoryTypesBySystem[input.system];
  if (!allowed.includes(input.type)) {
    details['/memory/type'] = [`must be one of ${allowed.join(', ')} when system is ${input.system}`];
  }
  const subjectId = input.subject_id ?? null;
  if ((input.scope ?? 'subject') === 'subject' && !subjectId) {
    details['/memory/subject_id'] = ['is required when scope is subject'];
  }
  if (subjectId && !(await findPrincipalKindInOrganization(trx, identity.organizationId, subjectId))) {
    details['/memory/subject_id'] = [UNKNOWN_SUBJECT];
  }
  const references = input.metadata?.references ?? [];
  const known = await memoryIdsInOrganization(trx, identity.organizationId, references);
  references.forEach((id, index) => {
    if (!known.has(id)) details[`/memory/metadata/references/${index}`] = ['is not a memory of your organization'];
  });
  return details;
}

function validationFailure(details: Record<string, string[]>): AppError {
  const [pointer, messages] = Object.entries(details)[0] ?? ['/', ['is invalid']];
  return new AppError('validation_error', `${pointer}: ${messages[0]}`, details);
}

/** Stores a memory from the calling agent, after checking every rule (docs/memories.md). */
export async function createMemory(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: CreateMemoryInput,
): Promise<MemoryRow> {
  try {
    return await transact(deps, async (trx) => {
      // A room the agent is not in is 404, as everywhere: nothing tells a foreign room exists.
      if (input.chat_room_id) await requireMembership(trx, input.chat_room_id, identity.agentId);
      const details = await brokenRules(trx, identity, input);
      if (Object.keys(details).length > 0) throw validationFailure(details);
      return insertMemory(trx, {
        organization_id: identity.organizationId,
        source_agent_id: identity.agentId,
        subject_id: input.subject_id ?? null,
        chat_room_id: input.chat_room_id ?? null,
        scope: input.scope ?? 'subject',
        system: input.system,
        type: input.type,
        segment: input.segment,
        content: input.content,
        thought: input.thought,
        status: 'active',
        metadata: JSON.stringify({ tags: input.metadata?.tags ?? [], references: input.metadata?.references ?? [] }),
      });
    });
  } catch (error) {
    // The subject was deleted between the check and the insert: the same answer as unknown.
    const e = error as { code?: unknown; constraint?: unknown } | null;
    if (e?.code === '23503' && e.constraint === 'memories_subject_id_fkey') {
      throw validationFailure({ '/memory/subject_id': [UNKNOWN_SUBJECT] });
    }
    // The room was deleted between the check and the insert.
    if (e?.code === '23503' && e.constraint === 'memories_chat_room_id_fkey') throw notFound('Chat room');
    throw error;
  }
}
