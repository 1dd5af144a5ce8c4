import { randomUUID } from 'node:crypto';
import { recordEvent } from '@parley/core/events/recordEvent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPhoenix, type PhoenixTestClient } from './harness/phoenixClient.js';
import {
  agentPrincipal,
  deleteParticipantRow,
  eventually,
  insertRoom,
  messageEvent,
  messagePayload,
  type Principal,
  publish,
  userPrincipal,
} from './harness/realtimeFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let server: TestServer;
let alice: Principal;
let helper: Principal;
let other: Principal;
let roomId: string;
const clients: PhoenixTestClient[] = [];

async function connect(params: Record<string, string>, topics: string[]) {
  const client = await connectPhoenix(server.url, params);
  clients.push(client);
  for (const topic of topics) expect((await client.join(topic)).status, topic).toBe('ok');
  return client;
}

const at = '2026-11-29T10:00:00.000000Z';

async function connectAndWaitContacts(client: PhoenixTestClient, id: string) {
  await client.waitFor((r) => r.event === 'contact_added' && r.payload.id === id, 'the contact on the new socket');
}

beforeAll(async () => {
  server = await startTestServer();
  const deps = server.server.deps;
  alice = await userPrincipal(deps);
  helper = await agentPrincipal(deps, alice, 'Helper');
  other = await agentPrincipal(deps, alice, 'Other');
  roomId = await insertRoom(deps.db, alice.organizationId, [alice, helper, other]);
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server?.close();
});

