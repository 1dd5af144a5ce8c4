import { AppError } from '../appError.js';

/** The two pagination styles of docs/api.md, resolved from a list's query. */
export type PageRequest =
  | { style: 'offset'; page: number; limit: number; offset: number }
  | { style: 'cursor'; limit: number; cursor: string | undefined };

export interface PageQuery {
  page?: number | undefined;
  page_size?: number | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * Picks the style: `page`/`page_size` → offset, `cursor`/`limit` → cursor, nothing → `fallback`.
 * Mixing the two is a 422 that names the offending parameters.
 */
export function resolvePageRequest(
  query: PageQuery | undefined,
  options: { defaultLimit?: number; fallback?: 'offset' | 'cursor' } = {},
): PageRequest {
  const q = query ?? {};
  const defaultLimit = options.defaultLimit ?? 20;
  const usesOffset = q.page !== undefined || q.page_size !== undefined;
  const usesCursor = q.cursor !== undefined || q.limit !== undefined;
  if (usesOffset && usesCursor) {
    const message = 'Use either cursor/limit or page/page_size, not both';
    throw new AppError('validation_error', message, { '/cursor': [message], '/page': [message] });
  }
  if (usesCursor || (!usesOffset && options.fallback === 'cursor')) {
    return { style: 'cursor', limit: q.limit ?? defaultLimit, cursor: q.cursor };
  }
  const limit = q.page_size ?? defaultLimit;
  const page = q.page ?? 1;
  return { style: 'offset', page, limit, offset: (page - 1) * limit };
}

/** Offset metadata for a page of `limit` rows out of `total`. */
export function offsetMetadata(page: number, limit: number, total: number) {
  return { page, page_size: limit, total_count: total, total_pages: Math.ceil(total / limit) };
}
