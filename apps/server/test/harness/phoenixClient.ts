import { realtimeEventTypes } from '@parley/contracts/events/eventTable';
import { type Channel, Socket } from 'phoenix';
import WebSocket from 'ws';
import { eventually } from './realtimeFixtures.js';

export interface Received {
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

export interface PhoenixTestClient {
  socket: Socket;
  received: Received[];
  closes: { code: number; reason: string }[];
  join(topic: string): Promise<{ status: 'ok' | 'error' | 'timeout'; response: Record<string, unknown> }>;
  channel(topic: string): Channel | undefined;
  /** Waits for a push matching `match`, bounded. */
  waitFor(match: (r: Received) => boolean, what: string, timeoutMs?: number): Promise<Received>;
  disconnect(): void;
}

/** Every event the server can push (the event table), plus the socket's own control event. */
const EVENTS = [...realtimeEventTypes, 'supersede'];

/**
 * The official `phoenix` client against a test server, as the vendor SDKs use it: `ws` as the
 * transport (as the vendors' Node SDKs pass it), params in the query (it adds `vsn=2.0.0` itself), no automatic reconnection
 * (tests reconnect on purpose).
 */
export async function connectPhoenix(
  baseUrl: string,
  params: Record<string, string>,
  options: { heartbeatIntervalMs?: number } = {},
): Promise<PhoenixTestClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/v1/socket`;
  const socket = new Socket(url, {
    params,
    transport: WebSocket as unknown as typeof globalThis.WebSocket,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
    reconnectAfterMs: () => 60_000,
    rejoinAfterMs: () => 60_000,
  });
  const received: Received[] = [];
  const closes: { code: number; reason: string }[] = [];
  const channels = new Map<string, Channel>();
  socket.onClose((event: unknown) => {
    const e = event as { code?: number; reason?: string };
    closes.push({ code: e.code ?? 0, reason: e.reason ?? '' });
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not open')), 10_000);
    socket.onOpen(() => {
      clearTimeout(timer);
      resolve();
    });
    socket.onError((error: unknown) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error(`socket error: ${String((error as { message?: string })?.message ?? error)}`));
    });
    socket.connect();
  });
  const client: PhoenixTestClient = {
    socket,
    received,
    closes,
    join(topic) {
      const channel = socket.channel(topic, {});
      for (const event of EVENTS) {
        channel.on(event, (payload: Record<string, unknown>) => {
          received.push({ topic, event, payload });
        });
      }
      return new Promise((resolve) => {
        channel
          .join(5_000)
          .receive('ok', (response: Record<string, unknown>) => {
            channels.set(topic, channel);
            resolve({ status: 'ok', response });
          })
          .receive('error', (response: Record<string, unknown>) => {
            channel.leave();
            resolve({ status: 'error', response });
          })
          .receive('timeout', () => resolve({ status: 'timeout', response: {} }));
      });
    },
    channel: (topic) => channels.get(topic),
    waitFor: (match, what, timeoutMs) => eventually(() => received.find(match), what, timeoutMs),
    disconnect: () => socket.disconnect(),
  };
  return client;
}

/** A raw `ws` connection attempt: the HTTP status when the upgrade is refused. */
export function tryUpgrade(baseUrl: string, query: string, headers: Record<string, string> = {}) {
  return new Promise<{ opened: boolean; status?: number; body?: string; ws?: WebSocket }>((resolve) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/socket/websocket?${query}`, { headers });
    ws.on('open', () => resolve({ opened: true, ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? 0, body }));
    });
    ws.on('error', () => {});
  });
}
