import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgentClient,
  createHumanClient,
  ParleyError,
  runAgent,
  type StreamEvent,
  type TrackedStreamEvent,
} from '../src/index.js';
import { deliveryOf, eventually, mention, registerAgent, roomMessages, roomWith } from './harness/fixtures.js';
import { type ParleyTestServer, startParleyServer } from './harness/parleyServer.js';

let server: ParleyTestServer;
beforeAll(async () => {
  server = await startParleyServer();
});
afterAll(async () => {
  await server?.stop();
});

async function rejection(call: Promise<unknown>): Promise<ParleyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParleyError);
  return error as ParleyError;
}

/** Subscribes to the agent's event stream; collects what arrives. */
function follow(apiKey: string, lastEventId?: string) {
  const client = createAgentClient({ baseUrl: server.url, apiKey });
  const events: TrackedStreamEvent[] = [];
  let started: () => void = () => {};
  const startedNow = new Promise<void>((resolve) => {
    started = resolve;
  });
  const subscription = client.agent.events.stream.subscribe(lastEventId ? { lastEventId } : undefined, {
    onStarted: () => started(),
    onData: (event) => events.push(event),
  });
  return { events, started: startedNow, stop: () => subscription.unsubscribe() };
}

const mentionsOf = (events: TrackedStreamEvent[]) =>
  events
    .map((e) => e.data)
    .filter((e): e is Extract<StreamEvent, { type: 'message_created' }> => e.type === 'message_created')
    .map((e) => e.payload.content);

describe('the typed clients against the built server', () => {
  it('return the REST bodies, and reject with ParleyErrors carrying status, code, details and request id', async () => {
    const agent = await registerAgent(server.owner, 'Typed');
    const client = createAgentClient({ baseUrl: server.url, apiKey: agent.key });
    const me = await client.agent.me.query();
    expect(me.data).toMatchObject({ id: agent.id, name: 'Typed' });
    const rooms = await client.agent.chats.list.query({ page_size: 10 });
    expect(rooms).toMatchObject({ data: [], metadata: { total_count: 0 } });

    const missing = await rejection(client.agent.chats.get.query({ id: '00000000-0000-4000-8000-000000000000' }));
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    expect(missing.requestId).toMatch(/^req_/);

    const roomId = await roomWith(server.owner, [agent]);
    const invalid = await rejection(
      client.agent.chats.sendMessage.mutate({ chat_id: roomId, message: { content: 'hi', mentions: [] } }),
    );
    expect(invalid).toMatchObject({ status: 422, code: 'mentions_required' });

    const unknown = createAgentClient({
      baseUrl: server.url,
      apiKey: 'thnv_a_1700000000_unknownunknownunknownunknown12',
    });
    expect(await rejection(unknown.agent.me.query())).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(() => createHumanClient({ baseUrl: server.url, apiKey: agent.key })).toThrow(/user API key/);
  });

  it('stream the agent’s events, and resume after the last event id', async () => {
    const agent = await registerAgent(server.owner);
    const roomId = await roomWith(server.owner, [agent]);
    const first = follow(agent.key);
    await first.started;
    await eventually(async () => {
      // The server registers the stream just after it answers: probe until a mention arrives.
      await mention(server.owner, roomId, agent, 'probe');
      await new Promise((resolve) => setTimeout(resolve, 200));
      return mentionsOf(first.events).length > 0;
    }, 'the stream to go live');
    const lastEventId = first.events.at(-1)?.id as string;
    first.stop();
    for (let i = 0; i < 3; i++) await mention(server.owner, roomId, agent, `missed ${i}`);
    const second = follow(agent.key, lastEventId);
    await eventually(async () => mentionsOf(second.events).length >= 3, 'the missed events');
    second.stop();
    expect(mentionsOf(second.events).map((c) => c.replace(/^@\S+ /, ''))).toEqual(['missed 0', 'missed 1', 'missed 2']);
    const ids = second.events.map((e) => Number(e.id));
    expect(ids[0]).toBeGreaterThan(Number(lastEventId));
  });

  it('keep runAgent going through a server restart: the stream resumes and nothing is missed', async () => {
    const agent = await registerAgent(server.owner);
    const roomId = await roomWith(server.owner, [agent]);
    const handled: string[] = [];
    const stop = new AbortController();
    let ready: () => void = () => {};
    const readyNow = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const run = runAgent({
      client: createAgentClient({ baseUrl: server.url, apiKey: agent.key }),
      signal: stop.signal,
      onReady: () => ready(),
      onError: () => {},
      onMessage: async (message) => {
        handled.push(message.id);
      },
    });
    await readyNow;
    const before = await mention(server.owner, roomId, agent, 'before the restart');
    await eventually(async () => handled.includes(before), 'the first message');
    await server.restart();
    const after = await mention(server.owner, roomId, agent, 'after the restart');
    await eventually(
      async () => {
        const state = deliveryOf(
          (await roomMessages(server.owner, roomId)).find((m) => m.id === after),
          agent.id,
        );
        return state?.status === 'processed';
      },
      'the message sent after the restart',
      60_000,
    );
    stop.abort();
    await run;
    expect(handled).toEqual([before, after]);
  });
});
