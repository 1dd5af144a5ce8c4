const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when a string, or any key or string inside a JSON value, is something Postgres cannot
 * store faithfully: a NUL character (refused in `text`, and as `\u0000` in `jsonb`) or a lone
 * UTF-16 surrogate (refused in `jsonb`, silently replaced in `text`). Such input is refused with a
 * 422 before it reaches the database, where it would fail as a 500 or be altered.
 */
export function isUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(isUnstorableText);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => isUnstorableText(key) || isUnstorableText(inner));
  }
  return false;
}

export const UNSTORABLE_TEXT = 'must not contain NUL characters or unpaired surrogates';
