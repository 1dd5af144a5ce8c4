import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeModelProvider, textAnswer, toolAnswer } from './harness/fakeModelProvider.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { eventually } from './harness/realtimeFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { trpcClient } from './harness/trpcClient.js';
import { expectVendorShape } from './harness/vendorContract.js';

/**
 * Platform agents at work (issue 15): a fake OpenAI-compatible provider on a local port answers
 * from a script; everything else goes through the public API of a real server.
 */
const SECRET = 'sk-runtime-test-secret-key';
let fake: FakeModelProvider;
let ts: TestServer;
const api = restClient(() => ts.url);

beforeAll(async () => {
  fake = await new FakeModelProvider().start();
  ts = await startTestServer({
    PARLEY_LLM_BASE_URL: fake.baseUrl,
    PARLEY_LLM_MODELS: 'fake-model',
    PARLEY_LLM_API_KEY: SECRET,
    PARLEY_LLM_TIMEOUT_MS: '1000',
    PARLEY_LLM_RETRY_DELAY_MS: '100',
    PARLEY_LLM_MAX_ATTEMPTS: '3',
    PARLEY_PLATFORM_AGENTS_SCAN_MS: '100',
  });
});
afterAll(async () => {
  await ts?.close();
  await fake?.stop();
});
beforeEach(() => {
  fake.fallback = textAnswer('Fallback answer.');
});

interface Message {
  id: string;
  content: string;
  message_type: string;
  sender_id: string;
  metadata: Record<string, unknown>;
}
interface Delivery {
  status: string;
  current_attempt: number;
  attempts: Array<{ attempt_number: number; status: string; error: string | null }>;
}

/** A user, a platform agent of theirs and a room with both. */
async function world(instructions = 'You are terse.', role: 'member' | 'admin' = 'member') {
  const { apiKey, user } = await makeUser(ts.server.deps, { firstName: 'Ada' });
  const agent = await api.post<{ data: { id: string; handle: string } }>('/me/agents', {
    key: apiKey,
    body: { agent: { name: 'Helper', description: 'Helps', instructions, temperature: 0.3 } },
  });
  expect(agent.status, agent.text).toBe(201);
  const room = await api.post<{ data: { id: string } }>('/me/chats', {
    key: apiKey,
    body: { chat: { title: 'Work' } },
  });
  const roomId = room.body.data.id;
  const added = await api.post(`/me/chats/${roomId}/participants`, {
    key: apiKey,
    body: { participant: { participant_id: agent.body.data.id, role } },
  });
  expect(added.status, added.text).toBe(201);
  await eventually(() => ts.server.platformAgents?.running().includes(agent.body.data.id) ?? false, 'the agent runs');
  return { key: apiKey, userId: user.id, agentId: agent.body.data.id, roomId };
}

async function mention(w: { key: string; roomId: string; agentId: string }, content: string): Promise<string> {
  const sent = await api.post<{ data: { id: string } }>(`/me/chats/${w.roomId}/messages`, {
    key: w.key,
    body: { message: { content, mentions: [{ id: w.agentId }] } },
  });
  expect(sent.status, sent.text).toBe(201);
  return sent.body.data.id;
}

async function messages(w: { key: string; roomId: string }): Promise<Message[]> {
  const listed = await api.get<{ data: Message[] }>(`/me/chats/${w.roomId}/messages?page_size=100`, { key: w.key });
  expectVendorShape('listMyChatMessages', listed);
  return listed.body.data.slice().reverse();
}

async function deliveryOf(w: { key: string; roomId: string; agentId: string }, messageId: string) {
  const found = (await messages(w)).find((m) => m.id === messageId);
  return (found?.metadata.delivery_status as Record<string, Delivery> | undefined)?.[w.agentId];
}

/** The delivery once `count` attempts have all ended `failed`. */
async function failedTimes(w: { key: string; roomId: string; agentId: string }, messageId: string, count: number) {
  return eventually(async () => {
    const delivery = await deliveryOf(w, messageId);
    const ended = delivery?.attempts.filter((a) => a.status === 'failed').length ?? 0;
    return delivery?.status === 'failed' && ended >= count ? delivery : undefined;
  }, `${count} failed attempts`);
}

async function settled(w: { key: string; roomId: string; agentId: string }, messageId: string, status: string) {
  return eventually(async () => {
    const delivery = await deliveryOf(w, messageId);
    return delivery?.status === status ? delivery : undefined;
  }, `message ${status}`);
}

