import { expect } from 'vitest';
import type { ParleyServer } from '../../src/buildServer.js';
import { FakeModelProvider, type ScriptedAnswer } from './fakeModelProvider.js';
import { makeUser } from './fixtures.js';
import { restClient } from './http.js';
import { eventually } from './realtimeFixtures.js';
import { type SecondInstance, startSecondInstance, startTestServer, type TestServer } from './testServer.js';

export interface PlatformAgentInstance {
  name: 'a' | 'b';
  server: ParleyServer;
  url: string;
}

export interface PlatformAgentInstances {
  fake: FakeModelProvider;
  a: TestServer;
  b: SecondInstance;
  instances(): PlatformAgentInstance[];
  /** The instances that run this agent now (one, except during a take-over). */
  runners(agentId: string): PlatformAgentInstance[];
  close(): Promise<void>;
}

/**
 * Two servers on one PostgreSQL schema (Postgres only: set DATABASE_URL) whose platform agents
 * answer through one fake model provider; it answers `fallback` unless a test scripts otherwise.
 * `env` adds configuration to both, on top of fast scans and retries.
 */
export async function startPlatformAgentInstances(
  fallback: ScriptedAnswer,
  env: Record<string, string> = {},
): Promise<PlatformAgentInstances> {
  const fake = await new FakeModelProvider().start();
  fake.fallback = fallback;
  const config = {
    PARLEY_LLM_BASE_URL: fake.baseUrl,
    PARLEY_LLM_MODELS: 'fake-model',
    PARLEY_LLM_RETRY_DELAY_MS: '100',
    PARLEY_PLATFORM_AGENTS_SCAN_MS: '100',
    ...env,
  };
  // Should a start fail, release what did start: the suite's afterAll has nothing to close yet.
  const a = await startTestServer(config).catch(async (error: unknown) => {
    await fake.stop();
    throw error;
  });
  const b = await startSecondInstance(a, config).catch(async (error: unknown) => {
    await a.close();
    await fake.stop();
    throw error;
  });
  const instances = (): PlatformAgentInstance[] => [
    { name: 'a', server: a.server, url: a.url },
    { name: 'b', server: b.server, url: b.url },
  ];
  return {
    fake,
    a,
    b,
    instances,
    runners: (agentId) => instances().filter((i) => i.server.platformAgents?.running().includes(agentId) ?? false),
    async close() {
      await b.close();
      await a.close();
      await fake.stop();
    },
  };
}

/**
 * A fresh user's platform agent in a room of theirs, once one instance runs it: `ask` sends a
 * message that mentions it, `replies` lists its answers (without the leading mention of the sender).
 */
export async function platformAgentInRoom(world: PlatformAgentInstances, name: string) {
  return platformAgentInRoomOn(world.a, name, (agentId) => world.runners(agentId).length === 1);
}

/** The same on any server: `isRunning` tells when an instance has taken the agent up. */
export async function platformAgentInRoomOn(
  server: { url: string; server: { deps: Parameters<typeof makeUser>[0] } },
  name: string,
  isRunning: (agentId: string) => boolean,
) {
  const api = restClient(server.url);
  const { apiKey } = await makeUser(server.server.deps);
  const agent = await api.post<{ data: { id: string } }>('/me/agents', {
    key: apiKey,
    body: { agent: { name, instructions: 'x' } },
  });
  expect(agent.status, agent.text).toBe(201);
  const agentId = agent.body.data.id;
  const created = await api.post<{ data: { id: string } }>('/me/chats', { key: apiKey, body: { chat: {} } });
  const room = created.body.data.id;
  await api.post(`/me/chats/${room}/participants`, {
    key: apiKey,
    body: { participant: { participant_id: agentId } },
  });
  await eventually(() => isRunning(agentId), 'an instance runs the agent');
  const ask = async (content: string) => {
    const sent = await api.post<{ data: { id: string } }>(`/me/chats/${room}/messages`, {
      key: apiKey,
      body: { message: { content, mentions: [{ id: agentId }] } },
    });
    expect(sent.status, sent.text).toBe(201);
    return sent.body.data.id;
  };
  const replies = async () => {
    const listed = await api.get<{ data: Array<{ sender_id: string; content: string }> }>(
      `/me/chats/${room}/messages?page_size=100&message_type=text`,
      { key: apiKey },
    );
    return listed.body.data.filter((m) => m.sender_id === agentId).map((m) => m.content.replace(/^@\S+ /, ''));
  };
  return { agentId, ask, replies };
}
