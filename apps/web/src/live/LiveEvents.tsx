import { type InfiniteData, type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { createContext, type ReactNode, useContext, useRef } from 'react';
import { messagePagesKey } from '../room/messagePages.js';
import { type ChatMessage, type Outputs, useTRPC } from '../trpc.js';

type LiveStatus = 'connecting' | 'live' | 'reconnecting';
const LiveContext = createContext<LiveStatus>('connecting');

/** Whether the live stream is up; the shell shows a banner while it reconnects. */
export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext);
}

type MessagePage = Outputs['chats']['listMessages'];

/** The room's message pages in the cache (newest first), with one message put in or replaced. */
function upsertMessage(queryClient: QueryClient, key: readonly unknown[], message: ChatMessage) {
  queryClient.setQueriesData<InfiniteData<MessagePage>>({ queryKey: key }, (data) => {
    if (!data?.pages.length) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      data: page.data.map((m) => {
        if (m.id !== message.id) return m;
        found = true;
        return message;
      }),
    }));
    if (!found && pages[0]) pages[0] = { ...pages[0], data: [message, ...pages[0].data] };
    return { ...data, pages };
  });
}

/**
 * Follows `human.events.stream` for the whole app and folds each event into the query cache:
 * messages into their room's pages, room and contact changes by refetching those lists. The
 * subscription link resumes with the last event id after a drop, so nothing is missed.
 */
export function LiveEvents({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const wasLive = useRef(false);
  const subscription = useSubscription(
    trpc.human.events.stream.subscriptionOptions(undefined, {
      onData: ({ data: event }) => {
        const room = event.chat_room_id;
        switch (event.type) {
          case 'message_created':
          case 'message_updated':
          case 'event_created':
            if (room) {
              upsertMessage(queryClient, messagePagesKey(room), event.payload as ChatMessage);
            }
            if (event.type !== 'message_updated')
              void queryClient.invalidateQueries(trpc.human.chats.list.pathFilter());
            break;
          case 'participant_added':
          case 'participant_removed':
            if (room)
              void queryClient.invalidateQueries(trpc.human.chats.listParticipants.queryFilter({ chat_id: room }));
            void queryClient.invalidateQueries(trpc.human.peers.list.pathFilter());
            break;
          case 'room_updated':
            // A rename: the room's header and the room list show the new title.
            if (room) void queryClient.invalidateQueries(trpc.human.chats.get.queryFilter({ id: room }));
            void queryClient.invalidateQueries(trpc.human.chats.list.pathFilter());
            break;
          case 'room_added':
          case 'room_removed':
          case 'room_deleted':
            void queryClient.invalidateQueries(trpc.human.chats.list.pathFilter());
            break;
          default:
            void queryClient.invalidateQueries(trpc.human.contacts.pathFilter());
            void queryClient.invalidateQueries(trpc.human.peers.list.pathFilter());
        }
      },
    }),
  );
  if (subscription.status === 'pending') wasLive.current = true;
  const status: LiveStatus =
    subscription.status === 'pending' ? 'live' : wasLive.current ? 'reconnecting' : 'connecting';
  return <LiveContext.Provider value={status}>{children}</LiveContext.Provider>;
}
