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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function isTimestamp(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    ISO_TIMESTAMP.test(value) &&
    !Number.isNaN(Date.parse(value)) &&
    !value.startsWith('0000')
  );
}

/**
 * Reads a cursor back. Everything in it came from the client, so each part is checked before it
 * reaches SQL: the id must be a UUID and a timestamp sort value an ISO timestamp (else a forged
 * cursor would surface as a database error, a 500).
 */
export function decodeCursor(
  cursor: string,
  expected: { sort: string; order: string; valueKind?: 'text' | 'timestamp' },
): { value: string; id: string } {
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
  if (!UUID.test(id)) throw invalid();
  if (expected.valueKind === 'timestamp' && !isTimestamp(value)) throw invalid();
  return { value: String(value), id };
}
