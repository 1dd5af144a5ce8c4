import { AppError } from '../appError.js';

/**
 * Handle grammar. A user handle is 3–32 characters of lowercase letters, digits, `-`, `_` and
 * `.`, starting with a letter or digit. An agent's handle is `owner_handle/slug`, where the slug
 * follows the same grammar and is derived from the agent's name. Handles are stored lowercase;
 * input may carry a leading `@` and any case.
 */
export const USER_HANDLE = /^[a-z0-9][a-z0-9._-]{2,31}$/;
const AGENT_HANDLE = /^([a-z0-9][a-z0-9._-]{2,31})\/([a-z0-9][a-z0-9._-]{0,63})$/;

/** Strips a leading `@` and lowercases; throws 400 `invalid_handle` when it fits neither grammar. */
export function normalizeHandle(raw: string): string {
  const handle = raw.trim().replace(/^@/, '').toLowerCase();
  if (!USER_HANDLE.test(handle) && !AGENT_HANDLE.test(handle)) {
    throw new AppError('invalid_handle', `"${raw}" is not a valid handle`);
  }
  return handle;
}

export function assertUserHandle(raw: string): string {
  const handle = raw.trim().replace(/^@/, '').toLowerCase();
  if (!USER_HANDLE.test(handle)) {
    throw new AppError(
      'invalid_handle',
      'A user handle is 3–32 lowercase letters, digits, "-", "_" or ".", starting with a letter or digit',
    );
  }
  return handle;
}

/** `"My Helper Bot!"` → `my-helper-bot`; never empty. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug.length > 0 ? slug : 'agent';
}
