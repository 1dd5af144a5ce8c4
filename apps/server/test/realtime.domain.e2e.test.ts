import { RealtimeEvent } from '@parley/contracts/events/realtimeEvent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restClient } from './harness/http.js';
import { connectPhoenix, type PhoenixTestClient } from './harness/phoenixClient.js';
import { agentPrincipal, type Principal, userPrincipal } from './harness/realtimeFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let server: TestServer;
let api: ReturnType<typeof restClient>;
let alice: Principal;
let helper: Principal;
const clients: PhoenixTestClient[] = [];

async function connect(key: string, topics: string[]) {
  const client = await connectPhoenix(server.url, { api_key: key });
  clients.push(client);
  for (const topic of topics) expect((await client.join(topic)).status, topic).toBe('ok');
  return client;
}

function ok<T>(response: { status: number; text: string; body: T }, status: number): T {
  expect(response.status, response.text).toBe(status);
  return response.body;
}

/** A new room of Alice's with these agents added. */
async function aliceRoomWith(agentIds: string[]): Promise<{ id: string }> {
  const room = ok(
    await api.post<{ data: { id: string } }>('/me/chats', { key: alice.key, body: { chat: {} } }),
    201,
  ).data;
  for (const id of agentIds) {
    ok(
      await api.post(`/me/chats/${room.id}/participants`, {
        key: alice.key,
        body: { participant: { participant_id: id } },
      }),
      201,
    );
  }
  return room;
}

beforeAll(async () => {
  server = await startTestServer();
  api = restClient(server.url);
  alice = await userPrincipal(server.server.deps);
  helper = await agentPrincipal(server.server.deps, alice, 'Helper');
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server?.close();
});