describe('a platform agent answers a mention', () => {
  it('marks it processing then processed, and replies mentioning the sender with the model’s text', async () => {
    const w = await world('Always answer in one sentence.');
    fake.answer(
      textAnswer('Paris is the capital of France.', { prompt_tokens: 40, completion_tokens: 9, total_tokens: 49 }),
    );
    const before = fake.requests.length;
    const asked = await mention(w, 'What is the capital of France?');
    const delivery = await settled(w, asked, 'processed');
    expect(delivery.attempts.map((a) => a.status)).toEqual(['success']);

    const all = await messages(w);
    const reply = all.find((m) => m.sender_id === w.agentId && m.message_type === 'text');
    // The room writes the mention into the text: `@handle Paris is …`.
    expect(reply?.content).toMatch(/^@\S+ Paris is the capital of France\.$/);
    expect(reply?.metadata.mentions).toEqual([expect.objectContaining({ id: w.userId })]);
    const usage = all.find((m) => m.sender_id === w.agentId && m.message_type === 'task');
    expect(usage?.metadata).toMatchObject({
      kind: 'token_usage',
      model: 'fake-model',
      message_id: asked,
      reply_id: expect.any(String),
      usage: { prompt_tokens: 40, completion_tokens: 9, total_tokens: 49, model_calls: 1 },
    });

    const request = fake.requests[before];
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(request?.body.model).toBe('fake-model');
    expect(request?.body.temperature).toBe(0.3);
    expect(request?.body.messages[0]).toMatchObject({ role: 'system' });
    expect(request?.body.messages[0]?.content).toContain('Always answer in one sentence.');
    expect(request?.body.messages.at(-1)).toEqual({ role: 'user', content: '[Ada]: What is the capital of France?' });
  });

  it('sees the room’s earlier exchange as the conversation', async () => {
    const w = await world();
    fake.answer(textAnswer('First answer.'));
    await settled(w, await mention(w, 'first question'), 'processed');
    fake.answer(textAnswer('Second answer.'));
    const before = fake.requests.length;
    await settled(w, await mention(w, 'second question'), 'processed');
    const turns = fake.requests[before]?.body.messages.slice(1).map((m) => [m.role, m.content]);
    expect(turns).toEqual([
      ['user', '[Ada]: first question'],
      ['assistant', 'First answer.'],
      ['user', '[Ada]: second question'],
    ]);
  });

  it('runs a tool: its thought, call and result are posted as events, and the memory is stored', async () => {
    const w = await world();
    fake.answer(
      toolAnswer(
        'store_memory',
        { content: 'Ada likes tea', thought: 'a preference', system: 'long_term', type: 'semantic', segment: 'user' },
        'I should remember that.',
      ),
      textAnswer('Noted: you like tea.'),
    );
    const before = fake.requests.length;
    const asked = await mention(w, 'Remember that I like tea');
    await settled(w, asked, 'processed');

    const all = await messages(w);
    const steps = all.filter((m) => m.sender_id === w.agentId).map((m) => m.message_type);
    expect(steps).toEqual(['thought', 'tool_call', 'tool_result', 'text', 'task']);
    const call = all.find((m) => m.message_type === 'tool_call');
    expect(call?.metadata).toMatchObject({ name: 'store_memory', arguments: { content: 'Ada likes tea' } });
    const result = all.find((m) => m.message_type === 'tool_result');
    expect(result?.metadata).toMatchObject({ name: 'store_memory', ok: true });

    const memories = await api.get<{ data: Array<{ content: string; subject_id: string; source_agent_id: string }> }>(
      '/me/memories?scope=about_me',
      { key: w.key },
    );
    expect(memories.body.data).toEqual([
      expect.objectContaining({ content: 'Ada likes tea', subject_id: w.userId, source_agent_id: w.agentId }),
    ]);
    // The model read the tool's result before answering.
    const second = fake.requests[before + 1]?.body.messages.at(-1);
    expect(second).toMatchObject({ role: 'tool', tool_call_id: 'call_store_memory' });
    expect(second?.content).toContain('Ada likes tea');
  });

  it('reports a refused tool call to the model instead of failing the message', async () => {
    const w = await world();
    fake.answer(
      toolAnswer('supersede_memory', { id: '00000000-0000-4000-8000-000000000000' }),
      textAnswer('That memory does not exist.'),
    );
    const before = fake.requests.length;
    await settled(w, await mention(w, 'forget that'), 'processed');
    const toolTurn = fake.requests[before + 1]?.body.messages.at(-1);
    expect(toolTurn?.content).toContain('not_found');
    const result = (await messages(w)).find((m) => m.message_type === 'tool_result');
    expect(result?.metadata).toMatchObject({ ok: false });
  });
});

