import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '../trpc.js';
import { ErrorText } from '../ui.js';

/**
 * Rename control for a room's owners and admins: a button that opens a small labelled form in
 * place (Enter saves, Escape cancels; focus goes back to the button). The title everyone sees
 * changes live through `room_updated`; the draft stays when the server refuses it.
 */
export function RenameRoom({ roomId, title }: { roomId: string; title: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const close = () => {
    setEditing(false);
    rename.reset();
    // After the button is back in the page.
    setTimeout(() => button.current?.focus(), 0);
  };
  const rename = useMutation(
    trpc.human.chats.rename.mutationOptions({
      onSuccess: (renamed) => {
        queryClient.setQueryData(trpc.human.chats.get.queryKey({ id: roomId }), renamed);
        void queryClient.invalidateQueries(trpc.human.chats.list.pathFilter());
        close();
      },
    }),
  );
  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  if (!editing) {
    return (
      <button
        ref={button}
        type="button"
        onClick={() => {
          setDraft(title ?? '');
          setEditing(true);
        }}
      >
        Rename
      </button>
    );
  }
  return (
    <form
      className="rename-form"
      aria-label="Rename this room"
      onSubmit={(e) => {
        e.preventDefault();
        rename.mutate({ id: roomId, chat: { title: draft } });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <label>
        <span className="sr-only">Room title</span>
        <input ref={input} maxLength={120} required value={draft} onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={rename.isPending}>
        Save
      </button>
      <button type="button" onClick={close}>
        Cancel
      </button>
      <ErrorText error={rename.error} />
    </form>
  );
}
