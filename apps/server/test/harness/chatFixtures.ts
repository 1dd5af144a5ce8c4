import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { type ChatApi, chatApi, type Transport } from './chatClients.js';
import { makeUser } from './fixtures.js';
import { restClient } from './http.js';
import type { TestServer } from './testServer.js';

export interface Principal {
  id: string;
  handle: string;
  key: string;
  name: string;
}

/** A user (in `org`, or a fresh organization) as a chat test needs it. */
export async function chatUser(
  ts: TestServer,
  options: { org?: string; firstName?: string } = {},
): Promise<Principal & { org: string; organizationId: string }> {
  const { user, apiKey, organization } = await makeUser(ts.server.deps, options);
  return {
    id: user.id,
    handle: user.handle,
    key: apiKey,
    name: options.firstName ?? user.handle,
    org: organization.slug,
    organizationId: organization.id,
  };
}

/** A fresh organization slug, to put several users in one. */
export function orgSlug(): string {
  return `org-${randomBytes(4).toString('hex')}`;
}

/** An agent registered by its owner through the REST API, with its key. */
export async function chatAgent(ts: TestServer, ownerKey: string, name = `Bot ${randomBytes(2).toString('hex')}`) {
  const response = await restClient(ts.url).post<{
    data: { agent: { id: string; handle: string; name: string }; credentials: { api_key: string } };
  }>('/me/agents/register', { key: ownerKey, body: { agent: { name, description: 'test agent' } } });
  expect(response.status, response.text).toBe(201);
  const { agent, credentials } = response.body.data;
  return { id: agent.id, handle: agent.handle, key: credentials.api_key, name: agent.name } satisfies Principal;
}

/** A room created by `ownerKey` with these participants added (by the owner). */
export async function roomWith(
  api: ChatApi,
  ownerKey: string,
  members: { id: string; role?: 'owner' | 'admin' | 'member' }[] = [],
  title = 'Test room',
): Promise<string> {
  const created = await api.createRoom(ownerKey, { title });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const roomId = (created.body as { data: { id: string } }).data.id;
  for (const member of members) {
    const added = await api.addParticipant(ownerKey, roomId, {
      participant_id: member.id,
      ...(member.role ? { role: member.role } : {}),
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
  }
  return roomId;
}

/** Sends a text message mentioning `mentions` (ids) and returns its id. */
export async function say(api: ChatApi, key: string, roomId: string, content: string, mentions: Principal[]) {
  const sent = await api.send(key, roomId, { content, mentions: mentions.map((m) => ({ id: m.id })) });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return (sent.body as { data: { id: string } }).data.id;
}

/**
 * A user (in a fresh organization) and their agent in a room holding `count` messages `m0`, `m1`…
 * from the user, each mentioning the agent; `ids` in sending order, for the history tests to page.
 */
export async function roomWithHistory(ts: TestServer, transport: Transport, count: number) {
  const api = chatApi(ts.url, transport);
  const user = await chatUser(ts, { org: orgSlug() });
  const agent = await chatAgent(ts, user.key);
  const roomId = await roomWith(api, user.key, [{ id: agent.id }]);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await say(api, user.key, roomId, `m${i}`, [agent]));
  return { api, user, agent, roomId, ids };
}
