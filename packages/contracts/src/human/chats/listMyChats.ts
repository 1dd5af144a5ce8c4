import { z } from 'zod';
import { historyQuery } from '../../historyQuery.js';
import { chatRoomStatuses, chatRoomTypes, MeChatRoom } from '../../objects/chatRoom.js';
import { operation } from '../../operationMeta.js';
import { CountedPageMetadata, paginationQuery } from '../../pagination.js';

export const listMyChatsMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/chats',
  operationId: 'listMyChats',
  summary: 'List your chat rooms',
  description:
    'Rooms you participate in. Filters: `status`, `type`. Sort with `sort_by` (`inserted_at`, default, or ' +
    '`updated_at`) and `order` (default `desc`). Pages by `cursor`/`limit` (a cursor is valid only for the ' +
    'sort it was issued under) or by `page`/`page_size` (not both); the metadata carries both shapes.\n\n' +
    '**Parley extension: bounds.** `before`/`after` take the id of one of your rooms and keep only rooms ' +
    'before / after it in the `sort_by` key (exclusive, then by id; a room that is not yours is a 422), with ' +
    '`cursor`/`limit` pages. On `inserted_at` (immutable) the bounds and cursors are stable while rooms are ' +
    'active; on `updated_at` a room renamed meanwhile moves.',
  tags: ['humanApiChats'],
});

export const ListMyChatsInput = z
  .strictObject({
    status: z.enum(chatRoomStatuses).optional(),
    type: z.enum(chatRoomTypes).optional(),
    sort_by: z.enum(['inserted_at', 'updated_at']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    ...paginationQuery(),
    before: historyQuery({ item: 'room', defaultOrder: 'desc' }).before,
    after: historyQuery({ item: 'room', defaultOrder: 'desc' }).after,
  })
  .optional();

export const ListMyChatsOutput = z.object({
  data: z.array(MeChatRoom),
  metadata: CountedPageMetadata,
});
