import type { z } from 'zod';
import { CursorFirstPageMetadata } from '../pagination.js';

/**
 * Pagination metadata of the memory lists, sent under both `metadata` and `meta` (older clients
 * read `meta`). The cursor fields are always filled; the offset fields only when the list was
 * asked for by `page`/`page_size` (counting every match is what a keyset page avoids).
 */
export const MemoryPageMetadata = CursorFirstPageMetadata.meta({ id: 'MemoryPageMetadata' });
export type MemoryPageMetadata = z.infer<typeof MemoryPageMetadata>;
