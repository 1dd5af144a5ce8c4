import { AppError } from '@parley/core/appError';
import type { WebRequest } from './context.js';

/**
 * Refuses a cookie-carrying state change that did not come from this server's own pages.
 * Browsers send `Origin` with every POST, so a missing one is refused too. SameSite=Lax already
 * keeps the cookie off cross-site POSTs; this is the second lock.
 */
export function assertSameOrigin(web: WebRequest): void {
  if (!web.origin || web.origin !== web.ownOrigin) {
    throw new AppError('forbidden', 'Cross-site request refused: the Origin does not match this server');
  }
}
