import { setOrganizationLimits } from '@parley/core/organizations/setOrganizationLimits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatApi, chatApi, expectFailure, expectOk, type Transport } from './harness/chatClients.js';
import { chatAgent, chatUser, orgSlug, roomWith } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => ts?.close());

const ids = (data: { id: string }[]) => data.map((p) => p.id);

describe.each<Transport>(['rest', 'trpc'])('who may be added, over %s', (transport) => {
  let api: ChatApi;
  beforeAll(() => {
    api = chatApi(ts.url, transport);
  });
  const add = (key: string, roomId: string, id: string) => api.addParticipant(key, roomId, { participant_id: id });
  const setAgentFlags = (id: string, flags: { listed_in_directory?: boolean; shared_with_organization?: boolean }) =>
    ts.server.deps.db.updateTable('agents').set(flags).where('id', '=', id).execute();
  const makeContacts = (a: string, b: string) =>
    ts.server.deps.db
      .insertInto('contacts')
      .values([
        { owner_id: a, contact_id: b, source: 'request' },
        { owner_id: b, contact_id: a, source: 'request' },
      ])
      .execute();

  it('a user adds its agents, colleagues, listed or shared agents and contacts; nobody else (404)', async () => {
    const org = orgSlug();
    const user = await chatUser(ts, { org });
    const colleague = await chatUser(ts, { org });
    const mine = await chatAgent(ts, user.key);
    const colleaguesPrivate = await chatAgent(ts, colleague.key);
    const colleaguesListed = await chatAgent(ts, colleague.key);
    const colleaguesShared = await chatAgent(ts, colleague.key);
    await setAgentFlags(colleaguesListed.id, { listed_in_directory: true });
    await setAgentFlags(colleaguesShared.id, { shared_with_organization: true });
    const stranger = await chatUser(ts);
    const strangersListed = await chatAgent(ts, stranger.key);
    await setAgentFlags(strangersListed.id, { listed_in_directory: true });
    const contact = await chatUser(ts);
    await makeContacts(user.id, contact.id);

    const roomId = await roomWith(api, user.key);
    for (const id of [mine.id, colleague.id, colleaguesListed.id, colleaguesShared.id, contact.id]) {
      expectOk(await add(user.key, roomId, id), 201);
    }
    for (const id of [colleaguesPrivate.id, stranger.id, strangersListed.id, crypto.randomUUID()]) {
      expectFailure(await add(user.key, roomId, id), 404, 'not_found');
    }
  });

  it('an agent adds its owner, siblings, listed agents and contacts; not its owner’s colleagues (404)', async () => {
    const org = orgSlug();
    const user = await chatUser(ts, { org });
    const colleague = await chatUser(ts, { org });
    const bot = await chatAgent(ts, user.key);
    const sibling = await chatAgent(ts, user.key);
    const listed = await chatAgent(ts, colleague.key);
    await setAgentFlags(listed.id, { listed_in_directory: true });
    const contactAgent = await chatAgent(ts, (await chatUser(ts)).key);
    await makeContacts(bot.id, contactAgent.id);
    const colleaguesPrivate = await chatAgent(ts, colleague.key);

    const roomId = await roomWith(api, bot.key);
    for (const id of [user.id, sibling.id, listed.id, contactAgent.id]) expectOk(await add(bot.key, roomId, id), 201);
    for (const id of [colleague.id, colleaguesPrivate.id])
      expectFailure(await add(bot.key, roomId, id), 404, 'not_found');
  });

  it('the participant quota: 403 limit_reached at the limit (the owner counts); removal frees a seat', async () => {
    const user = await chatUser(ts);
    await setOrganizationLimits(ts.server.deps, { org: user.org, limits: { participants: 2 } });
    const a = await chatAgent(ts, user.key);
    const b = await chatAgent(ts, user.key);
    const roomId = await roomWith(api, user.key, [{ id: a.id }]);
    const error = expectFailure(await add(user.key, roomId, b.id), 403, 'limit_reached');
    expect(error.details).toEqual({ resource: 'participants', limit: 2, current: 2 });
    expectOk(await api.removeParticipant(user.key, roomId, a.id));
    expectOk(await add(user.key, roomId, b.id), 201);
    expectFailure(await add(user.key, roomId, a.id), 403, 'limit_reached');
  });

  it('malformed input: bad uuid or role → 422, unknown key → 400', async () => {
    const user = await chatUser(ts);
    const roomId = await roomWith(api, user.key);
    expectFailure(await api.addParticipant(user.key, roomId, { participant_id: 'x' }), 422, 'validation_error');
    expectFailure(
      await api.addParticipant(user.key, roomId, { participant_id: user.id, role: 'king' }),
      422,
      'validation_error',
    );
    expectFailure(await api.addParticipant(user.key, roomId, {}), 422, 'validation_error');
    expectFailure(
      await api.addParticipant(user.key, roomId, { participant_id: user.id, extra: 1 }),
      400,
      'unknown_property',
    );
  });
});

