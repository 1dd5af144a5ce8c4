import { encodeCursor } from '../pagination/cursor.js';
import { offsetMetadata, type PageRequest } from '../pagination/pageRequest.js';

/** Pagination metadata of a message list: cursor keys always, offset keys in offset style. */
export interface MessagePageMetadata {
  has_more: boolean;
  limit: number;
  next_cursor: string | null;
  page?: number;
  page_size?: number;
  total_count?: number;
  total_pages?: number;
}

/**
 * Cuts a page fetched with one extra row into the rows to return and its metadata. Message lists
 * are keyset-paginated on `seq` (total, immutable, unique), so a page never shifts when messages
 * arrive; `total` is counted only for the offset style that needs it.
 */
export function messagePage<T extends { seq: number; id: string }>(
  rows: T[],
  request: PageRequest,
  cursor: { sort: string; order: 'asc' | 'desc' },
  total?: number,
): { rows: T[]; metadata: MessagePageMetadata } {
  const hasMore = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  const metadata: MessagePageMetadata = {
    has_more: hasMore,
    limit: request.limit,
    next_cursor: hasMore && last ? encodeCursor({ ...cursor, value: last.seq, id: last.id }) : null,
    ...(request.style === 'offset' && total !== undefined ? offsetMetadata(request.page, request.limit, total) : {}),
  };
  return { rows: page, metadata };
}
