import type { MemorySegment, MemorySystem, MemoryType } from '@parley/contracts/objects/memory';
import type { MemoryPageMetadata } from '@parley/contracts/objects/memoryPageMetadata';
import { countMemories, listMemories, type MemoryFilters, type MemoryRow } from '@parley/db/repositories/memories';
import { AppError } from '../appError.js';
import type { CoreDeps } from '../deps.js';
import { decodeCursor, encodeCursor } from '../pagination/cursor.js';
import { offsetMetadata, type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';

/** The attribute filters both memory lists take (besides who sees what). */
export interface MemoryAttributeQuery extends PageQuery {
  system?: MemorySystem | undefined;
  type?: MemoryType | undefined;
  segment?: MemorySegment | undefined;
  content_query?: string | undefined;
  status?: 'active' | 'superseded' | 'archived' | 'all' | undefined;
}

/** The query's attribute filters; `status` defaults to active, `all` lifts it. */
export function attributeFilters(q: MemoryAttributeQuery) {
  return {
    status: q.status === 'all' ? undefined : (q.status ?? 'active'),
    system: q.system,
    type: q.type,
    segment: q.segment,
    contentQuery: q.content_query || undefined,
  } satisfies Partial<MemoryFilters>;
}

const ORDER = { sort: 'inserted_at', order: 'desc' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A timestamp both JavaScript and Postgres read as written (no Feb 30, no year 0). */
function isExactTimestamp(value: string): boolean {
  if (!ISO_MICROS.test(value) || value.startsWith('0000')) return false;
  const parsed = Date.parse(value);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 19) === value.slice(0, 19);
}

function decodeMemoryCursor(cursor: string) {
  const { value, id } = decodeCursor(cursor, ORDER);
  // The value goes to SQL as a timestamp: a forged one must be a 422, not a database error.
  // decodeCursor's id check lets 36 dashes through; Postgres would refuse them as a uuid.
  if (!isExactTimestamp(value) || !UUID.test(id)) {
    throw new AppError('validation_error', 'Invalid cursor', { '/cursor': ['is not a valid cursor'] });
  }
  return { insertedAt: value, id };
}

/**
 * One page of memories, newest first, in the style the query asked for (offset by default, as
 * older clients expect). The cursor fields are always filled, so a client can switch to the
 * cursor from any page; the total is only counted for offset pages.
 */
export async function pageOfMemories(
  deps: CoreDeps,
  filters: MemoryFilters,
  query: PageQuery,
): Promise<{ memories: MemoryRow[]; metadata: MemoryPageMetadata }> {
  const request = resolvePageRequest(query);
  const after = request.style === 'cursor' && request.cursor ? decodeMemoryCursor(request.cursor) : undefined;
  const [rows, total] = await Promise.all([
    listMemories(deps.db, filters, {
      limit: request.limit + 1,
      offset: request.style === 'offset' ? request.offset : undefined,
      after,
    }),
    request.style === 'offset' ? countMemories(deps.db, filters) : Promise.resolve(undefined),
  ]);
  const hasMore = rows.length > request.limit;
  const memories = rows.slice(0, request.limit);
  const last = memories.at(-1);
  const nextCursor = hasMore && last ? encodeCursor({ ...ORDER, value: last.inserted_at, id: last.id }) : null;
  const offsetMeta =
    request.style === 'offset' && total !== undefined ? offsetMetadata(request.page, request.limit, total) : {};
  return { memories, metadata: { ...offsetMeta, has_more: hasMore, limit: request.limit, next_cursor: nextCursor } };
}