describe('domain writes publish their events', () => {
  it('rooms, participants, messages, events and processing reach the socket as the REST API shows them', async () => {
    const user = await connect(alice.key, [`user_rooms:${alice.id}`]);
    const agent = await connect(helper.key, [`agent_rooms:${helper.id}`]);
    const room = ok(
      await api.post<{ data: { id: string } }>('/me/chats', { key: alice.key, body: { chat: { title: 'Ops' } } }),
      201,
    ).data;
    const created = await user.waitFor((r) => r.event === 'room_added', 'room_added for the creator');
    expect(created.payload).toMatchObject({
      id: room.id,
      title: 'Ops',
      participant_role: 'owner',
      owner: { id: alice.id, type: 'User' },
    });

    expect((await user.join(`chat_room:${room.id}`)).status).toBe('ok');
    expect((await user.join(`room_participants:${room.id}`)).status).toBe('ok');
    ok(
      await api.post(`/me/chats/${room.id}/participants`, {
        key: alice.key,
        body: { participant: { participant_id: helper.id } },
      }),
      201,
    );
    const added = await user.waitFor((r) => r.event === 'participant_added', 'participant_added');
    expect(added.payload).toMatchObject({
      id: helper.id,
      type: 'Agent',
      name: 'Helper',
      role: 'member',
      status: 'active',
    });
    // The same builder makes the REST object and the payload: they are equal.
    const participants = ok(
      await api.get<{ data: Record<string, unknown>[] }>(`/me/chats/${room.id}/participants`, { key: alice.key }),
      200,
    ).data;
    expect(added.payload).toEqual(participants.find((p) => p.id === helper.id));
    const joined = await agent.waitFor((r) => r.event === 'room_added', 'room_added for the agent');
    expect(joined.payload).toMatchObject({ id: room.id, participant_role: 'member', owner: { id: alice.id } });

    expect((await agent.join(`chat_room:${room.id}`)).status).toBe('ok');
    const sent = ok(
      await api.post<{ data: { id: string } }>(`/me/chats/${room.id}/messages`, {
        key: alice.key,
        body: { message: { content: 'please look', mentions: [{ id: helper.id }] } },
      }),
      201,
    ).data;
    const pushed = await agent.waitFor((r) => r.event === 'message_created', 'the mention');
    const listed = ok(
      await api.get<{ data: Record<string, unknown>[] }>(`/me/chats/${room.id}/messages`, { key: alice.key }),
      200,
    ).data;
    const asListed = listed.find((m) => m.id === sent.id);
    expect((await user.waitFor((r) => r.event === 'message_created', 'the message for the user')).payload).toEqual(
      asListed,
    );
    expect(pushed.payload).toMatchObject({
      id: sent.id,
      content: asListed?.content,
      sender_id: alice.id,
      chat_room_id: room.id,
    });

    ok(await api.post(`/agent/chats/${room.id}/messages/${sent.id}/processing`, { key: helper.key }), 200);
    const updated = await user.waitFor((r) => r.event === 'message_updated', 'message_updated');
    expect(updated.payload).toMatchObject({
      id: sent.id,
      metadata: { delivery_status: { [helper.id]: { status: 'processing', current_attempt: 1 } } },
    });
    const messageNow = async (id: string) =>
      ok(
        await api.get<{ data: Record<string, unknown>[] }>(`/me/chats/${room.id}/messages`, { key: alice.key }),
        200,
      ).data.find((m) => m.id === id);
    expect(updated.payload).toEqual(await messageNow(sent.id));
    ok(
      await api.post(`/agent/chats/${room.id}/events`, {
        key: helper.key,
        body: { event: { content: 'calling', message_type: 'tool_call' } },
      }),
      201,
    );
    const event = await user.waitFor((r) => r.event === 'event_created', 'event_created');
    expect(event.payload).toMatchObject({ message_type: 'tool_call', content: 'calling', sender_id: helper.id });
    expect(event.payload).toEqual(await messageNow(event.payload.id as string));
    expect(agent.received.filter((r) => r.topic === `chat_room:${room.id}`).map((r) => r.event)).toEqual([
      'message_created',
    ]);

    ok(await api.delete(`/me/chats/${room.id}/participants/${helper.id}`, { key: alice.key }), 200);
    const removed = await user.waitFor((r) => r.event === 'participant_removed', 'participant_removed');
    expect(removed.payload).toMatchObject({ id: helper.id, type: 'Agent', name: 'Helper' });
    const left = await agent.waitFor((r) => r.event === 'room_removed', 'room_removed');
    expect(left.payload).toMatchObject({ id: room.id, title: 'Ops', status: 'active', type: 'direct' });
    expect(typeof left.payload.removed_at).toBe('string');
  });

  it('contact requests, approvals and removals reach both parties in the shape of their API', async () => {
    const bob = await userPrincipal(server.server.deps);
    const user = await connect(bob.key, [`user_contacts:${bob.id}`]);
    const agent = await connect(helper.key, [`agent_contacts:${helper.id}`]);
    const request = ok(
      await api.post<{ data: { id: string } }>('/me/contacts/requests', {
        key: bob.key,
        body: { contact_request: { recipient_handle: helper.handle, message: 'hello' } },
      }),
      201,
    ).data;
    const received = await agent.waitFor((r) => r.event === 'contact_request_received', 'the request');
    expect(received.payload).toMatchObject({
      id: request.id,
      from_handle: bob.handle,
      message: 'hello',
      status: 'pending',
    });
    ok(
      await api.post('/agent/contacts/requests/respond', {
        key: helper.key,
        body: { action: 'approve', request_id: request.id },
      }),
      200,
    );
    // Each party gets the request as its own API lists it: the user (who sent it) the
    // ContactRequest object, the agent (who received it) the received-request shape.
    const userUpdate = await user.waitFor((r) => r.event === 'contact_request_updated', 'the user update');
    const sentByUser = ok(
      await api.get<{ data: Record<string, unknown>[] }>('/me/contacts/requests/sent?status=approved', {
        key: bob.key,
      }),
      200,
    ).data;
    expect(userUpdate.payload).toEqual(sentByUser.find((r) => r.id === request.id));
    const agentUpdate = await agent.waitFor((r) => r.event === 'contact_request_updated', 'the agent update');
    expect(agentUpdate.payload).toEqual({ ...received.payload, status: 'approved' });
    expect(agentUpdate.payload).toMatchObject({ id: request.id, status: 'approved', from_type: 'User' });
    const mine = await user.waitFor((r) => r.event === 'contact_added', 'contact_added for the user');
    expect(mine.payload).toMatchObject({ handle: helper.handle, name: 'Helper', type: 'Agent' });
    const theirs = await agent.waitFor((r) => r.event === 'contact_added', 'contact_added for the agent');
    expect(theirs.payload).toMatchObject({ handle: bob.handle, type: 'User' });
    ok(await api.post('/me/contacts/remove', { key: bob.key, body: { handle: helper.handle } }), 200);
    expect((await user.waitFor((r) => r.event === 'contact_removed', 'removal for the user')).payload).toEqual({
      id: mine.payload.id,
    });
    expect((await agent.waitFor((r) => r.event === 'contact_removed', 'removal for the agent')).payload).toEqual({
      id: theirs.payload.id,
    });
  });

  it('deleting an agent tells its rooms and its contacts', async () => {
    const carol = await userPrincipal(server.server.deps);
    const temp = await agentPrincipal(server.server.deps, alice, 'Temp');
    const room = await aliceRoomWith([temp.id]);
    const request = ok(
      await api.post<{ data: { id: string } }>('/me/contacts/requests', {
        key: carol.key,
        body: { contact_request: { recipient_handle: temp.handle } },
      }),
      201,
    ).data;
    ok(
      await api.post('/agent/contacts/requests/respond', {
        key: temp.key,
        body: { action: 'approve', request_id: request.id },
      }),
      200,
    );
    const user = await connect(alice.key, [`room_participants:${room.id}`]);
    const contact = await connect(carol.key, [`user_contacts:${carol.id}`]);
    ok(await api.delete(`/me/agents/${temp.id}?force=true`, { key: alice.key }), 200);
    expect((await user.waitFor((r) => r.event === 'participant_removed', 'the room to learn')).payload).toMatchObject({
      id: temp.id,
      type: 'Agent',
    });
    const removed = await contact.waitFor((r) => r.event === 'contact_removed', 'the contact to learn');
    const list = ok(await api.get<{ data: unknown[] }>('/me/contacts', { key: carol.key }), 200).data;
    expect(list).toEqual([]);
    expect(typeof removed.payload.id).toBe('string');
  });

  it('shows a deleted sender in a message event exactly as REST does (the one ChatMessage builder)', async () => {
    const gone = await agentPrincipal(server.server.deps, alice, 'Gone');
    const worker = await agentPrincipal(server.server.deps, alice, 'Worker');
    const room = await aliceRoomWith([gone.id, worker.id]);
    const sent = ok(
      await api.post<{ data: { id: string } }>(`/agent/chats/${room.id}/messages`, {
        key: gone.key,
        body: { message: { content: 'over to you', mentions: [{ id: worker.id }] } },
      }),
      201,
    ).data;
    ok(await api.delete(`/me/agents/${gone.id}?force=true`, { key: alice.key }), 200);
    const user = await connect(alice.key, [`chat_room:${room.id}`]);
    ok(await api.post(`/agent/chats/${room.id}/messages/${sent.id}/processing`, { key: worker.key }), 200);
    const updated = await user.waitFor((r) => r.event === 'message_updated', 'message_updated');
    const listed = ok(
      await api.get<{ data: Record<string, unknown>[] }>(`/me/chats/${room.id}/messages`, { key: alice.key }),
      200,
    ).data.find((m) => m.id === sent.id);
    expect(listed).toMatchObject({
      sender_id: '00000000-0000-0000-0000-000000000000',
      sender_name: 'Deleted participant',
    });
    expect(updated.payload).toEqual(listed);
  });

  it('publishes every lifecycle step (processing, failed, re-claim, processed) as the REST API shows the message', async () => {
    const first = await agentPrincipal(server.server.deps, alice, 'First');
    const second = await agentPrincipal(server.server.deps, alice, 'Second');
    const room = await aliceRoomWith([first.id, second.id]);
    const sent = ok(
      await api.post<{ data: { id: string } }>(`/me/chats/${room.id}/messages`, {
        key: alice.key,
        body: { message: { content: 'both of you', mentions: [{ id: first.id }, { id: second.id }] } },
      }),
      201,
    ).data;
    const user = await connect(alice.key, [`chat_room:${room.id}`]);
    const path = (step: string) => `/agent/chats/${room.id}/messages/${sent.id}/${step}`;
    const steps: [Principal, string, number, unknown?][] = [
      [first, 'processing', 1],
      [second, 'processing', 1],
      [first, 'failed', 1, { error: 'tool timed out' }],
      [first, 'processing', 2],
      [first, 'processing', 3], // re-claim: attempt 2 closes as abandoned
      [second, 'processed', 1],
      [first, 'processed', 3],
    ];
    for (const [index, [agent, step, attempt, body]] of steps.entries()) {
      const answer = ok(
        await api.post<{ data: Record<string, unknown> }>(path(step), { key: agent.key, body: body ?? {} }),
        200,
      ).data;
      expect(answer).toMatchObject({ id: sent.id, status: step, attempt_number: attempt });
      await user.waitFor(
        () => user.received.filter((r) => r.event === 'message_updated').length > index,
        `message_updated #${index + 1}`,
      );
      const payload = user.received.filter((r) => r.event === 'message_updated')[index]?.payload;
      const listed = ok(
        await api.get<{ data: Record<string, unknown>[] }>(`/me/chats/${room.id}/messages`, { key: alice.key }),
        200,
      ).data.find((m) => m.id === sent.id);
      expect(payload, `${step} by ${agent.id}`).toEqual(listed);
    }
    const final = user.received.filter((r) => r.event === 'message_updated').at(-1)?.payload as {
      metadata: { delivery_status: Record<string, { status: string; attempts: { status: string; error: unknown }[] }> };
    };
    expect(final.metadata.delivery_status[first.id]?.attempts.map((a) => [a.status, a.error])).toEqual([
      ['failed', 'tool timed out'],
      ['failed', 'abandoned: attempt 3 started'],
      ['success', null],
    ]);
    expect(final.metadata.delivery_status[second.id]?.status).toBe('processed');
    // Nothing open: 422 with no event; a message the agent may not mark: 404.
    const before = user.received.length;
    expect((await api.post(path('processed'), { key: first.key, body: {} })).status).toBe(422);
    expect((await api.post(path('failed'), { key: second.key, body: { error: 'late' } })).status).toBe(422);
    const own = ok(
      await api.post<{ data: { id: string } }>(`/agent/chats/${room.id}/messages`, {
        key: first.key,
        body: { message: { content: 'mine', mentions: [{ id: second.id }] } },
      }),
      201,
    ).data;
    const ownPath = `/agent/chats/${room.id}/messages/${own.id}`;
    expect((await api.post(`${ownPath}/processing`, { key: first.key, body: {} })).status).toBe(404);
    expect((await api.post(`${ownPath}/processed`, { key: first.key, body: {} })).status).toBe(404);
    await user.waitFor((r) => r.event === 'message_created' && r.payload.id === own.id, 'the agent message');
    expect(user.received.slice(before).map((r) => r.event)).toEqual(['message_created']);
  });

  it('publishes payloads that match the event contract (zod) of their type', () => {
    const received = clients.flatMap((c) => c.received);
    expect(received.length).toBeGreaterThan(10);
    for (const r of received) {
      const parsed = RealtimeEvent.safeParse({ type: r.event, payload: r.payload });
      expect(parsed.success, `${r.event}: ${parsed.error?.message}`).toBe(true);
    }
  });
});
