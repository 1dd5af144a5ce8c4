import { QueryInt } from './scalars.js';

/**
 * Query parameters of a list the vendor pages by offset only (`page`, 1-based, and `page_size`,
 * default 20): no cursor style, so `cursor`/`limit` are unknown properties (400).
 */
export function offsetPageQuery(options: { maxPageSize?: number } = {}) {
  return {
    page: QueryInt.min(1).optional(),
    page_size: QueryInt.min(1)
      .max(options.maxPageSize ?? 100)
      .optional(),
  };
}
