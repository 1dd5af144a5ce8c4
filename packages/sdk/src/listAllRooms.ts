import type { AgentClient } from './createAgentClient.js';

/** The ids of every room the agent is in, page by page (100 at a time). */
export async function listAllRooms(client: AgentClient, signal?: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await client.agent.chats.list.query({ limit: 100, ...(cursor ? { cursor } : {}) }, { signal });
    for (const room of page.data) ids.push(room.id);
    if (!page.metadata.has_more || !page.metadata.next_cursor) return ids;
    cursor = page.metadata.next_cursor;
  }
}
