import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk, type Transport } from './harness/chatClients.js';
import { chatAgent, chatUser, orgSlug, type Principal, roomWith } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

interface World {
  roomId: string;
  user: Principal;
  colleague: Principal;
  agent: Principal;
  outsider: Principal;
}

describe.each<Transport>(['rest', 'trpc'])('mentions and message rules over %s', (transport) => {
  let api: ChatApi;
  let w: World;
  beforeAll(async () => {
    api = chatApi(ts.url, transport);
    const org = orgSlug();
    const user = await chatUser(ts, { org, firstName: 'Una' });
    const colleague = await chatUser(ts, { org });
    const outsider = await chatUser(ts, { org });
    const agent = await chatAgent(ts, user.key, 'Scribe');
    const roomId = await roomWith(api, user.key, [{ id: colleague.id }, { id: agent.id }]);
    w = { roomId, user, colleague, agent, outsider };
  });
  const send = (key: string, message: Record<string, unknown>) => api.send(key, w.roomId, message);

  it('blank content → 422 validation_error', async () => {
    for (const content of ['', '   ', '\u200B\u200D\uFEFF \n']) {
      const error = expectFailure(
        await send(w.user.key, { content, mentions: [{ id: w.agent.id }] }),
        422,
        'validation_error',
      );
      expect(error.details).toHaveProperty(['/message/content']);
    }
  });

  it('a NUL character or an unpaired surrogate in the content → 422 validation_error', async () => {
    expectFailure(
      await send(w.user.key, { content: 'half \ud83d', mentions: [{ id: w.agent.id }] }),
      422,
      'validation_error',
    );
    const error = expectFailure(
      await send(w.user.key, { content: 'a\u0000b', mentions: [{ id: w.agent.id }] }),
      422,
      'validation_error',
    );
    expect(error.details).toHaveProperty(['/message/content']);
  });

  it('missing, null or empty mentions → 422 mentions_required', async () => {
    for (const message of [{ content: 'hi' }, { content: 'hi', mentions: null }, { content: 'hi', mentions: [] }]) {
      const error = expectFailure(await send(w.user.key, message), 422, 'mentions_required');
      expect(error.details).toHaveProperty(['/message/mentions']);
    }
  });

  it('only references, no mention-kind entry → 422 mentions_required', async () => {
    expectFailure(
      await send(w.user.key, { content: 'about @x', mentions: [{ id: w.agent.id, kind: 'reference' }] }),
      422,
      'mentions_required',
    );
  });

  it('mentioning yourself, by id or by handle → 422 cannot_mention_self', async () => {
    const byId = expectFailure(
      await send(w.agent.key, { content: 'me', mentions: [{ id: w.user.id }, { id: w.agent.id }] }),
      422,
      'cannot_mention_self',
    );
    expect(byId.details).toHaveProperty(['/message/mentions/1']);
    expectFailure(
      await send(w.user.key, { content: 'me', mentions: [{ handle: `@${w.user.handle}` }] }),
      422,
      'cannot_mention_self',
    );
  });

  it('the same participant twice, even by id and then handle → 422 duplicate_mentions', async () => {
    expectFailure(
      await send(w.user.key, { content: 'x', mentions: [{ id: w.agent.id }, { id: w.agent.id }] }),
      422,
      'duplicate_mentions',
    );
    const error = expectFailure(
      await send(w.user.key, {
        content: 'x',
        mentions: [{ id: w.agent.id }, { handle: w.agent.handle.toUpperCase(), kind: 'reference' }],
      }),
      422,
      'duplicate_mentions',
    );
    expect(error.details).toHaveProperty(['/message/mentions/1']);
  });

  it('an id that is not a participant → 422 mentioned_participant_not_in_room', async () => {
    for (const id of [w.outsider.id, crypto.randomUUID()]) {
      const error = expectFailure(
        await send(w.user.key, { content: 'x', mentions: [{ id: w.agent.id }, { id }] }),
        422,
        'mentioned_participant_not_in_room',
      );
      expect(error.details).toHaveProperty(['/message/mentions/1/id']);
    }
  });

  it('kind null or anything but mention/reference → 422 invalid_mention_kind', async () => {
    for (const kind of [null, 'shout', 5, '']) {
      const error = expectFailure(
        await send(w.user.key, { content: 'x', mentions: [{ id: w.agent.id, kind }] }),
        422,
        'invalid_mention_kind',
      );
      expect(error.details).toHaveProperty(['/message/mentions/0/kind']);
    }
  });

  it('a handle no participant has → 422 handle_not_found', async () => {
    for (const handle of [w.outsider.handle, 'nobody-here', `${w.user.handle}/ghost`]) {
      const error = expectFailure(
        await send(w.user.key, { content: 'x', mentions: [{ handle }] }),
        422,
        'handle_not_found',
      );
      expect(error.details).toHaveProperty(['/message/mentions/0/handle']);
    }
  });

  it('an entry with neither id nor handle → 422 mention_missing_identifier', async () => {
    for (const entry of [{ name: 'Scribe' }, {}, { handle: '  ' }]) {
      const error = expectFailure(
        await send(w.user.key, { content: 'x', mentions: [entry] }),
        422,
        'mention_missing_identifier',
      );
      expect(error.details).toHaveProperty(['/message/mentions/0']);
    }
  });

  it('a malformed id → 422 validation_error; an unknown property → 400 unknown_property', async () => {
    expectFailure(await send(w.user.key, { content: 'x', mentions: [{ id: 'not-a-uuid' }] }), 422, 'validation_error');
    const error = expectFailure(
      await send(w.user.key, { content: 'x', mentions: [{ id: w.agent.id, color: 'red' }] }),
      400,
      'unknown_property',
    );
    expect(error.details).toEqual({ unknown_properties: ['/message/mentions/0/color'] });
  });

  it('resolves handles (with @, any case), stores resolved mentions and prefixes missing @handles', async () => {
    const sent = expectOk(
      await send(w.user.key, {
        content: 'Thoughts?',
        mentions: [
          { handle: `@${w.agent.handle.toUpperCase()}`, name: 'ignored' },
          { id: w.colleague.id, kind: 'reference' },
        ],
      }),
      201,
    );
    expect(sent.recipients).toEqual([{ id: w.agent.id, handle: w.agent.handle, name: 'Scribe' }]);
    const [stored] = expectOk(await api.listMessages(w.user.key, w.roomId, { limit: 1 }));
    expect(stored.content).toBe(`@${w.agent.handle} Thoughts?`);
    expect(stored.metadata.mentions).toEqual([
      { id: w.agent.id, handle: w.agent.handle, name: 'Scribe', kind: 'mention' },
      { id: w.colleague.id, handle: w.colleague.handle, name: w.colleague.handle, kind: 'reference' },
    ]);
    expect(stored.sender_name).toBe('Una');
  });

  it('keeps content that already names the handle; prefixes each missing one in order', async () => {
    expectOk(
      await send(w.user.key, {
        content: `hey @${w.agent.handle}, see this.`,
        mentions: [{ id: w.agent.id }, { id: w.colleague.id }],
      }),
      201,
    );
    const [stored] = expectOk(await api.listMessages(w.user.key, w.roomId, { limit: 1 }));
    expect(stored.content).toBe(`@${w.colleague.handle} hey @${w.agent.handle}, see this.`);
    // A longer handle that merely starts with the mentioned one does not count.
    expectOk(
      await send(w.agent.key, { content: `@${w.user.handle}x and @${w.user.handle}.`, mentions: [{ id: w.user.id }] }),
      201,
    );
    const [second] = expectOk(await api.listMessages(w.user.key, w.roomId, { limit: 1 }));
    expect(second.content).toBe(`@${w.user.handle}x and @${w.user.handle}.`);
    expect(second.sender_name).toBe('Scribe');
    expect(second.sender_type).toBe('Agent');
  });

  it('a user mentioning only users: recipients are users, no agent queue, status sent', async () => {
    const sent = expectOk(await send(w.user.key, { content: 'hi', mentions: [{ id: w.colleague.id }] }), 201);
    expect(sent.recipients.map((r: { id: string }) => r.id)).toEqual([w.colleague.id]);
    const [stored] = expectOk(await api.listMessages(w.user.key, w.roomId, { limit: 1 }));
    expect(stored.id).toBe(sent.id);
    expect(stored.metadata).toMatchObject({ status: 'sent', delivery_status: {} });
    const queue = expectOk(await api.queue(w.agent.key, w.roomId, { status: 'all' }));
    expect(queue.map((m: { id: string }) => m.id)).not.toContain(sent.id);
  });
});

