import { type AgentSortField, countAgents, listAgents, sortValue } from '@parley/db/repositories/agents';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { decodeCursor, encodeCursor } from '../pagination/cursor.js';
import { offsetMetadata, type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';

export interface ListMyAgentsQuery extends PageQuery {
  name?: string | undefined;
  is_external?: boolean | undefined;
  listed_in_directory?: boolean | undefined;
  sort?: AgentSortField | undefined;
  order?: 'asc' | 'desc' | undefined;
}

/**
 * The caller's agents, filtered and sorted, one page in either style. Both metadata shapes are
 * filled whichever style was asked for (the vendor does the same during its transition), so a
 * client can switch to the cursor from any page.
 */
export async function listMyAgents(deps: CoreDeps, identity: UserIdentity, query: ListMyAgentsQuery | undefined) {
  const q = query ?? {};
  const sort = q.sort ?? 'inserted_at';
  const order = q.order ?? 'desc';
  const request = resolvePageRequest(q);
  const filters = {
    ownerId: identity.userId,
    name: q.name,
    isExternal: q.is_external,
    listedInDirectory: q.listed_in_directory,
  };
  const after =
    request.style === 'cursor' && request.cursor
      ? decodeCursor(request.cursor, { sort, order, valueKind: sort === 'name' ? 'text' : 'timestamp' })
      : undefined;
  const [rows, total] = await Promise.all([
    listAgents(deps.db, filters, {
      sort,
      order,
      limit: request.limit + 1,
      ...(request.style === 'offset' ? { offset: request.offset } : {}),
      after,
    }),
    countAgents(deps.db, filters),
  ]);
  const hasMore = rows.length > request.limit;
  const agents = rows.slice(0, request.limit);
  const last = agents.at(-1);
  const nextCursor = hasMore && last ? encodeCursor({ sort, order, value: sortValue(last, sort), id: last.id }) : null;
  const offsetMeta =
    request.style === 'offset'
      ? offsetMetadata(request.page, request.limit, total)
      : { total_count: total, total_pages: Math.ceil(total / request.limit) };
  return {
    agents,
    metadata: { ...offsetMeta, has_more: hasMore, limit: request.limit, next_cursor: nextCursor },
  };
}
