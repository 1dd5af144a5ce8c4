import { seqOfMessageInRoom } from '@parley/db/repositories/messages';
import { validationError } from '../appError.js';
import { decodeSeqCursor } from '../chats/cursorValues.js';
import type { CoreDeps } from '../deps.js';
import type { PageQuery, PageRequest } from '../pagination/pageRequest.js';

/** Parley's extension of the message lists: direction and bounds (docs/history-directions.md). */
export interface HistoryQuery {
  order?: 'asc' | 'desc' | undefined;
  before?: string | undefined;
  after?: string | undefined;
}

/** The exclusive `seq` range one page is read from: (afterSeq, beforeSeq). */
export interface SeqRange {
  afterSeq: number;
  beforeSeq: number;
}

/** A list's cursor identity per direction: a cursor of one direction is refused by the other (422). */
export function directionCursors(sort: string) {
  return { asc: { sort, order: 'asc' }, desc: { sort, order: 'desc' } } as const;
}

/** Bounds work with keyset pages only: a total of a bounded range would need another count. */
export function refuseBoundsWithOffsetPages(q: PageQuery & HistoryQuery) {
  const offsetStyle = q.page !== undefined || q.page_size !== undefined;
  if (offsetStyle && (q.before !== undefined || q.after !== undefined)) {
    throw validationError(
      q.before !== undefined ? '/before' : '/after',
      'works with cursor/limit pages, not page/page_size',
    );
  }
}

async function boundSeq(deps: CoreDeps, roomId: string, messageId: string | undefined, pointer: string) {
  if (messageId === undefined) return undefined;
  const seq = await seqOfMessageInRoom(deps.db, roomId, messageId);
  if (seq === undefined) throw validationError(pointer, 'is not a message of this room');
  return seq;
}

/**
 * The `seq` range of one page: the `before`/`after` messages bound it, and the cursor (the last row
 * of the previous page) moves the bound on the page's own side, so a cursor continues in its
 * direction within the same bounds. Everything is keyset on `seq` (total, immutable, unique, and in
 * commit order within a room), so a page never shifts when messages arrive.
 */
export async function resolveHistoryRange(
  deps: CoreDeps,
  roomId: string,
  q: HistoryQuery,
  request: PageRequest,
  cursor: { sort: string; order: 'asc' | 'desc' },
): Promise<SeqRange> {
  const afterBound = await boundSeq(deps, roomId, q.after, '/after');
  const beforeBound = await boundSeq(deps, roomId, q.before, '/before');
  const at = request.style === 'cursor' && request.cursor ? decodeSeqCursor(request.cursor, cursor).seq : undefined;
  const none = Number.MAX_SAFE_INTEGER;
  return {
    afterSeq: Math.max(afterBound ?? 0, cursor.order === 'asc' ? (at ?? 0) : 0),
    beforeSeq: Math.min(beforeBound ?? none, cursor.order === 'desc' ? (at ?? none) : none),
  };
}
