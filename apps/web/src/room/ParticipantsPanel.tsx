import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc.js';
import { ErrorText, Spinner } from '../ui.js';

const RANK = { owner: 3, admin: 2, member: 1 } as const;

/** Members with roles; add own agents, peers and contacts; remove as the role rules allow. */
export function ParticipantsPanel({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.human.session.current.queryOptions());
  const people = useQuery(trpc.human.chats.listParticipants.queryOptions({ chat_id: roomId }));
  const peers = useQuery(trpc.human.peers.list.queryOptions({ not_in_chat: roomId, page_size: 100 }));
  const [pick, setPick] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.human.chats.listParticipants.queryFilter({ chat_id: roomId }));
    void queryClient.invalidateQueries(trpc.human.peers.list.pathFilter());
  };
  const add = useMutation(trpc.human.chats.addParticipant.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.human.chats.removeParticipant.mutationOptions({ onSuccess: refresh }));
  const myRole = people.data?.data.find((p) => p.id === me.data?.data.user.id)?.role ?? 'member';
  const canRemove = (role: keyof typeof RANK, id: string) =>
    id === me.data?.data.user.id || (myRole !== 'member' && (role !== 'owner' || myRole === 'owner'));

  return (
    <aside id="participants" className="panel" aria-label="People in this room">
      <div className="panel-head">
        <h2>People</h2>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close the people panel">
          ✕
        </button>
      </div>
      {people.isPending ? (
        <Spinner />
      ) : (
        <ul className="people">
          {people.data?.data.map((p) => (
            <li key={p.id} className="person">
              <div>
                <strong>{p.name}</strong>
                <div className="muted small">
                  @{p.handle} · {p.type === 'Agent' ? 'agent' : 'person'} · {p.role}
                </div>
              </div>
              {canRemove(p.role, p.id) && (
                <button
                  type="button"
                  className="ghost small"
                  onClick={() => remove.mutate({ chat_id: roomId, id: p.id })}
                  aria-label={p.id === me.data?.data.user.id ? 'Leave this room' : `Remove ${p.name}`}
                >
                  {p.id === me.data?.data.user.id ? 'Leave' : 'Remove'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={remove.error} />
      {myRole !== 'member' && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (pick)
              add.mutate({ chat_id: roomId, participant: { participant_id: pick } }, { onSuccess: () => setPick('') });
          }}
        >
          <label>
            Add someone
            <select value={pick} onChange={(e) => setPick(e.target.value)}>
              <option value="">Choose an agent or a person…</option>
              {peers.data?.data.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} (@{p.handle}){p.type === 'Agent' ? ' · agent' : ''}
                  {p.is_contact ? ' · contact' : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!pick || add.isPending}>
            Add to room
          </button>
          <ErrorText error={add.error} />
        </form>
      )}
    </aside>
  );
}
