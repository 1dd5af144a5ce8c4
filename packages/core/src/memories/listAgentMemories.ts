import type { MemoryBranch } from '@parley/db/repositories/memories';
import { validationError } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { attributeFilters, type MemoryAttributeQuery, pageOfMemories } from './memoryListPage.js';

export interface ListAgentMemoriesQuery extends MemoryAttributeQuery {
  subject_id?: string | undefined;
  scope?: 'subject' | 'organization' | 'all' | undefined;
}

/**
 * Memories of the agent's organization. Subject-scoped memories are read about one subject at a
 * time (`subject_id`); organization-scoped ones are everyone's. The default (`all`) is both: what
 * an agent wants to recall when it talks to someone (docs/memories.md).
 */
export async function listAgentMemories(
  deps: CoreDeps,
  identity: AgentIdentity,
  query: ListAgentMemoriesQuery | undefined,
) {
  const q = query ?? {};
  const scope = q.scope ?? 'all';
  if (scope === 'subject' && !q.subject_id) {
    throw validationError('/subject_id', 'is required when scope is subject');
  }
  const branches: MemoryBranch[] = [];
  if (scope !== 'organization' && q.subject_id) {
    branches.push({ kind: 'about', subjectId: q.subject_id, scope: 'subject' });
  }
  if (scope !== 'subject') branches.push({ kind: 'organization_scope' });
  return pageOfMemories(deps, { organizationId: identity.organizationId, branches, ...attributeFilters(q) }, q);
}
