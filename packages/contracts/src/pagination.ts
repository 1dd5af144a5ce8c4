import { z } from 'zod';
import { QueryInt } from './scalars.js';

/**
 * Query parameters of a list that supports both pagination styles (spec §1.4). Offset style:
 * `page` (1-based) and `page_size`; cursor style: `cursor` and `limit`. Mixing them is a 422.
 */
export function paginationQuery(options: { maxPageSize?: number; defaultLimit?: number } = {}) {
  const max = options.maxPageSize ?? 100;
  return {
    page: QueryInt.min(1).optional(),
    page_size: QueryInt.min(1).max(max).optional(),
    cursor: z.string().min(1).max(512).optional(),
    limit: QueryInt.min(1).max(max).optional(),
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

/** Metadata of a list answered in either style: the keys of the style used are filled. */
export const PageMetadata = z.object({
  page: z.number().int().optional(),
  page_size: z.number().int().optional(),
  total_count: z.number().int().optional(),
  total_pages: z.number().int().optional(),
  has_more: z.boolean().optional(),
  limit: z.number().int().optional(),
  next_cursor: z.string().nullable().optional(),
});
export type PageMetadata = z.infer<typeof PageMetadata>;
