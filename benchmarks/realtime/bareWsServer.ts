import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

/**
 * The floor: a bare `ws` server with no database, no auth and no fan-out logic. `POST /publish`
 * with `{agent_id, frame}` sends the frame to that agent's socket and answers 201, so the same
 * "201 → frame" latency is measured as on Parley. Prints `listening <port>`.
 */
const sockets = new Map<string, import('ws').WebSocket>();
const wss = new WebSocketServer({ noServer: true });

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.on('data', (d: Buffer) => {
    body += d.toString();
  });
  req.on('end', () => {
    const { agent_id, frame } = JSON.parse(body) as { agent_id: string; frame: string };
    sockets.get(agent_id)?.send(frame);
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"data":{"success":true}}');
  });
});

server.on('upgrade', (req, socket, head) => {
  const agent = new URL(req.url ?? '/', 'http://x').searchParams.get('agent_id') ?? '';
  wss.handleUpgrade(req, socket, head, (ws) => {
    sockets.set(agent, ws);
    ws.on('message', (data) => {
      // Answer Phoenix joins and heartbeats like the real server, so clients behave the same.
      const [joinRef, ref, topic] = JSON.parse(data.toString()) as [string | null, string, string];
      ws.send(JSON.stringify([joinRef, ref, topic, 'phx_reply', { status: 'ok', response: {} }]));
    });
    ws.on('close', () => sockets.delete(agent));
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => {
  for (const ws of sockets.values()) ws.terminate();
  server.close(() => process.exit(0));
});
