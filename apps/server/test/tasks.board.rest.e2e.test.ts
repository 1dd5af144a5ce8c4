import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { restClient } from './harness/http.js';
import { agentPrincipal, insertRoom, type Principal, userPrincipal } from './harness/realtimeFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';
import { expectVendorShape } from './harness/vendorContract.js';

/** The room's task board over REST (Agent API as the vendor's, Human API as our extension) and tRPC. */

let ts: TestServer;
const api = restClient(() => ts.url);
let alice: Principal;
let helper: Principal;
let scout: Principal;
let roomId: string;

type TaskBody = {
  id: string;
  number: number;
  state: string;
  overall_status: string;
  superseded_by_id: string | null;
  subject: string;
  detail: string;
  assignments: { assignee: { id: string }; status: string; active_form: string; linked_native_id: string }[];
  history?: { event: string; payload: Record<string, unknown>; actor: { id: string } }[];
  history_truncated?: boolean;
};

beforeAll(async () => {
  ts = await startTestServer();
  alice = await userPrincipal(ts.server.deps);
  helper = await agentPrincipal(ts.server.deps, alice, 'Helper');
  scout = await agentPrincipal(ts.server.deps, alice, 'Scout');
  roomId = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper, scout]);
});
afterAll(async () => ts?.close());

async function create(body: Record<string, unknown>, key = helper.key, room = roomId) {
  const response = await api.post<{ data: TaskBody }>(`/agent/chats/${room}/tasks`, { key, body });
  if (response.status === 201) expectVendorShape('createChatTask', response);
  return response;
}

async function update(ref: string | number, body: Record<string, unknown>, key = helper.key, room = roomId) {
  const response = await api.post<{ data: TaskBody }>(`/agent/chats/${room}/tasks/${ref}`, { key, body });
  if (response.status === 200) expectVendorShape('updateChatTask', response);
  return response;
}

describe('creating tasks', () => {
  it('numbers tasks per room from 1 and does not assign the creator', async () => {
    const room = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper]);
    const first = await create({ subject: '  Write the spec ', detail: 'all of it' }, helper.key, room);
    expect(first.status, first.text).toBe(201);
    expect(first.body.data).toMatchObject({
      number: 1,
      subject: 'Write the spec',
      detail: 'all of it',
      state: 'active',
      overall_status: 'pending',
      superseded_by_id: null,
      assignments: [],
      created_by: { id: helper.id, type: 'Agent', name: 'Helper', handle: helper.handle },
    });
    expect((await create({ subject: 'Second' }, helper.key, room)).body.data.number).toBe(2);
    const byPerson = await api.post<{ data: TaskBody }>(`/me/chats/${room}/tasks`, {
      key: alice.key,
      body: { subject: 'Third' },
    });
    expect(byPerson.status, byPerson.text).toBe(201);
    expect(byPerson.body.data).toMatchObject({ number: 3, created_by: { id: alice.id, type: 'User' } });
  });

  it('gives concurrent creates consecutive numbers without gaps or repeats', async () => {
    const room = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper, scout]);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => create({ subject: `Task ${i}` }, i % 2 ? helper.key : scout.key, room)),
    );
    for (const r of responses) expect(r.status, r.text).toBe(201);
    const numbers = responses.map((r) => r.body.data.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // A refused create takes no number.
    expectRestError(await create({ subject: '   ' }, helper.key, room), 422, 'validation_error');
    expect((await create({ subject: 'After' }, helper.key, room)).body.data.number).toBe(13);
  });

  it('supersedes an active task by number, keeping it readable and linked', async () => {
    const old = (await create({ subject: 'Old plan' })).body.data;
    const replacement = await create({ subject: 'New plan', supersedes_id: String(old.number) });
    expect(replacement.status, replacement.text).toBe(201);
    const read = await api.get<{ data: TaskBody }>(`/agent/chats/${roomId}/tasks/${old.id}?include=history`, {
      key: scout.key,
    });
    expectVendorShape('getChatTask', read);
    expect(read.body.data).toMatchObject({ state: 'superseded', superseded_by_id: replacement.body.data.id });
    expect(read.body.data.history?.map((h) => h.event)).toEqual(['created', 'superseded']);
    expect(read.body.data.history?.[1]?.payload).toEqual({
      state: { from: 'active', to: 'superseded' },
      superseded_by_id: replacement.body.data.id,
    });
    const again = await create({ subject: 'Another', supersedes_id: old.id });
    expectRestError(again, 422, 'validation_error');
    expectRestError(await create({ subject: 'x', supersedes_id: '9999' }), 422, 'validation_error');
  });

  it('refuses bad bodies: missing subject, unknown fields', async () => {
    expectRestError(await create({}), 422, 'validation_error');
    expectRestError(await create({ subject: 'x', owner: 'me' }), 400, 'unknown_property');
  });
});