describe.each<Transport>(['rest', 'trpc'])('events over %s', (transport) => {
  let api: ChatApi;
  let owner: Principal;
  let agent: Principal;
  let roomId: string;
  beforeAll(async () => {
    api = chatApi(ts.url, transport);
    owner = await chatUser(ts);
    agent = await chatAgent(ts, owner.key);
    roomId = await roomWith(api, owner.key, [{ id: agent.id }]);
  });

  it('records every event type, with its metadata, readable by humans with the type filter', async () => {
    const types = ['tool_call', 'tool_result', 'thought', 'error', 'task', 'attention'];
    for (const message_type of types) {
      const created = expectOk(
        await api.event(agent.key, roomId, { content: `a ${message_type}`, message_type, metadata: { n: 1 } }),
        201,
      );
      expect(created).toMatchObject({ message_type, success: true });
    }
    expectOk(
      await api.event(agent.key, roomId, { content: 'no metadata', message_type: 'thought', metadata: null }),
      201,
    );
    const thoughts = expectOk(await api.listMessages(owner.key, roomId, { message_type: 'thought' }));
    expect(thoughts.map((m: { content: string }) => m.content)).toEqual(['no metadata', 'a thought']);
    expect(thoughts[0].metadata).toEqual({});
    expect(thoughts[1].metadata).toEqual({ n: 1 });
  });

  it('content up to 16384 characters and metadata up to 64 KiB; more → 422', async () => {
    expectOk(await api.event(agent.key, roomId, { content: 'x'.repeat(16_384), message_type: 'thought' }), 201);
    const long = expectFailure(
      await api.event(agent.key, roomId, { content: 'x'.repeat(16_385), message_type: 'thought' }),
      422,
      'validation_error',
    );
    expect(long.details).toHaveProperty(['/event/content']);
    const big = { blob: 'y'.repeat(64 * 1024) };
    const error = expectFailure(
      await api.event(agent.key, roomId, { content: 'big', message_type: 'tool_result', metadata: big }),
      422,
      'validation_error',
    );
    expect(error.details).toHaveProperty(['/event/metadata']);
    expectOk(
      await api.event(agent.key, roomId, {
        content: 'fits',
        message_type: 'tool_result',
        metadata: { blob: 'y'.repeat(64 * 1024 - 20) },
      }),
      201,
    );
  });

  it('refuses text and internal types, empty content and unknown keys', async () => {
    for (const message_type of ['text', 'system', 'action', 'guidelines', 'bogus']) {
      expectFailure(await api.event(agent.key, roomId, { content: 'x', message_type }), 422, 'validation_error');
    }
    expectFailure(
      await api.event(agent.key, roomId, { content: '', message_type: 'thought' }),
      422,
      'validation_error',
    );
    expectFailure(
      await api.event(agent.key, roomId, { content: 'x', message_type: 'thought', mentions: [] }),
      400,
      'unknown_property',
    );
  });

  it('NUL characters or unpaired surrogates in content, metadata values or keys → 422', async () => {
    const cases = [
      { content: 'a\u0000b', message_type: 'thought' },
      { content: 'x', message_type: 'thought', metadata: { note: ['fine', 'a\u0000b'] } },
      { content: 'x', message_type: 'thought', metadata: { 'k\u0000': 1 } },
      { content: 'x', message_type: 'thought', metadata: { broken: 'half \ud83d emoji' } },
      { content: 'half \udc00', message_type: 'thought' },
    ];
    for (const event of cases) expectFailure(await api.event(agent.key, roomId, event), 422, 'validation_error');
  });

  it('humans cannot post events (403 with a user key)', async () => {
    expectFailure(await api.event(owner.key, roomId, { content: 'x', message_type: 'thought' }), 403, 'forbidden');
  });
});
