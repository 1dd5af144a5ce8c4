import { z } from 'zod';

/**
 * Parley's "history in both directions" parameters (docs/history-directions.md): a direction and
 * two exclusive bounds, each the id of an item of the same list (a message of the room, or a room
 * of the caller's). The names are checked against the vendor document: none of its paths that take
 * these uses them, except `order` on `/me/chats`, which already means the same.
 */
export function historyQuery(options: { item: 'message' | 'room'; defaultOrder: 'asc' | 'desc' }) {
  const older = options.item === 'message' ? 'messages older than this message' : 'rooms before this room in the sort';
  const newer = options.item === 'message' ? 'messages newer than this message' : 'rooms after this room in the sort';
  const first =
    options.defaultOrder === 'asc' ? 'oldest (default) or newest first' : 'oldest or newest (default) first';
  return {
    order: z
      .enum(['asc', 'desc'])
      .meta({ description: `Parley extension: ${first}` })
      .optional(),
    before: z
      .uuid()
      .meta({ description: `Parley extension: only ${older} (exclusive)` })
      .optional(),
    after: z
      .uuid()
      .meta({ description: `Parley extension: only ${newer} (exclusive)` })
      .optional(),
  };
}