describe('updating tasks', () => {
  it('joins the caller on its first status, keeps one status per participant and rolls them up', async () => {
    const task = (await create({ subject: 'Build it' })).body.data;
    expectRestError(await update(task.number, { active_form: 'Thinking' }), 422, 'validation_error');
    const joined = await update(task.number, { status: 'in_progress', active_form: 'Writing code' });
    expect(joined.status, joined.text).toBe(200);
    expect(joined.body.data.assignments).toMatchObject([
      { assignee: { id: helper.id }, status: 'in_progress', active_form: 'Writing code', linked_native_id: '' },
    ]);
    await update(task.id, { status: 'completed', linked_native_id: 'gh-12' }, scout.key);
    const both = (await update(task.number, { active_form: 'Testing' })).body.data;
    expect(both.overall_status).toBe('in_progress');
    expect(both.assignments.map((a) => [a.assignee.id, a.status, a.active_form])).toEqual([
      [helper.id, 'in_progress', 'Testing'],
      [scout.id, 'completed', ''],
    ]);
    const done = (await update(task.number, { status: 'completed' })).body.data;
    expect(done.overall_status).toBe('completed');
  });

  it('records every save with from → to, oldest first, paged by cursor', async () => {
    const task = (await create({ subject: 'Draft' })).body.data;
    await update(task.number, { subject: 'Final', detail: 'more' });
    await update(task.number, { status: 'blocked', linked_native_id: 'L-1' });
    await update(task.number, { comment: 'waiting on review' });
    await update(task.number, { comment: 'waiting on review' });
    await update(task.number, { status: 'in_review' });
    const first = await api.get<{
      data: { event: string; payload: unknown }[];
      metadata: { next_cursor: string | null; has_more: boolean };
    }>(`/agent/chats/${roomId}/tasks/${task.number}/history?limit=4`, { key: helper.key });
    expectVendorShape('getChatTaskHistory', first);
    expect(first.body.data.map((e) => e.event)).toEqual(['created', 'edited', 'status_changed', 'commented']);
    expect(first.body.data[1]?.payload).toEqual({
      subject: { from: 'Draft', to: 'Final' },
      detail: { from: '', to: 'more' },
    });
    expect(first.body.data[2]?.payload).toEqual({ status: { from: null, to: 'blocked' }, linked_native_id: 'L-1' });
    expect(first.body.metadata.has_more).toBe(true);
    const second = await api.get<{
      data: { event: string; payload: unknown }[];
      metadata: { next_cursor: string | null };
    }>(`/agent/chats/${roomId}/tasks/${task.number}/history?limit=4&cursor=${first.body.metadata.next_cursor}`, {
      key: helper.key,
    });
    expect(second.body.data.map((e) => e.event)).toEqual(['commented', 'status_changed']);
    expect(second.body.data[1]?.payload).toEqual({ status: { from: 'blocked', to: 'in_review' } });
    expect(second.body.metadata.next_cursor).toBeNull();
    const bad = await api.get(`/agent/chats/${roomId}/tasks/${task.number}/history?cursor=abc`, { key: helper.key });
    expectRestError(bad, 422, 'validation_error');
  });

  it('finishes and archives in one call, refuses work on inactive tasks and restores', async () => {
    const task = (await create({ subject: 'Ship' })).body.data;
    const finished = await update(task.number, { status: 'completed', state: 'archived' });
    expect(finished.body.data).toMatchObject({ state: 'archived', overall_status: 'completed' });
    expectRestError(await update(task.number, { comment: 'late' }), 422, 'validation_error');
    const restored = await update(task.number, { state: 'active', comment: 'reopened' });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body.data.state).toBe('active');
    await update(task.number, { state: 'cancelled' });
    expectRestError(await update(task.number, { state: 'active' }), 422, 'validation_error');
    expectRestError(await update(task.number, {}), 422, 'validation_error');
    expectRestError(await update(task.number, { status: 'done' }), 422, 'validation_error');
    const history = await api.get<{ data: { event: string }[] }>(`/agent/chats/${roomId}/tasks/${task.id}/history`, {
      key: helper.key,
    });
    expect(history.body.data.map((e) => e.event)).toEqual([
      'created',
      'status_changed',
      'archived',
      'unarchived',
      'commented',
      'cancelled',
    ]);
  });
});

