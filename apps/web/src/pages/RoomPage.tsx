import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { Composer } from '../room/Composer.js';
import { MessageList } from '../room/MessageList.js';
import { ParticipantsPanel } from '../room/ParticipantsPanel.js';
import { RenameRoom } from '../room/RenameRoom.js';
import { useTRPC } from '../trpc.js';
import { ErrorText, PageTitle, Spinner } from '../ui.js';

export function RoomPage({ roomId }: { roomId: string }) {
  const trpc = useTRPC();
  const room = useQuery(trpc.human.chats.get.queryOptions({ id: roomId }));
  const participants = useQuery(trpc.human.chats.listParticipants.queryOptions({ chat_id: roomId }));
  const me = useQuery(trpc.human.session.current.queryOptions());
  const [showPeople, setShowPeople] = useState(false);
  if (room.isPending) return <Spinner label="Opening the room…" />;
  if (room.error)
    return (
      <section>
        <ErrorText error={room.error} />
        <Link href="/">Back to your rooms</Link>
      </section>
    );
  const count = participants.data?.data.length;
  const myRole = participants.data?.data.find((p) => p.id === me.data?.data.user.id)?.role;
  const canRename = myRole === 'owner' || myRole === 'admin';
  return (
    <div className={`room ${showPeople ? 'with-people' : ''}`}>
      <section className="room-main" aria-label="Conversation">
        <PageTitle
          actions={
            <div className="head-actions">
              {canRename && <RenameRoom roomId={roomId} title={room.data.data.title} />}
              <button
                type="button"
                aria-expanded={showPeople}
                aria-controls="participants"
                onClick={() => setShowPeople((v) => !v)}
              >
                People{count !== undefined ? ` (${count})` : ''}
              </button>
            </div>
          }
        >
          {room.data.data.title || 'Untitled room'}
        </PageTitle>
        <MessageList roomId={roomId} participants={participants.data?.data ?? []} />
        <Composer roomId={roomId} participants={participants.data?.data ?? []} />
      </section>
      {showPeople && <ParticipantsPanel roomId={roomId} onClose={() => setShowPeople(false)} />}
    </div>
  );
}
