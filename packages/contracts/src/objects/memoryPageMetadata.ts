import { z } from 'zod';

/**
 * Pagination metadata of the memory lists, sent under both `metadata` and `meta` (older clients
 * read `meta`). The cursor fields are always filled; the offset fields only when the list was
 * asked for by `page`/`page_size` (counting every match is what a keyset page avoids).
 */
export const MemoryPageMetadata = z
  .object({
    page: z.number().int().optional(),
    page_size: z.number().int().optional(),
    total_count: z.number().int().optional(),
    total_pages: z.number().int().optional(),
    has_more: z.boolean(),
    limit: z.number().int(),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'MemoryPageMetadata' });
export type MemoryPageMetadata = z.infer<typeof MemoryPageMetadata>;
