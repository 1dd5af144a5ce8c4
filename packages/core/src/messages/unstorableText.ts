/**
 * True when a string, or any key or string inside a JSON value, holds a NUL character. Postgres
 * stores neither NUL in `text` nor `\u0000` in `jsonb`, so such input is refused with a 422
 * before it reaches the database (where it would fail as a 500).
 */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || containsNul(inner));
  }
  return false;
}
