import type { DB } from '@parley/db/database';
import { listAllParticipants, type ParticipantRow } from '@parley/db/repositories/chatParticipants';
import { findRoomOfParticipant, type RoomRow } from '@parley/db/repositories/chatRooms';
import { roomsOfParticipant } from '@parley/db/repositories/eventSources';
import type { Transaction } from 'kysely';
import { chatRoomView } from '../chats/chatRoomWire.js';
import { meChatParticipantView, removedParticipantView } from '../participants/participantWire.js';
import { type EventToRecord, recordEvents } from './recordEvent.js';

const roomFields = (room: RoomRow) => chatRoomView(room);

/**
 * A principal joined a room (created it, or was added): `room_added` on its own topic and
 * `participant_added` to the room. Call after its participant row is written.
 */
export async function recordJoinedRoom(
  trx: Transaction<DB>,
  input: { roomId: string; principalId: string; announce: boolean },
): Promise<void> {
  const room = await findRoomOfParticipant(trx, input.roomId, input.principalId);
  const members = await listAllParticipants(trx, input.roomId);
  const joined = members.find((m) => m.id === input.principalId);
  if (!room || !joined) throw new Error('recordJoinedRoom: the participant row is missing');
  const owner = members.find((m) => m.role === 'owner');
  const events: EventToRecord[] = [
    {
      type: 'room_added',
      organizationId: room.organization_id,
      recipientId: joined.id,
      payload: {
        ...roomFields(room),
        owner: owner ? { id: owner.id, name: owner.name, type: owner.type } : null,
        participant_role: joined.role,
      },
    },
  ];
  if (input.announce) {
    events.push({
      type: 'participant_added',
      organizationId: room.organization_id,
      roomId: room.id,
      payload: meChatParticipantView(joined),
    });
  }
  await recordEvents(trx, events);
}

/**
 * A participant is leaving a room (removed, or left): `participant_removed` to the room and
 * `room_removed` on its own topic. Call before its participant row is deleted.
 */
export async function recordLeavingRoom(
  trx: Transaction<DB>,
  input: { roomId: string; participant: ParticipantRow },
): Promise<void> {
  const room = await findRoomOfParticipant(trx, input.roomId, input.participant.id);
  if (!room) return;
  const p = input.participant;
  await recordEvents(trx, [
    {
      type: 'participant_removed',
      organizationId: room.organization_id,
      roomId: room.id,
      payload: removedParticipantView(p),
    },
    {
      type: 'room_removed',
      organizationId: room.organization_id,
      recipientId: p.id,
      // The vendor's TypeScript SDK drops a room_removed whose title is not a string.
      payload: {
        ...roomFields(room),
        title: room.title ?? '',
        removed_at: new Date().toISOString().replace('Z', '000Z'),
      },
    },
  ]);
}

/** A principal is being deleted: each of its rooms learns it left. Call before it leaves them. */
export async function recordLeavingAllRooms(
  trx: Transaction<DB>,
  input: { principalId: string; type: 'User' | 'Agent'; name: string; handle: string },
): Promise<void> {
  const rooms = await roomsOfParticipant(trx, input.principalId);
  await recordEvents(
    trx,
    rooms.map((room) => ({
      type: 'participant_removed' as const,
      organizationId: room.organization_id,
      roomId: room.id,
      payload: removedParticipantView({
        id: input.principalId,
        type: input.type,
        name: input.name,
        handle: input.handle,
      }),
    })),
  );
}
