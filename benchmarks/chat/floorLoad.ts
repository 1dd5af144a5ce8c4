import autocannon from 'autocannon';
import type { BenchAgent } from './seed.js';

/** Who answers: the minimal floor, the exact-statement floor, Parley over REST, Parley over native tRPC. */
export type FloorTarget = 'min' | 'bare' | 'rest' | 'trpc';
/** What is asked: `GET /agent/me`, `GET …/next` (answering 200), a send into one room, sends into 32 rooms. */
export type FloorScenario = 'me' | 'next' | 'send1' | 'send32';

export interface FloorLoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
}

const restBase: Record<Exclude<FloorTarget, 'trpc'>, string> = { min: '/min', bare: '/bare', rest: '/api/v1' };

const trpcQuery = (procedure: string, input: unknown) =>
  `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

function meRequest(target: FloorTarget) {
  return { method: 'GET' as const, path: target === 'trpc' ? '/trpc/agent.me' : `${restBase[target]}/agent/me` };
}

function nextRequest(target: FloorTarget, roomId: string) {
  const path =
    target === 'trpc'
      ? trpcQuery('agent.chats.nextMessage', { chat_id: roomId })
      : `${restBase[target]}/agent/chats/${roomId}/messages/next`;
  return { method: 'GET' as const, path };
}

function sendRequest(target: FloorTarget, roomId: string, agentId: string, n: number) {
  const message = { content: `benchmark message ${n}`, mentions: [{ id: agentId }] };
  if (target === 'trpc') {
    return {
      method: 'POST' as const,
      path: '/trpc/human.chats.sendMessage',
      body: JSON.stringify({ chat_id: roomId, message }),
    };
  }
  return {
    method: 'POST' as const,
    path: `${restBase[target]}/me/chats/${roomId}/messages`,
    body: JSON.stringify({ message }),
  };
}

async function run(
  url: string,
  connections: number,
  seconds: number,
  build: (n: number) => { method: 'GET' | 'POST'; path: string; body?: string; key: string },
): Promise<FloorLoadResult> {
  let n = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          n += 1;
          const { key, ...built } = build(n);
          return { ...request, ...built, headers: { ...request.headers, 'x-api-key': key } };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result['2xx'],
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

export interface FloorWorld {
  userKey: string;
  sendRooms: string[];
  sendAgentId: string;
  /** Agents with open deliveries in `nextRoom` (for `me` and `next`). */
  nextAgents: BenchAgent[];
  nextRoom: string;
}

/**
 * Runs one scenario against one target for `seconds` over `connections` keep-alive connections.
 * `send32` gives each connection a room of its own (32 senders, one room each): one autocannon
 * client per connection, since autocannon does not pin requests to connections.
 */
export async function floorLoad(options: {
  url: string;
  target: FloorTarget;
  scenario: FloorScenario;
  world: FloorWorld;
  connections: number;
  seconds: number;
}): Promise<FloorLoadResult> {
  const { url, target, world, connections, seconds } = options;
  const agentAt = (n: number) => world.nextAgents[n % world.nextAgents.length] as BenchAgent;
  switch (options.scenario) {
    case 'me':
      return run(url, connections, seconds, (n) => ({ ...meRequest(target), key: agentAt(n).key }));
    case 'next':
      return run(url, connections, seconds, (n) => ({ ...nextRequest(target, world.nextRoom), key: agentAt(n).key }));
    case 'send1': {
      const room = world.sendRooms[0] as string;
      return run(url, connections, seconds, (n) => ({
        ...sendRequest(target, room, world.sendAgentId, n),
        key: world.userKey,
      }));
    }
    case 'send32': {
      const rooms = world.sendRooms.slice(0, connections);
      const parts = await Promise.all(
        rooms.map((room) =>
          run(url, 1, seconds, (n) => ({ ...sendRequest(target, room, world.sendAgentId, n), key: world.userKey })),
        ),
      );
      return {
        requestsPerSecond: parts.reduce((s, p) => s + p.requestsPerSecond, 0),
        p50: Math.max(...parts.map((p) => p.p50)),
        p99: Math.max(...parts.map((p) => p.p99)),
        total: parts.reduce((s, p) => s + p.total, 0),
        errors: parts.reduce((s, p) => s + p.errors, 0),
      };
    }
  }
}
