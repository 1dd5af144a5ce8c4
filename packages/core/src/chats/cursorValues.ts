import { AppError } from '../appError.js';
import { decodeCursor } from '../pagination/cursor.js';

/**
 * True when Postgres can read `text` as a timestamptz. ISO-8601 allows year 0000, which Postgres
 * refuses ("date/time field value out of range"): such input must be a 422, not a 500.
 */
export function isSqlTimestamp(text: string): boolean {
  return !Number.isNaN(Date.parse(text)) && !/^0000-/.test(text);
}

const invalid = () => new AppError('validation_error', 'Invalid cursor', { '/cursor': ['is not a valid cursor'] });

/**
 * Decodes a cursor whose position is a timestamp. The value reaches SQL as a timestamptz, so a
 * forged cursor must fail here with a 422, not in the database with a 500.
 */
export function decodeTimestampCursor(cursor: string, expected: { sort: string; order: string }) {
  return decodeCursor(cursor, { ...expected, valueKind: 'timestamp' });
}

/** Decodes a cursor whose position is a message `seq` (a positive integer). */
export function decodeSeqCursor(cursor: string, expected: { sort: string; order: string }) {
  const position = decodeCursor(cursor, expected);
  if (!/^\d{1,15}$/.test(position.value)) throw invalid();
  return { seq: Number(position.value), id: position.id };
}
