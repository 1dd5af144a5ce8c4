import WebSocket from 'ws';

export interface FleetAgent {
  id: string;
  key: string;
  roomId: string;
}

/**
 * Many agent sockets speaking the Phoenix v2 protocol by hand (join, heartbeat), recording when
 * each `message_created` arrives, by message id.
 */
export class SocketFleet {
  readonly arrivals = new Map<string, number>();
  private readonly sockets: WebSocket[] = [];
  private heartbeat: NodeJS.Timeout | undefined;

  async connect(baseUrl: string, agents: FleetAgent[], batch = 50): Promise<void> {
    const ws = baseUrl.replace(/^http/, 'ws');
    for (let i = 0; i < agents.length; i += batch) {
      await Promise.all(agents.slice(i, i + batch).map((a) => this.open(ws, a)));
    }
    let ref = 0;
    this.heartbeat = setInterval(() => {
      for (const s of this.sockets) s.send(JSON.stringify([null, String(++ref), 'phoenix', 'heartbeat', {}]));
    }, 20_000);
  }

  private open(ws: string, agent: FleetAgent): Promise<void> {
    return new Promise((resolve, reject) => {
      const url = `${ws}/api/v1/socket/websocket?vsn=2.0.0&api_key=${agent.key}&agent_id=${agent.id}`;
      const socket = new WebSocket(url);
      const topic = `chat_room:${agent.roomId}`;
      const timer = setTimeout(() => reject(new Error('join timed out')), 30_000);
      socket.on('open', () => socket.send(JSON.stringify(['1', '1', topic, 'phx_join', {}])));
      socket.on('message', (data) => {
        const at = performance.now();
        const frame = JSON.parse(data.toString()) as [
          unknown,
          unknown,
          string,
          string,
          { id?: string; status?: string },
        ];
        if (frame[3] === 'phx_reply' && frame[1] === '1') {
          clearTimeout(timer);
          if (frame[4].status !== 'ok') reject(new Error(`join refused: ${JSON.stringify(frame[4])}`));
          else resolve();
        } else if (frame[3] === 'message_created' && frame[4].id) {
          this.arrivals.set(frame[4].id, at);
        }
      });
      socket.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      this.sockets.push(socket);
    });
  }

  get open_(): number {
    return this.sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const s of this.sockets) s.terminate();
  }
}
