import type { AppRouter } from '@parley/api/appRouter';
import { TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';
import { restClient } from './http.js';
import { trpcClient } from './trpcClient.js';
import { expectVendorError, expectVendorShape, vendorStatuses } from './vendorContract.js';

/**
 * The chat operations over either transport, with one result shape, so that every chat test runs
 * over REST and over native tRPC alike. A user key (`thnv_u_…`) calls the Human API, an agent key
 * the Agent API. Every REST body is checked against the vendor's schema for its operation and
 * status; native errors are read from the error shape the server adds.
 */
export type Transport = 'rest' | 'trpc';

// biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely; REST shapes are checked against the vendor schema
export interface Outcome<T = any> {
  status: number;
  body: T;
  error?: { code: string; message: string; details?: Record<string, unknown>; request_id: string };
}

type Json = Record<string, unknown>;
type Query = Record<string, string | number | boolean | undefined>;

const isAgentKey = (key: string) => key.startsWith('thnv_a_');

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Native inputs carry real numbers and booleans where REST sends strings. */
function nativeQuery(query: Query | undefined): Json {
  return Object.fromEntries(Object.entries(query ?? {}).filter(([, v]) => v !== undefined));
}

export interface ChatApi {
  transport: Transport;
  createRoom(key: string, chat?: Json): Promise<Outcome>;
  getRoom(key: string, roomId: string): Promise<Outcome>;
  listRooms(key: string, query?: Query): Promise<Outcome>;
  renameRoom(agentKey: string, roomId: string, chat: Json): Promise<Outcome>;
  /** The Human API's rename (a Parley extension: `PATCH /me/chats/{id}`, `human.chats.rename`). */
  renameMyRoom(userKey: string, roomId: string, chat: Json): Promise<Outcome>;
  send(key: string, roomId: string, message: Json): Promise<Outcome>;
  listMessages(userKey: string, roomId: string, query?: Query): Promise<Outcome>;
  queue(agentKey: string, roomId: string, query?: Query): Promise<Outcome>;
  next(agentKey: string, roomId: string): Promise<Outcome>;
  processing(agentKey: string, roomId: string, messageId: string): Promise<Outcome>;
  processed(agentKey: string, roomId: string, messageId: string): Promise<Outcome>;
  failed(agentKey: string, roomId: string, messageId: string, error: string): Promise<Outcome>;
  event(agentKey: string, roomId: string, event: Json): Promise<Outcome>;
  participants(key: string, roomId: string, query?: Query): Promise<Outcome>;
  addParticipant(key: string, roomId: string, participant: Json): Promise<Outcome>;
  removeParticipant(key: string, roomId: string, participantId: string): Promise<Outcome>;
  context(agentKey: string, roomId: string, query?: Query): Promise<Outcome>;
}

export function chatApi(baseUrl: string, transport: Transport): ChatApi {
  return transport === 'rest' ? restChatApi(baseUrl) : trpcChatApi(baseUrl);
}

function restChatApi(baseUrl: string): ChatApi {
  const api = restClient(baseUrl);
  async function call(
    operationId: string,
    method: string,
    path: string,
    key: string,
    body?: unknown,
  ): Promise<Outcome> {
    const response = await api.request(method, path, { key, ...(body !== undefined ? { body } : {}) });
    if (response.status === 204) {
      expect(response.text).toBe('');
    } else if (vendorStatuses(operationId).includes(response.status)) {
      expectVendorShape(operationId, response);
    } else {
      expect(response.status, `${operationId}: ${response.text}`).toBeGreaterThanOrEqual(400);
      expectVendorError(response);
    }
    const error = (response.body as { error?: Outcome['error'] } | undefined)?.error;
    if (error) expect(response.headers.get('x-request-id')).toBe(error.request_id);
    return { status: response.status, body: response.body, ...(response.status >= 400 && error ? { error } : {}) };
  }
  const surface = (key: string) => (isAgentKey(key) ? '/agent' : '/me');
  return {
    transport: 'rest',
    createRoom: (key, chat = {}) =>
      call(isAgentKey(key) ? 'createAgentChat' : 'createMyChatRoom', 'POST', `${surface(key)}/chats`, key, { chat }),
    getRoom: (key, roomId) =>
      call(isAgentKey(key) ? 'getAgentChat' : 'getMyChatRoom', 'GET', `${surface(key)}/chats/${roomId}`, key),
    listRooms: (key, query) =>
      call(
        isAgentKey(key) ? 'listAgentChats' : 'listMyChats',
        'GET',
        `${surface(key)}/chats${queryString(query)}`,
        key,
      ),
    renameRoom: (key, roomId, chat) => call('renameAgentChat', 'PATCH', `/agent/chats/${roomId}`, key, { chat }),
    // A Parley extension the vendor has no schema for: its answer is the room as getMyChatRoom's.
    renameMyRoom: (key, roomId, chat) => call('getMyChatRoom', 'PATCH', `/me/chats/${roomId}`, key, { chat }),
    send: (key, roomId, message) =>
      call(
        isAgentKey(key) ? 'createAgentChatMessage' : 'sendMyChatMessage',
        'POST',
        `${surface(key)}/chats/${roomId}/messages`,
        key,
        { message },
      ),
    listMessages: (key, roomId, query) =>
      call('listMyChatMessages', 'GET', `/me/chats/${roomId}/messages${queryString(query)}`, key),
    queue: (key, roomId, query) =>
      call('listAgentMessages', 'GET', `/agent/chats/${roomId}/messages${queryString(query)}`, key),
    next: (key, roomId) => call('getAgentNextMessage', 'GET', `/agent/chats/${roomId}/messages/next`, key),
    processing: (key, roomId, id) =>
      call('markAgentMessageProcessing', 'POST', `/agent/chats/${roomId}/messages/${id}/processing`, key),
    processed: (key, roomId, id) =>
      call('markAgentMessageProcessed', 'POST', `/agent/chats/${roomId}/messages/${id}/processed`, key),
    failed: (key, roomId, id, error) =>
      call('markAgentMessageFailed', 'POST', `/agent/chats/${roomId}/messages/${id}/failed`, key, { error }),
    event: (key, roomId, event) =>
      call('createAgentChatEvent', 'POST', `/agent/chats/${roomId}/events`, key, { event }),
    participants: (key, roomId, query) =>
      call(
        isAgentKey(key) ? 'listAgentChatParticipants' : 'listMyChatParticipants',
        'GET',
        `${surface(key)}/chats/${roomId}/participants${queryString(query)}`,
        key,
      ),
    addParticipant: (key, roomId, participant) =>
      call(
        isAgentKey(key) ? 'addAgentChatParticipant' : 'addMyChatParticipant',
        'POST',
        `${surface(key)}/chats/${roomId}/participants`,
        key,
        { participant },
      ),
    removeParticipant: (key, roomId, id) =>
      call(
        isAgentKey(key) ? 'removeAgentChatParticipant' : 'removeMyChatParticipant',
        'DELETE',
        `${surface(key)}/chats/${roomId}/participants/${id}`,
        key,
      ),
    context: (key, roomId, query) =>
      call('getAgentChatContext', 'GET', `/agent/chats/${roomId}/context${queryString(query)}`, key),
  };
}

interface ErrorShape {
  error?: Outcome['error'];
  data?: { httpStatus?: number };
}

interface Procedure {
  query(input: unknown): Promise<unknown>;
  mutate(input: unknown): Promise<unknown>;
}
type SharedProcedure =
  | 'list'
  | 'create'
  | 'get'
  | 'sendMessage'
  | 'listParticipants'
  | 'addParticipant'
  | 'removeParticipant';
type HumanProcedure = SharedProcedure | 'listMessages' | 'rename';
type AgentProcedure =
  | SharedProcedure
  | 'rename'
  | 'listMessages'
  | 'nextMessage'
  | 'markProcessing'
  | 'markProcessed'
  | 'markFailed'
  | 'createEvent'
  | 'context';
type Procedures<K extends string> = Record<K, Procedure>;

function trpcChatApi(baseUrl: string): ChatApi {
  const clients = new Map<string, ReturnType<typeof trpcClient>>();
  const client = (key: string) => {
    let c = clients.get(key);
    if (!c) {
      c = trpcClient(baseUrl, key);
      clients.set(key, c);
    }
    return c;
  };
  /** Runs a native call; success gets the status REST would answer, so tests compare alike. */
  async function call(successStatus: number, run: () => Promise<unknown>): Promise<Outcome> {
    try {
      const body = await run();
      return { status: body === null ? 204 : successStatus, body: body ?? undefined };
    } catch (error) {
      if (!(error instanceof TRPCClientError)) throw error;
      const shape = (error as TRPCClientError<AppRouter>).shape as ErrorShape | undefined;
      expect(shape?.error?.request_id, 'native errors carry a request id').toBeTruthy();
      return { status: shape?.data?.httpStatus ?? 500, body: shape, ...(shape?.error ? { error: shape.error } : {}) };
    }
  }
  // The server checks the inputs; these loose types let tests send invalid input too.
  const h = (key: string) => client(key).human.chats as unknown as Procedures<HumanProcedure>;
  const a = (key: string) => client(key).agent.chats as unknown as Procedures<AgentProcedure>;
  const s = (key: string) => (isAgentKey(key) ? a(key) : h(key)) as Procedures<SharedProcedure>;
  return {
    transport: 'trpc',
    createRoom: (key, chat = {}) => call(201, () => s(key).create.mutate({ chat })),
    getRoom: (key, roomId) => call(200, () => s(key).get.query({ id: roomId })),
    listRooms: (key, query) => call(200, () => s(key).list.query(nativeQuery(query))),
    renameRoom: (key, roomId, chat) => call(200, () => a(key).rename.mutate({ id: roomId, chat })),
    renameMyRoom: (key, roomId, chat) => call(200, () => h(key).rename.mutate({ id: roomId, chat })),
    send: (key, roomId, message) => call(201, () => s(key).sendMessage.mutate({ chat_id: roomId, message })),
    listMessages: (key, roomId, query) =>
      call(200, () => h(key).listMessages.query({ chat_id: roomId, ...nativeQuery(query) })),
    queue: (key, roomId, query) =>
      call(200, () => a(key).listMessages.query({ chat_id: roomId, ...nativeQuery(query) })),
    next: (key, roomId) => call(200, () => a(key).nextMessage.query({ chat_id: roomId })),
    processing: (key, roomId, id) => call(200, () => a(key).markProcessing.mutate({ chat_id: roomId, id })),
    processed: (key, roomId, id) => call(200, () => a(key).markProcessed.mutate({ chat_id: roomId, id })),
    failed: (key, roomId, id, error) => call(200, () => a(key).markFailed.mutate({ chat_id: roomId, id, error })),
    event: (key, roomId, event) => call(201, () => a(key).createEvent.mutate({ chat_id: roomId, event })),
    participants: (key, roomId, query) =>
      call(200, () => s(key).listParticipants.query({ chat_id: roomId, ...nativeQuery(query) })),
    addParticipant: (key, roomId, participant) =>
      call(201, () => s(key).addParticipant.mutate({ chat_id: roomId, participant })),
    removeParticipant: (key, roomId, id) => call(200, () => s(key).removeParticipant.mutate({ chat_id: roomId, id })),
    context: (key, roomId, query) => call(200, () => a(key).context.query({ chat_id: roomId, ...nativeQuery(query) })),
  };
}

/** Asserts a success status and returns the body's `data`. */
// biome-ignore lint/suspicious/noExplicitAny: see Outcome
export function expectOk<T = any>(outcome: Outcome, status = 200): T {
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(status);
  return (outcome.body as { data: T }).data;
}

/** One page of a list: its rows' ids and the paging metadata. */
export interface ListPage {
  data: { id: string }[];
  metadata: { has_more: boolean; next_cursor: string | null; total_count?: number };
}

/** Asserts a 200 and returns the whole body: the rows and the paging metadata. */
export function expectPage(outcome: Outcome): ListPage {
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
  return outcome.body as ListPage;
}

/** Asserts a failure with our code and returns the error object. */
export function expectFailure(outcome: Outcome, status: number, code: string) {
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(status);
  expect(outcome.error?.code, JSON.stringify(outcome.body)).toBe(code);
  return outcome.error as NonNullable<Outcome['error']>;
}