describe('event delivery over the Phoenix socket', () => {
  it('pushes every event kind on its topic with the payload as recorded', async () => {
    const db = server.server.deps.db;
    const user = await connect({ api_key: alice.key }, [
      `chat_room:${roomId}`,
      `room_participants:${roomId}`,
      `user_rooms:${alice.id}`,
      `user_contacts:${alice.id}`,
    ]);
    const agent = await connect({ api_key: helper.key }, [
      `agent_rooms:${helper.id}`,
      `agent_contacts:${helper.id}`,
      `room_participants:${roomId}`,
    ]);
    const org = alice.organizationId;
    const text = messagePayload(roomId, alice, { mentions: [helper] });
    const thought = messagePayload(roomId, helper, { type: 'thought', content: 'thinking' });
    const participant = {
      id: other.id,
      type: 'Agent',
      name: 'Other',
      handle: other.handle,
      role: 'member',
      status: 'active',
    };
    const room = {
      id: roomId,
      title: 'Realtime room',
      task_id: null,
      status: 'active',
      type: 'direct',
      inserted_at: at,
      updated_at: at,
    };
    const request = {
      id: randomUUID(),
      from_handle: alice.handle,
      from_name: alice.name,
      message: 'hi',
      status: 'pending',
      inserted_at: at,
    };
    const userRequest = {
      id: request.id,
      requester_id: helper.id,
      recipient_id: alice.id,
      status: 'pending',
      message: 'hi',
      inserted_at: at,
      requester: { id: helper.id, handle: helper.handle, name: 'Helper' },
      recipient: { id: alice.id, handle: alice.handle, name: alice.name },
    };
    const contact = { id: randomUUID(), handle: alice.handle, name: alice.name, type: 'User', inserted_at: at };
    await publish(
      db,
      messageEvent(roomId, org, text),
      messageEvent(roomId, org, { ...text, metadata: { ...text.metadata, status: 'delivered' } }, 'message_updated'),
      messageEvent(roomId, org, thought, 'event_created'),
      { type: 'participant_added', organizationId: org, roomId, payload: participant as never },
      {
        type: 'participant_removed',
        organizationId: org,
        roomId,
        payload: { id: other.id, type: 'Agent', name: 'Other' },
      },
      {
        type: 'room_added',
        organizationId: org,
        recipientId: helper.id,
        payload: {
          ...room,
          metadata: {},
          owner: { id: alice.id, name: alice.name, type: 'User' },
          participant_role: 'member',
        },
      },
      {
        type: 'room_removed',
        organizationId: org,
        recipientId: alice.id,
        payload: { ...room, title: 'Realtime room', removed_at: at },
      },
      { type: 'contact_request_received', organizationId: org, recipientId: helper.id, payload: request },
      { type: 'contact_request_received', organizationId: org, recipientId: alice.id, payload: userRequest },
      {
        type: 'contact_request_updated',
        organizationId: org,
        recipientId: alice.id,
        payload: { id: request.id, status: 'approved' },
      },
      { type: 'contact_added', organizationId: org, recipientId: helper.id, payload: contact as never },
      { type: 'contact_removed', organizationId: org, recipientId: helper.id, payload: { id: contact.id } },
      { type: 'room_deleted', organizationId: org, roomId, audience: [alice.id, helper.id], payload: { id: roomId } },
    );
    await user.waitFor((r) => r.event === 'room_deleted', 'room_deleted for the user');
    await agent.waitFor((r) => r.event === 'room_deleted', 'room_deleted for the agent');
    expect(user.received.map((r) => [r.topic, r.event, r.payload])).toEqual([
      [`chat_room:${roomId}`, 'message_created', text],
      [`chat_room:${roomId}`, 'message_updated', { ...text, metadata: { ...text.metadata, status: 'delivered' } }],
      [`chat_room:${roomId}`, 'event_created', thought],
      [`room_participants:${roomId}`, 'participant_added', participant],
      [`room_participants:${roomId}`, 'participant_removed', { id: other.id, type: 'Agent', name: 'Other' }],
      [`user_rooms:${alice.id}`, 'room_removed', { ...room, title: 'Realtime room', removed_at: at }],
      [`user_contacts:${alice.id}`, 'contact_request_received', userRequest],
      [`user_contacts:${alice.id}`, 'contact_request_updated', { id: request.id, status: 'approved' }],
      [`room_participants:${roomId}`, 'room_deleted', { id: roomId }],
    ]);
    expect(agent.received.map((r) => [r.topic, r.event])).toEqual([
      [`room_participants:${roomId}`, 'participant_added'],
      [`room_participants:${roomId}`, 'participant_removed'],
      [`agent_rooms:${helper.id}`, 'room_added'],
      [`agent_contacts:${helper.id}`, 'contact_request_received'],
      [`agent_contacts:${helper.id}`, 'contact_added'],
      [`agent_contacts:${helper.id}`, 'contact_removed'],
      [`room_participants:${roomId}`, 'room_deleted'],
    ]);
    expect(agent.received[3]?.payload).toEqual(request);
    user.disconnect();
    agent.disconnect();
  });

  it('gives an agent only the text that mentions it and that it did not send, with its own delivery status', async () => {
    const db = server.server.deps.db;
    const agent = await connect({ api_key: helper.key }, [`chat_room:${roomId}`]);
    const org = alice.organizationId;
    const wanted = messagePayload(roomId, alice, { content: 'for helper', mentions: [helper, other] });
    await publish(
      db,
      messageEvent(roomId, org, messagePayload(roomId, alice, { mentions: [other] })),
      messageEvent(roomId, org, messagePayload(roomId, alice, { mentions: [helper], kind: 'reference' })),
      messageEvent(roomId, org, messagePayload(roomId, helper, { mentions: [other] })),
      messageEvent(
        roomId,
        org,
        messagePayload(roomId, alice, { type: 'thought', mentions: [helper] }),
        'event_created',
      ),
      messageEvent(roomId, org, messagePayload(roomId, alice, { mentions: [helper] }), 'message_updated'),
      messageEvent(roomId, org, messagePayload(roomId, alice, { type: 'system', mentions: [helper] })),
      messageEvent(roomId, org, wanted),
    );
    await agent.waitFor((r) => r.payload.id === wanted.id, 'the mention');
    expect(agent.received).toHaveLength(1);
    expect(agent.received[0]?.payload).toEqual({
      ...wanted,
      metadata: { ...wanted.metadata, delivery_status: { [helper.id]: wanted.metadata.delivery_status[helper.id] } },
    });
    agent.disconnect();
  });

  it('stops pushing a room to an agent removed from it, at once', async () => {
    const db = server.server.deps.db;
    const room2 = await insertRoom(db, alice.organizationId, [alice, other]);
    const agent = await connect({ api_key: other.key }, [`chat_room:${room2}`, `agent_rooms:${other.id}`]);
    const org = alice.organizationId;
    const before = messagePayload(room2, alice, { mentions: [other] });
    await publish(db, messageEvent(room2, org, before));
    await agent.waitFor((r) => r.payload.id === before.id, 'mention before removal');
    await deleteParticipantRow(db, room2, other.id);
    const after = messagePayload(room2, alice, { mentions: [other] });
    const marker = {
      id: room2,
      title: '',
      task_id: null,
      status: 'active',
      type: 'direct',
      removed_at: at,
      inserted_at: at,
      updated_at: at,
    };
    await publish(db, messageEvent(room2, org, after), {
      type: 'room_removed',
      organizationId: org,
      recipientId: other.id,
      payload: marker,
    });
    await agent.waitFor((r) => r.event === 'room_removed', 'the marker after the removal');
    expect(agent.received.map((r) => r.payload.id)).toEqual([before.id, room2]);
    agent.disconnect();
  });

  it('publishes nothing for a rolled-back write, and keeps going after the hole it leaves', async () => {
    const db = server.server.deps.db;
    const user = await connect({ api_key: alice.key }, [`chat_room:${roomId}`]);
    const lost = messagePayload(roomId, alice, { content: 'rolled back' });
    await expect(
      db.transaction().execute(async (trx) => {
        await recordEvent(trx, messageEvent(roomId, alice.organizationId, lost) as never);
        throw new Error('abort the write');
      }),
    ).rejects.toThrow('abort the write');
    const kept = messagePayload(roomId, alice, { content: 'committed' });
    await publish(db, messageEvent(roomId, alice.organizationId, kept));
    await user.waitFor((r) => r.payload.id === kept.id, 'the committed message');
    expect(user.received.map((r) => r.payload.id)).toEqual([kept.id]);
    user.disconnect();
  });

  it('keeps one live connection per agent: a second one replaces the first, which is told why', async () => {
    const first = await connect({ api_key: helper.key }, [`agent_control:${helper.id}`, `agent_rooms:${helper.id}`]);
    const second = await connect({ api_key: alice.key, agent_id: helper.id }, [`agent_contacts:${helper.id}`]);
    const notice = await first.waitFor((r) => r.event === 'supersede', 'the supersede notice');
    expect(notice.topic).toBe(`agent_control:${helper.id}`);
    expect(notice.payload).toMatchObject({ reason: 'session.already_connected', retryable: false });
    await eventually(() => first.closes.length > 0, 'the old socket closing');
    expect(first.closes[0]?.code).toBe(4001);
    const contact = { id: randomUUID(), handle: 'x', name: 'x', type: 'User' as const, inserted_at: at };
    await publish(server.server.deps.db, {
      type: 'contact_added',
      organizationId: alice.organizationId,
      recipientId: helper.id,
      payload: contact,
    });
    await connectAndWaitContacts(second, contact.id);
    expect(first.received.filter((r) => r.event === 'contact_added')).toEqual([]);
    expect(second.socket.isConnected()).toBe(true);
  });
});