describe.each<Transport>(['rest', 'trpc'])('participant lists over %s', (transport) => {
  let api: ChatApi;
  beforeAll(() => {
    api = chatApi(ts.url, transport);
  });

  it('human list: join order, participant_type filter, agent details, both pagination styles', async () => {
    const org = orgSlug();
    const user = await chatUser(ts, { org, firstName: 'Uma' });
    const colleague = await chatUser(ts, { org });
    const a1 = await chatAgent(ts, user.key, 'First Bot');
    const a2 = await chatAgent(ts, user.key, 'Second Bot');
    const roomId = await roomWith(api, user.key, [{ id: a1.id }, { id: colleague.id }, { id: a2.id, role: 'admin' }]);

    const all = await api.participants(user.key, roomId);
    expect(expectOk(all)).toEqual([
      {
        id: user.id,
        type: 'User',
        name: 'Uma',
        handle: user.handle,
        role: 'owner',
        status: 'active',
        description: null,
        is_external: null,
      },
      {
        id: a1.id,
        type: 'Agent',
        name: 'First Bot',
        handle: a1.handle,
        role: 'member',
        status: 'active',
        description: 'test agent',
        is_external: true,
      },
      {
        id: colleague.id,
        type: 'User',
        name: colleague.handle,
        handle: colleague.handle,
        role: 'member',
        status: 'active',
        description: null,
        is_external: null,
      },
      {
        id: a2.id,
        type: 'Agent',
        name: 'Second Bot',
        handle: a2.handle,
        role: 'admin',
        status: 'active',
        description: 'test agent',
        is_external: true,
      },
    ]);
    expect(all.body.metadata).toMatchObject({
      page: 1,
      page_size: 20,
      total_count: 4,
      total_pages: 1,
      has_more: false,
    });
    expect(ids(expectOk(await api.participants(user.key, roomId, { participant_type: 'Agent' })))).toEqual([
      a1.id,
      a2.id,
    ]);
    expect(
      ids(expectOk(await api.participants(user.key, roomId, { participant_type: 'User', page: 2, page_size: 1 }))),
    ).toEqual([colleague.id]);

    const first = await api.participants(user.key, roomId, { limit: 3 });
    expect(ids(expectOk(first))).toEqual([user.id, a1.id, colleague.id]);
    const second = await api.participants(user.key, roomId, { limit: 3, cursor: first.body.metadata.next_cursor });
    expect(ids(expectOk(second))).toEqual([a2.id]);
    expect(second.body.metadata).toMatchObject({ has_more: false, next_cursor: null });

    // The agent list is the same people, unpaginated, in the terse shape.
    const agentList = await api.participants(a1.key, roomId);
    expect(ids(expectOk(agentList))).toEqual([user.id, a1.id, colleague.id, a2.id]);
    expect(agentList.body).not.toHaveProperty('metadata');
    expectFailure(await api.participants(user.key, roomId, { participant_type: 'Robot' }), 422, 'validation_error');
  });
});
