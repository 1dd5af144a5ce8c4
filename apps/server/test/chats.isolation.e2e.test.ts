import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk, type Outcome, type Transport } from './harness/chatClients.js';
import { chatAgent, chatUser, orgSlug, type Principal, roomWith, say } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

describe.each<Transport>(['rest', 'trpc'])('isolation over %s', (transport) => {
  let api: ChatApi;
  let owner: Principal;
  let agent: Principal;
  let roomId: string;
  let messageId: string;
  let eventId: string;
  const org = orgSlug();
  beforeAll(async () => {
    api = chatApi(ts.url, transport);
    owner = await chatUser(ts, { org });
    agent = await chatAgent(ts, owner.key);
    roomId = await roomWith(api, owner.key, [{ id: agent.id }], 'private');
    messageId = await say(api, owner.key, roomId, 'secret', [agent]);
    expectOk(await api.processing(agent.key, roomId, messageId));
    eventId = expectOk(
      await api.event(agent.key, roomId, { content: 'secret thought', message_type: 'thought' }),
      201,
    ).id;
  });

  /** Every room endpoint a user key can call, each of which must answer 404 to a non-participant. */
  function userCalls(key: string): [string, () => Promise<Outcome>][] {
    return [
      ['get room', () => api.getRoom(key, roomId)],
      ['list messages', () => api.listMessages(key, roomId)],
      ['send', () => api.send(key, roomId, { content: 'hi', mentions: [{ id: owner.id }] })],
      ['participants', () => api.participants(key, roomId)],
      ['add participant', () => api.addParticipant(key, roomId, { participant_id: agent.id })],
      ['remove participant', () => api.removeParticipant(key, roomId, agent.id)],
    ];
  }

  /** Every room endpoint an agent key can call. */
  function agentCalls(key: string): [string, () => Promise<Outcome>][] {
    return [
      ['get room', () => api.getRoom(key, roomId)],
      ['rename', () => api.renameRoom(key, roomId, { title: 'mine' })],
      ['queue', () => api.queue(key, roomId)],
      ['next', () => api.next(key, roomId)],
      ['send', () => api.send(key, roomId, { content: 'hi', mentions: [{ id: owner.id }] })],
      ['processing', () => api.processing(key, roomId, messageId)],
      ['processed', () => api.processed(key, roomId, messageId)],
      ['failed', () => api.failed(key, roomId, messageId, 'x')],
      ['event', () => api.event(key, roomId, { content: 'x', message_type: 'thought' })],
      ['participants', () => api.participants(key, roomId)],
      ['add participant', () => api.addParticipant(key, roomId, { participant_id: agent.id })],
      ['remove participant', () => api.removeParticipant(key, roomId, agent.id)],
      ['context', () => api.context(key, roomId)],
    ];
  }

  it('a user of another organization gets 404 on every endpoint of the room', async () => {
    const stranger = await chatUser(ts);
    for (const [name, call] of userCalls(stranger.key)) {
      const outcome = await call();
      expect(outcome.status, name).toBe(404);
      expectFailure(outcome, 404, 'not_found');
    }
  });

  it('a colleague of the same organization who is not in the room gets 404 too', async () => {
    const colleague = await chatUser(ts, { org });
    for (const [name, call] of userCalls(colleague.key)) expect((await call()).status, name).toBe(404);
  });

  it('an agent of another organization gets 404 on every endpoint of the room', async () => {
    const strangerAgent = await chatAgent(ts, (await chatUser(ts)).key);
    for (const [name, call] of agentCalls(strangerAgent.key)) {
      const outcome = await call();
      expect(outcome.status, name).toBe(404);
      expectFailure(outcome, 404, 'not_found');
    }
  });

  it('a sibling agent not in the room gets 404 as well', async () => {
    const sibling = await chatAgent(ts, owner.key);
    for (const [name, call] of agentCalls(sibling.key)) expect((await call()).status, name).toBe(404);
  });

  it('foreign message ids are 404 even inside the caller’s own room', async () => {
    const stranger = await chatUser(ts);
    const strangerAgent = await chatAgent(ts, stranger.key);
    const ownRoom = await roomWith(api, stranger.key, [{ id: strangerAgent.id }]);
    for (const id of [messageId, eventId]) {
      expectFailure(await api.processing(strangerAgent.key, ownRoom, id), 404, 'not_found');
      expectFailure(await api.processed(strangerAgent.key, ownRoom, id), 404, 'not_found');
      expectFailure(await api.failed(strangerAgent.key, ownRoom, id, 'x'), 404, 'not_found');
    }
    // Mentioning someone from the other room by id is "not in room", never a leak of who exists.
    expectFailure(
      await api.send(stranger.key, ownRoom, { content: 'x', mentions: [{ id: agent.id }] }),
      422,
      'mentioned_participant_not_in_room',
    );
    expectFailure(await api.addParticipant(stranger.key, ownRoom, { participant_id: agent.id }), 404, 'not_found');
  });

  it('lists never contain foreign rows', async () => {
    const stranger = await chatUser(ts);
    const strangerAgent = await chatAgent(ts, stranger.key);
    const ownRoom = await roomWith(api, stranger.key, [{ id: strangerAgent.id }]);
    const own = await say(api, stranger.key, ownRoom, 'mine', [strangerAgent]);
    const ids = (o: Outcome) => expectOk<{ id: string }[]>(o).map((r) => r.id);

    expect(ids(await api.listRooms(stranger.key))).toEqual([ownRoom]);
    expect(ids(await api.listRooms(strangerAgent.key))).toEqual([ownRoom]);
    expect(ids(await api.listMessages(stranger.key, ownRoom))).toEqual([own]);
    expect(ids(await api.queue(strangerAgent.key, ownRoom, { status: 'all' }))).toEqual([own]);
    expect(ids(await api.context(strangerAgent.key, ownRoom))).toEqual([own]);
    expect(ids(await api.participants(stranger.key, ownRoom))).toEqual([stranger.id, strangerAgent.id]);
    expect(ids(await api.listRooms(owner.key))).not.toContain(ownRoom);
  });
});
