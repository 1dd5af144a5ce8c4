import { z } from 'zod';
import { MemorySegment, MemorySystem, MemoryType, memoryStatuses } from './objects/memory.js';
import { paginationQuery } from './pagination.js';
import { QueryInt } from './scalars.js';

/** Postgres text cannot hold NUL: such input is a 422 here, not a database error later. */
export function withoutNul(schema: z.ZodString) {
  return schema.refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');
}

/**
 * Query parameters both memory lists share: the attribute filters and both pagination styles.
 * `page_size` stops at 50 (docs/api.md); `limit` at 100, as the vendor documents it.
 */
export const MemoryListFilters = {
  system: MemorySystem.optional(),
  type: MemoryType.optional(),
  segment: MemorySegment.optional(),
  content_query: withoutNul(z.string().max(500))
    .optional()
    .meta({ description: 'Case-insensitive substring of the content' }),
  status: z
    .enum([...memoryStatuses, 'all'])
    .optional()
    .meta({ description: 'active (default), superseded, archived or all' }),
  ...paginationQuery({ maxPageSize: 50 }),
  limit: QueryInt.min(1).max(100).optional(),
};

/** The path of every single-memory operation. A malformed id is a 422, never a database error. */
export const MemoryIdInput = z.strictObject({ id: z.uuid().meta({ description: 'Memory id' }) });
