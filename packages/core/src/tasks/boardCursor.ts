import { AppError } from '../appError.js';

/**
 * Opaque cursors of the board's lists: a kind, what the list was filtered by, and the last
 * position (a board number or a history row id). A cursor of another list or filter is a 422.
 */
export function encodeBoardCursor(kind: string, position: number): string {
  return Buffer.from(`${kind}|${position}`).toString('base64url');
}

export function decodeBoardCursor(cursor: string | undefined, kind: string): number {
  if (cursor === undefined) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const at = text.lastIndexOf('|');
  const position = Number(text.slice(at + 1));
  if (
    at < 0 ||
    text.slice(0, at) !== kind ||
    !/^\d{1,15}$/.test(text.slice(at + 1)) ||
    !Number.isSafeInteger(position)
  ) {
    throw new AppError('validation_error', 'Invalid cursor', { '/cursor': ['is not a valid cursor'] });
  }
  return position;
}
