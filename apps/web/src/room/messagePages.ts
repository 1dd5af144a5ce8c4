/**
 * The cache key of a room's message pages. The pages are fetched with the typed client rather
 * than `infiniteQueryOptions`, which adds a `direction` field the strict input refuses.
 */
export function messagePagesKey(roomId: string) {
  return ['human.chats.listMessages', 'pages', roomId] as const;
}