describe('listing and reading', () => {
  it('lists the active board by number, filters by state and pages by cursor', async () => {
    const room = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper]);
    for (const subject of ['a', 'b', 'c', 'd']) await create({ subject }, helper.key, room);
    await update(2, { state: 'cancelled' }, helper.key, room);
    const active = await api.get<{ data: TaskBody[]; metadata: { has_more: boolean; next_cursor: string | null } }>(
      `/agent/chats/${room}/tasks?limit=2`,
      { key: helper.key },
    );
    expectVendorShape('listChatTasks', active);
    expect(active.body.data.map((t) => t.number)).toEqual([1, 3]);
    const rest = await api.get<{ data: TaskBody[]; metadata: { next_cursor: string | null } }>(
      `/agent/chats/${room}/tasks?limit=2&cursor=${active.body.metadata.next_cursor}`,
      { key: helper.key },
    );
    expect(rest.body.data.map((t) => t.number)).toEqual([4]);
    expect(rest.body.metadata.next_cursor).toBeNull();
    const cancelled = await api.get<{ data: TaskBody[] }>(`/agent/chats/${room}/tasks?state=cancelled`, {
      key: helper.key,
    });
    expect(cancelled.body.data.map((t) => t.number)).toEqual([2]);
    const all = await api.get<{ data: TaskBody[] }>(`/me/chats/${room}/tasks?state=all`, { key: alice.key });
    expect(all.body.data.map((t) => t.number)).toEqual([1, 2, 3, 4]);
    // A cursor of the active list does not page the cancelled one.
    const mixed = await api.get(`/agent/chats/${room}/tasks?state=all&cursor=${active.body.metadata.next_cursor}`, {
      key: helper.key,
    });
    expectRestError(mixed, 422, 'validation_error');
    expectRestError(
      await api.get(`/agent/chats/${room}/tasks?state=open`, { key: helper.key }),
      422,
      'validation_error',
    );
  });

  it('answers 404 for unknown tasks and for rooms of others, in and across organizations', async () => {
    expectRestError(await api.get(`/agent/chats/${roomId}/tasks/9999`, { key: helper.key }), 404, 'not_found');
    expectRestError(await api.get(`/agent/chats/${roomId}/tasks/nope`, { key: helper.key }), 404, 'not_found');
    const stranger = await userPrincipal(ts.server.deps);
    const outsider = await agentPrincipal(ts.server.deps, stranger, 'Outsider');
    const task = (await create({ subject: 'Private' })).body.data;
    expectRestError(await api.get(`/agent/chats/${roomId}/tasks`, { key: outsider.key }), 404, 'not_found');
    expectRestError(await api.get(`/agent/chats/${roomId}/tasks/${task.id}`, { key: outsider.key }), 404, 'not_found');
    expectRestError(await create({ subject: 'x' }, outsider.key), 404, 'not_found');
    expectRestError(await update(task.id, { comment: 'x' }, outsider.key), 404, 'not_found');
    expectRestError(await api.get(`/me/chats/${roomId}/board`, { key: stranger.key }), 404, 'not_found');
    const colleague = await agentPrincipal(ts.server.deps, alice, 'Colleague');
    expectRestError(await api.get(`/agent/chats/${roomId}/tasks`, { key: colleague.key }), 404, 'not_found');
    // The other API's key is refused.
    expectRestError(await api.get(`/agent/chats/${roomId}/tasks`, { key: alice.key }), 403, 'forbidden');
  });

  it('embeds at most the latest 100 history rows and says when it cut', async () => {
    const task = (await create({ subject: 'Chatty' })).body.data;
    for (let i = 0; i < 100; i++) await update(task.number, { comment: `note ${i}` });
    const read = await api.get<{ data: TaskBody }>(`/agent/chats/${roomId}/tasks/${task.number}?include=history`, {
      key: helper.key,
    });
    expect(read.body.data.history).toHaveLength(100);
    expect(read.body.data.history_truncated).toBe(true);
    expect(read.body.data.history?.[0]?.payload).toEqual({ text: 'note 0' });
    expect(read.body.data.history?.at(-1)?.payload).toEqual({ text: 'note 99' });
  });
});

