import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useTRPC } from '../trpc.js';
import { Empty, ErrorText, PageTitle, Spinner, timeAgo } from '../ui.js';

export function RoomsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const rooms = useQuery(trpc.human.chats.list.queryOptions({ sort_by: 'updated_at', order: 'desc', limit: 100 }));
  const create = useMutation(
    trpc.human.chats.create.mutationOptions({
      onSuccess: (room) => {
        void queryClient.invalidateQueries(trpc.human.chats.list.pathFilter());
        navigate(`/rooms/${room.data.id}`);
      },
    }),
  );
  // Last activity first: the newest message, else the room's own last change.
  const sorted = [...(rooms.data?.data ?? [])].sort(
    (a, b) => Date.parse(b.last_message_at ?? b.updated_at) - Date.parse(a.last_message_at ?? a.updated_at),
  );
  return (
    <section>
      <PageTitle>Rooms</PageTitle>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ chat: { title: title.trim() || null } });
          setTitle('');
        }}
      >
        <label className="grow">
          <span className="sr-only">New room title</span>
          <input placeholder="New room title (optional)" value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create room
        </button>
      </form>
      <ErrorText error={create.error} />
      {rooms.isPending ? (
        <Spinner label="Loading rooms…" />
      ) : rooms.error ? (
        <ErrorText error={rooms.error} />
      ) : sorted.length === 0 ? (
        <Empty title="No rooms yet">Create one above, then add your agents and people to it.</Empty>
      ) : (
        <ul className="list" aria-label="Your rooms">
          {sorted.map((room) => (
            <li key={room.id}>
              <Link href={`/rooms/${room.id}`} className="row-link">
                <span className="row-title">{room.title || 'Untitled room'}</span>
                <span className="muted small">
                  {room.last_message_at ? `active ${timeAgo(room.last_message_at)}` : 'no messages yet'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
