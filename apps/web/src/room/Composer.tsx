import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { type Participant, useTRPC } from '../trpc.js';
import { ErrorText } from '../ui.js';

/** The `@word` being typed right before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)@([\w./-]*)$/.exec(text.slice(0, caret));
  return m ? { start: caret - (m[2]?.length ?? 0) - 1, query: (m[2] ?? '').toLowerCase() } : null;
}

/**
 * The message box. Typing `@` opens a picker of the room's participants (arrows and Enter or Tab
 * to choose, Escape to close); the mentions sent are the participants whose `@handle` is in the
 * text. Enter sends, Shift+Enter starts a new line. A refused message stays in the box.
 */
export function Composer({ roomId, participants }: { roomId: string; participants: Participant[] }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.human.session.current.queryOptions());
  const [text, setText] = useState('');
  const [picker, setPicker] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const send = useMutation(trpc.human.chats.sendMessage.mutationOptions({ onSuccess: () => setText('') }));

  const others = participants.filter((p) => p.id !== me.data?.data.user.id && p.handle);
  const options = picker
    ? others.filter((p) => `${p.handle} ${p.name}`.toLowerCase().includes(picker.query)).slice(0, 8)
    : [];

  const choose = (p: Participant) => {
    if (!picker) return;
    const caret = box.current?.selectionStart ?? text.length;
    const next = `${text.slice(0, picker.start)}@${p.handle} ${text.slice(caret)}`;
    setText(next);
    setPicker(null);
    caretAfterRender.current = picker.start + (p.handle?.length ?? 0) + 2;
  };
  // Put the caret after the inserted handle before the next key is handled (not in a later frame,
  // which would move it under fast typing).
  const caretAfterRender = useRef<number | null>(null);
  useLayoutEffect(() => {
    const pos = caretAfterRender.current;
    if (pos === null || !box.current) return;
    caretAfterRender.current = null;
    box.current.setSelectionRange(pos, pos);
    box.current.focus();
  });

  const submit = () => {
    const content = text.trim();
    if (!content || send.isPending) return;
    const mentions = others
      .filter((p) =>
        new RegExp(`(^|\\s)@${p.handle?.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w/-])`).test(content),
      )
      .map((p) => ({ id: p.id }));
    send.mutate({ chat_id: roomId, message: { content, mentions } });
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <ErrorText error={send.error} />
      <div className="composer-row">
        <label className="grow">
          <span className="sr-only">Message</span>
          <textarea
            ref={box}
            rows={2}
            value={text}
            placeholder="Write a message — @ to mention someone"
            role="combobox"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={options.length ? `${listId}-${active}` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setPicker(mentionQuery(e.target.value, e.target.selectionStart));
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (options.length > 0) {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  const step = e.key === 'ArrowDown' ? 1 : -1;
                  setActive((a) => (a + step + options.length) % options.length);
                  return;
                }
                if (e.key === 'Enter' || e.key === 'Tab') {
                  e.preventDefault();
                  const option = options[active];
                  if (option) choose(option);
                  return;
                }
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setPicker(null);
                  return;
                }
              }
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
          />
        </label>
        <button type="submit" className="primary" disabled={send.isPending || !text.trim()}>
          Send
        </button>
      </div>
      {options.length > 0 && (
        <div className="picker" id={listId} role="listbox" aria-label="Mention someone">
          {options.map((p, i) => (
            <div
              key={p.id}
              id={`${listId}-${i}`}
              className="picker-option"
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
            >
              <strong>{p.name}</strong> <span className="muted">@{p.handle}</span>
              {p.type === 'Agent' && <span className="tag">agent</span>}
            </div>
          ))}
        </div>
      )}
    </form>
  );
}
