import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryUpgrade } from './harness/phoenixClient.js';
import {
  eventually,
  insertRoom,
  messageEvent,
  messagePayload,
  type Principal,
  publish,
  userPrincipal,
} from './harness/realtimeFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let server: TestServer;
let alice: Principal;
let roomId: string;

beforeAll(async () => {
  server = await startTestServer({ PARLEY_SOCKET_BUFFER_BYTES: '65536' });
  alice = await userPrincipal(server.server.deps);
  roomId = await insertRoom(server.server.deps.db, alice.organizationId, [alice]);
});

afterAll(async () => {
  await server?.close();
});

describe('a socket that does not read', () => {
  it('is closed once its unsent data passes the limit, instead of growing the server’s memory', async () => {
    const { ws } = await tryUpgrade(server.url, `vsn=2.0.0&api_key=${alice.key}`);
    if (!ws) throw new Error('no socket');
    const frames: string[] = [];
    ws.on('message', (d) => frames.push(d.toString()));
    ws.send(JSON.stringify(['1', '1', `chat_room:${roomId}`, 'phx_join', {}]));
    await eventually(() => frames.length === 1, 'the join reply');
    // Stop reading: the kernel buffers fill, then the server's send buffer for this socket grows.
    (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const hub = server.server.realtime.hub;
    const big = 'x'.repeat(8 * 1024);
    for (let i = 0; i < 200 && hub.subscribersOf(alice.id).length > 0; i++) {
      await publish(
        server.server.deps.db,
        ...Array.from({ length: 10 }, () =>
          messageEvent(roomId, alice.organizationId, messagePayload(roomId, alice, { content: big })),
        ),
      );
    }
    await eventually(() => hub.subscribersOf(alice.id).length === 0, 'the server to drop the slow socket', 20_000);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const { code, reason } = await closed;
    expect(code).toBe(1013);
    expect(reason).toContain('slow consumer');
  });
});
