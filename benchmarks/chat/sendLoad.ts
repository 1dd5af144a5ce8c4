import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
}

export type SendTarget = 'bare' | 'rest' | 'trpc';

/** The method, path and body of one "send a text message mentioning the agent" request. */
function requestFor(target: SendTarget, roomId: string, agentId: string, n: number) {
  const message = { content: `benchmark message ${n}`, mentions: [{ id: agentId }] };
  switch (target) {
    case 'bare':
      return { path: `/bare/me/chats/${roomId}/messages`, body: JSON.stringify({ message }) };
    case 'rest':
      return { path: `/api/v1/me/chats/${roomId}/messages`, body: JSON.stringify({ message }) };
    case 'trpc':
      return { path: '/trpc/human.chats.sendMessage', body: JSON.stringify({ chat_id: roomId, message }) };
  }
}

/**
 * Sends text messages with one mention for `seconds` over `connections` keep-alive connections,
 * spreading them over `rooms` in turn, and reports throughput and latency (autocannon).
 */
export async function sendLoad(options: {
  url: string;
  target: SendTarget;
  userKey: string;
  rooms: string[];
  agentId: string;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': options.userKey },
    requests: [
      {
        setupRequest: (request) => {
          n += 1;
          const roomId = options.rooms[n % options.rooms.length] as string;
          return { ...request, ...requestFor(options.target, roomId, options.agentId, n) };
        },
      },
    ],
  });
  return {
    label: options.target,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result['2xx'],
    errors: result.non2xx + result.errors + result.timeouts,
  };
}