describe('the room goal', () => {
  it('reads an empty default, upserts only the sent fields and keeps the audit trail', async () => {
    const room = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper]);
    const empty = await api.get(`/agent/chats/${room}/board`, { key: helper.key });
    expectVendorShape('getChatBoard', empty);
    expect(empty.body).toEqual({
      data: {
        chat_room_id: room,
        goal_title: null,
        goal_summary: null,
        created_by: null,
        updated_by: null,
        inserted_at: null,
        updated_at: null,
      },
    });
    const set = await api.put(`/agent/chats/${room}/board`, { key: helper.key, body: { goal_title: 'Launch' } });
    expectVendorShape('putChatBoard', set);
    expect(set.body).toMatchObject({
      data: { goal_title: 'Launch', goal_summary: null, created_by: { id: helper.id } },
    });
    const edited = await api.put(`/me/chats/${room}/board`, { key: alice.key, body: { goal_summary: 'By Friday' } });
    expect(edited.body).toMatchObject({
      data: {
        goal_title: 'Launch',
        goal_summary: 'By Friday',
        created_by: { id: helper.id },
        updated_by: { id: alice.id },
      },
    });
    await api.put(`/me/chats/${room}/board`, { key: alice.key, body: { goal_summary: 'By Friday' } });
    expectRestError(
      await api.put(`/agent/chats/${room}/board`, { key: helper.key, body: {} }),
      422,
      'validation_error',
    );
    const audited = await api.get<{ data: { history: { event: string; payload: unknown; actor: { id: string } }[] } }>(
      `/agent/chats/${room}/board?include=history`,
      { key: helper.key },
    );
    expectVendorShape('getChatBoard', audited);
    expect(audited.body.data.history.map((h) => [h.event, h.actor.id, h.payload])).toEqual([
      ['goal_set', helper.id, { goal_title: { from: null, to: 'Launch' } }],
      ['goal_edited', alice.id, { goal_summary: { from: null, to: 'By Friday' } }],
    ]);
  });
});

describe('native tRPC', () => {
  it('runs the same operations for agents and people', async () => {
    const agent = trpcClient(ts.url, helper.key);
    const person = trpcClient(ts.url, alice.key);
    const created = await agent.agent.board.tasks.create.mutate({ chat_id: roomId, subject: 'Over tRPC' });
    const updated = await person.human.board.tasks.update.mutate({
      chat_id: roomId,
      id: String(created.data.number),
      status: 'in_progress',
    });
    expect(updated.data.assignments[0]?.assignee.id).toBe(alice.id);
    const listed = await person.human.board.tasks.list.query({ chat_id: roomId, state: 'all', limit: 100 });
    expect(listed.data.some((t) => t.id === created.data.id)).toBe(true);
    const history = await agent.agent.board.tasks.history.query({ chat_id: roomId, id: created.data.id });
    expect(history.data.map((e) => e.event)).toEqual(['created', 'status_changed']);
    await agent.agent.board.goal.put.mutate({ chat_id: roomId, goal_title: 'Native goal' });
    expect((await person.human.board.goal.get.query({ chat_id: roomId })).data.goal_title).toBe('Native goal');
    await expectTrpcError(agent.agent.board.tasks.get.query({ chat_id: roomId, id: '424242' }), 404, 'not_found');
    await expectTrpcError(
      agent.agent.board.tasks.update.mutate({ chat_id: roomId, id: created.data.id }),
      422,
      'validation_error',
    );
  });
});
