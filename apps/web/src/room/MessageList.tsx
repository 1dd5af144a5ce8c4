import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { type ChatMessage, type Participant, useTRPC, useTRPCClient } from '../trpc.js';
import { Empty, ErrorText, Spinner } from '../ui.js';
import { DeliveryStatuses } from './DeliveryStatuses.js';
import { messagePagesKey } from './messagePages.js';

const PAGE = 30;

interface Row {
  message: ChatMessage;
  /** Agent events that belong to this message, folded under it. */
  events: ChatMessage[];
}

/**
 * Oldest → newest. An event goes under the text message it names (`metadata.message_id`, which
 * the SDK sets), else under the text message before it.
 */
function fold(messages: ChatMessage[]): Row[] {
  const rows: Row[] = [];
  const byId = new Map<string, Row>();
  for (const message of messages) {
    if (message.message_type === 'text') {
      const row = { message, events: [] };
      rows.push(row);
      byId.set(message.id, row);
      continue;
    }
    const target = byId.get(String(message.metadata.message_id ?? '')) ?? rows.at(-1);
    if (target) target.events.push(message);
    else rows.push({ message, events: [] });
  }
  return rows;
}

export function MessageList({ roomId, participants }: { roomId: string; participants: Participant[] }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.human.session.current.queryOptions());
  const client = useTRPCClient();
  const history = useInfiniteQuery({
    queryKey: messagePagesKey(roomId),
    queryFn: ({ pageParam }) =>
      client.human.chats.listMessages.query({
        chat_id: roomId,
        limit: PAGE,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => (page.metadata.has_more ? page.metadata.next_cursor : undefined),
    // Live events keep the pages current; refetching every page would only move them.
    staleTime: Infinity,
  });
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const heightBefore = useRef<number | null>(null);

  const messages = (history.data?.pages ?? []).flatMap((p) => p.data).reverse();
  const rows = fold(messages);
  const newestId = messages.at(-1)?.id;

  // Keep the view where it was when older pages arrive above; follow the bottom when new ones arrive.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBefore.current !== null) {
      el.scrollTop += el.scrollHeight - heightBefore.current;
      heightBefore.current = null;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
  });
  useEffect(() => {
    if (newestId && pinned.current && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [newestId]);

  const loadOlder = () => {
    if (!history.hasNextPage || history.isFetchingNextPage) return;
    heightBefore.current = scroller.current?.scrollHeight ?? null;
    void history.fetchNextPage();
  };
  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadOlder();
    });
    observer.observe(el);
    return () => observer.disconnect();
  });

  const names = new Map(participants.map((p) => [p.id, p.name]));
  return (
    <div
      className="messages"
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      <div ref={sentinel} className="older">
        {history.hasNextPage ? (
          <button type="button" className="ghost small" onClick={loadOlder} disabled={history.isFetchingNextPage}>
            {history.isFetchingNextPage ? 'Loading older messages…' : 'Load older messages'}
          </button>
        ) : messages.length > 0 ? (
          <span className="muted small">Beginning of the conversation</span>
        ) : null}
      </div>
      {history.isPending ? (
        <Spinner label="Loading messages…" />
      ) : history.error ? (
        <ErrorText error={history.error} />
      ) : rows.length === 0 ? (
        <Empty title="No messages yet">Say hello, and @mention an agent to put it to work.</Empty>
      ) : (
        <ol className="message-list" aria-label="Messages" aria-live="polite" aria-relevant="additions">
          {rows.map(({ message, events }) => (
            <li
              key={message.id}
              className={`message ${message.sender_id === me.data?.data.user.id ? 'mine' : ''} ${message.sender_type.toLowerCase()}`}
              data-testid="message"
            >
              <div className="message-head">
                <span className="sender">{message.sender_name}</span>
                {message.sender_type === 'Agent' && <span className="tag">agent</span>}
                <time className="muted small" dateTime={message.inserted_at}>
                  {new Date(message.inserted_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
                </time>
              </div>
              {message.message_type === 'text' ? (
                <p className="content">{message.content}</p>
              ) : (
                <p className="content event-line">
                  <span className="tag">{message.message_type}</span> {message.content}
                </p>
              )}
              <DeliveryStatuses message={message} names={names} />
              {events.length > 0 && (
                <details className="events">
                  <summary>
                    {events.length} agent event{events.length === 1 ? '' : 's'}
                  </summary>
                  <ul className="event-items">
                    {events.map((event) => (
                      <li key={event.id} className={`event ${event.message_type}`}>
                        <span className="tag">{event.message_type.replace('_', ' ')}</span>
                        <span className="muted small">{event.sender_name}</span>
                        <pre>{event.content}</pre>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