describe('adding a participant', () => {
  it('works where the room’s rules allow it (an admin agent), and is refused to a member agent', async () => {
    for (const role of ['member', 'admin'] as const) {
      const w = await world('x', role);
      const peer = await api.post<{ data: { agent: { id: string } } }>('/me/agents/register', {
        key: w.key,
        body: { agent: { name: `Peer ${role}`, description: '' } },
      });
      const peerId = peer.body.data.agent.id;
      fake.answer(toolAnswer('add_participant', { participant_id: peerId }), textAnswer('Done.'));
      await settled(w, await mention(w, 'add my other agent'), 'processed');
      const result = (await messages(w)).find((m) => m.message_type === 'tool_result');
      const participants = await api.get<{ data: Array<{ id: string }> }>(`/me/chats/${w.roomId}/participants`, {
        key: w.key,
      });
      const present = participants.body.data.some((p) => p.id === peerId);
      if (role === 'admin') {
        expect(result?.metadata).toMatchObject({ name: 'add_participant', ok: true });
        expect(present).toBe(true);
      } else {
        expect(result?.metadata).toMatchObject({ name: 'add_participant', ok: false });
        expect(result?.content).toContain('forbidden');
        expect(present).toBe(false);
      }
    }
  });
});

describe('over native tRPC', () => {
  it('a person creates a platform agent, mentions it and gets the answer', async () => {
    const { apiKey, user } = await makeUser(ts.server.deps);
    const client = trpcClient(ts.url, apiKey);
    const agent = (await client.human.agents.create.mutate({ agent: { name: 'Native', instructions: 'Hi.' } })).data;
    const room = (await client.human.chats.create.mutate({ chat: { title: 'Native room' } })).data;
    await client.human.chats.addParticipant.mutate({ chat_id: room.id, participant: { participant_id: agent.id } });
    await eventually(() => ts.server.platformAgents?.running().includes(agent.id) ?? false, 'the agent runs');
    fake.answer(textAnswer('Hello over tRPC.'));
    await client.human.chats.sendMessage.mutate({
      chat_id: room.id,
      message: { content: 'hello', mentions: [{ id: agent.id }] },
    });
    const reply = await eventually(async () => {
      const listed = await client.human.chats.listMessages.query({ chat_id: room.id, message_type: 'text' });
      return listed.data.find((m) => m.sender_id === agent.id);
    }, 'the reply');
    expect(reply.content).toMatch(/Hello over tRPC\.$/);
    expect(reply.metadata.mentions).toEqual([expect.objectContaining({ id: user.id })]);
  });
});

describe('provider failures', () => {
  it('a 429 and a 500 mark the message failed with a readable error, then it is retried and answered', async () => {
    const w = await world();
    fake.answer(
      { status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down' } } },
      { status: 500, body: { error: { message: `upstream exploded for key ${SECRET}` } } },
      textAnswer('Third time lucky.'),
    );
    const asked = await mention(w, 'hello?');
    const delivery = await settled(w, asked, 'processed');
    expect(delivery.attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'success']);
    expect(delivery.attempts[0]?.error).toContain('rate limiting (HTTP 429)');
    expect(delivery.attempts[0]?.error).toContain('retry after 1 s');
    expect(delivery.attempts[1]?.error).toContain('failed (HTTP 500): upstream exploded');
    expect(JSON.stringify(await messages(w))).not.toContain(SECRET);
    expect((await messages(w)).some((m) => m.content.endsWith(' Third time lucky.'))).toBe(true);
  });

  it('timeouts and malformed answers fail every attempt up to the limit, then the message stays failed', async () => {
    const w = await world();
    fake.answer({ delayMs: 3_000, ...textAnswer('too late') }, { body: 'this is not json' }, { body: { choices: [] } });
    const asked = await mention(w, 'are you there?');
    const final = await failedTimes(w, asked, 3);
    expect(final.attempts.map((a) => a.error)).toEqual([
      expect.stringContaining('did not answer within 1 s'),
      expect.stringContaining('malformed answer (not JSON)'),
      expect.stringContaining('malformed answer (no choices[0].message)'),
    ]);
    // Nothing crashed: the server still serves, and the agent still answers the next message.
    fake.answer(textAnswer('Back again.'));
    await settled(w, await mention(w, 'and now?'), 'processed');
  });

  it('an unreachable provider fails the message with a readable error', async () => {
    const w = await world();
    fake.fallback = { status: 503, body: '<html>Service Unavailable</html>' };
    const asked = await mention(w, 'ping');
    const final = await failedTimes(w, asked, 3);
    expect(final.attempts[0]?.error).toBe('the model provider failed (HTTP 503)');
  });
});

describe('the provider key', () => {
  it('never appears in a response', async () => {
    const w = await world();
    const bodies = await Promise.all([
      api.get(`/me/agents/${w.agentId}/platform`, { key: w.key }),
      api.get('/me/agents', { key: w.key }),
      api.get(`/me/chats/${w.roomId}/messages`, { key: w.key }),
      api.get('/openapi.json'),
    ]);
    for (const body of bodies) expect(body.text).not.toContain(SECRET);
  });
});
