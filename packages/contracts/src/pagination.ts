import { z } from 'zod';
import { offsetPageQuery } from './offsetPageQuery.js';
import { QueryInt } from './scalars.js';

/**
 * Query parameters of a list that supports both pagination styles (docs/api.md). Offset style:
 * `page` (1-based) and `page_size`; cursor style: `cursor` and `limit`. Mixing them is a 422.
 */
export function paginationQuery(options: { maxPageSize?: number } = {}) {
  return {
    ...offsetPageQuery(options),
    cursor: z.string().min(1).max(512).optional(),
    limit: QueryInt.min(1)
      .max(options.maxPageSize ?? 100)
      .optional(),
  };
}

export const OffsetMetadata = z.object({
  page: z.number().int(),
  page_size: z.number().int(),
  total_count: z.number().int(),
  total_pages: z.number().int(),
});

export const CursorMetadata = z.object({
  has_more: z.boolean(),
  limit: z.number().int(),
  next_cursor: z.string().nullable(),
});

/**
 * Metadata of a list that pages either way and always counts: cursor keys always, `page` and
 * `page_size` in offset style, totals always (rooms, participants, agents).
 */
export const CountedPageMetadata = z.object({
  page: z.number().int().optional(),
  page_size: z.number().int().optional(),
  total_count: z.number().int(),
  total_pages: z.number().int(),
  ...CursorMetadata.shape,
});

/**
 * Metadata of a list that counts only in offset style (messages, memories): cursor keys always,
 * offset keys and totals only when asked for by `page`/`page_size` (a keyset page avoids counting).
 */
export const CursorFirstPageMetadata = z.object({
  ...CursorMetadata.shape,
  page: z.number().int().optional(),
  page_size: z.number().int().optional(),
  total_count: z.number().int().optional(),
  total_pages: z.number().int().optional(),
});
