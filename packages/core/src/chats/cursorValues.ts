import { AppError } from '../appError.js';
import { decodeCursor } from '../pagination/cursor.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const invalid = () => new AppError('validation_error', 'Invalid cursor', { '/cursor': ['is not a valid cursor'] });

/**
 * Decodes a cursor whose position is a timestamp. The value reaches SQL as a timestamptz, so a
 * forged cursor must fail here with a 422, not in the database with a 500.
 */
export function decodeTimestampCursor(cursor: string, expected: { sort: string; order: string }) {
  const position = decodeCursor(cursor, expected);
  if (!ISO_TIMESTAMP.test(position.value) || Number.isNaN(Date.parse(position.value))) throw invalid();
  return position;
}

/** Decodes a cursor whose position is a message `seq` (a positive integer). */
export function decodeSeqCursor(cursor: string, expected: { sort: string; order: string }) {
  const position = decodeCursor(cursor, expected);
  if (!/^\d{1,15}$/.test(position.value)) throw invalid();
  return { seq: Number(position.value), id: position.id };
}
