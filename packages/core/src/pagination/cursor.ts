import { AppError } from '../appError.js';

/**
 * Opaque keyset cursors: base64url JSON of the last row's position plus what it was sorted by, so
 * a cursor replayed against another sort is refused (422) instead of returning a wrong page.
 */
export function encodeCursor(position: { sort: string; order: string; value: string | number; id: string }): string {
  return Buffer.from(JSON.stringify([position.sort, position.order, position.value, position.id])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string, expected: { sort: string; order: string }): { value: string; id: string } {
  const invalid = () => new AppError('validation_error', 'Invalid cursor', { '/cursor': ['is not a valid cursor'] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid();
  const [sort, order, value, id] = parsed as unknown[];
  if (sort !== expected.sort || order !== expected.order) {
    throw new AppError('validation_error', 'The cursor belongs to another sort order', {
      '/cursor': ['was issued for another sort or order'],
    });
  }
  if ((typeof value !== 'string' && typeof value !== 'number') || typeof id !== 'string') throw invalid();
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw invalid();
  return { value: String(value), id };
}
