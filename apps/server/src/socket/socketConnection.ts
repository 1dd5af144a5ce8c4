import type { Identity } from '@parley/core/auth/identity';
import type { CoreDeps } from '@parley/core/deps';
import { isConnectionFailure } from '@parley/db/connectionFailure';
import type { EventHub, HubSubscriber } from '@parley/realtime/eventHub';
import { type Viewer, type VisibleEvent, viewerOf } from '@parley/realtime/eventVisibility';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { AgentSession } from '../realtime/agentSessions.js';
import { CloseCode, encodeFrame, type PhoenixFrame, parseFrame, pushFrame, replyFrame } from './phoenixFrames.js';
import { mayJoinTopic, parseTopic, topicOf } from './socketTopics.js';

export interface ConnectionOptions {
  deps: CoreDeps;
  hub: EventHub;
  log: FastifyBaseLogger;
  idleTimeoutMs: number;
  /** Whether the socket's credentials still hold (a deleted agent, a revoked key: no longer). */
  revalidate(): Promise<boolean>;
  revalidateMs: number;
  /** Frames wait for this (an agent's session claim): a joined socket is a claimed one. */
  ready: Promise<void>;
  maxBufferedBytes: number;
  onClosed(connection: SocketConnection): void;
}

const SUPERSEDED = {
  reason: 'session.already_connected',
  message: 'This connection has been superseded by a newer session for this agent.',
  retryable: false,
  retry_after: 30,
};

/**
 * One Phoenix socket: joins and leaves topics, answers heartbeats, pushes the hub's events on the
 * topics it joined, and closes itself when idle, too slow to read, or replaced. Client frames are
 * handled one at a time, in order, since a join waits on the database.
 */
export class SocketConnection implements HubSubscriber, AgentSession {
  readonly viewer: Viewer;
  readonly agentId: string;
  private readonly joins = new Map<string, string | null>();
  private readonly idle: NodeJS.Timeout;
  private readonly recheck: NodeJS.Timeout;
  private queue: Promise<void>;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    readonly identity: Identity,
    private readonly opts: ConnectionOptions,
  ) {
    this.viewer = viewerOf(identity);
    this.queue = opts.ready;
    this.agentId = identity.kind === 'agent' ? identity.agentId : '';
    this.idle = setTimeout(() => this.close(CloseCode.idle, 'heartbeat timeout'), opts.idleTimeoutMs);
    this.recheck = setInterval(() => this.recheckCredentials(), opts.revalidateMs);
    this.recheck.unref();
    opts.hub.add(this);
    ws.on('message', (data, isBinary) => {
      this.idle.refresh();
      if (isBinary) return this.close(CloseCode.unsupportedData, 'binary frames are not supported');
      const text = Array.isArray(data) ? Buffer.concat(data).toString() : data.toString();
      this.queue = this.queue
        .then(() => this.handle(text))
        .catch((err: unknown) => {
          opts.log.error({ err }, 'socket frame handling failed');
          this.close(CloseCode.goingAway, 'internal error');
        });
    });
    ws.on('close', () => this.close(CloseCode.normal, ''));
  }

  /** Checks the key again (periodically, and at once when its principal's credentials change). */
  recheckCredentials(): void {
    if (this.closed) return;
    this.opts.revalidate().then(
      (valid) => {
        if (!valid) this.close(CloseCode.revoked, 'credentials revoked');
      },
      () => {},
    );
  }

  private async handle(text: string): Promise<void> {
    if (this.closed) return;
    const frame = parseFrame(text);
    if (!frame) return this.close(CloseCode.invalidPayload, 'invalid frame');
    if (frame.topic === 'phoenix' && frame.event === 'heartbeat') return this.send(replyFrame(frame, 'ok'));
    switch (frame.event) {
      case 'phx_join':
        return this.join(frame);
      case 'phx_leave':
        return this.leave(frame);
      default:
        return this.send(
          replyFrame(frame, 'error', { reason: this.joins.has(frame.topic) ? 'unsupported event' : 'unmatched topic' }),
        );
    }
  }

  private async join(frame: PhoenixFrame): Promise<void> {
    const topic = parseTopic(frame.topic);
    if (!topic) return this.send(replyFrame(frame, 'error', { reason: 'unmatched topic' }));
    let allowed: boolean;
    try {
      allowed = await mayJoinTopic(this.opts.deps, this.identity, topic);
    } catch (error) {
      if (!isConnectionFailure(error)) throw error;
      // The database is unreachable: the socket stays, and Phoenix clients retry the join.
      return this.send(replyFrame(frame, 'error', { reason: 'service_unavailable' }));
    }
    if (!allowed) return this.send(replyFrame(frame, 'error', { reason: 'unauthorized' }));
    if (this.closed) return;
    // Joining a joined topic again replaces the old channel, which Phoenix closes first.
    const previous = this.joins.get(frame.topic);
    if (previous !== undefined && previous !== frame.joinRef) {
      this.send(encodeFrame(previous, previous, frame.topic, 'phx_close', {}));
    }
    this.joins.set(frame.topic, frame.joinRef);
    if ('roomId' in topic) this.opts.hub.watchRoom(this, topic.roomId);
    this.send(replyFrame(frame, 'ok'));
  }

  private leave(frame: PhoenixFrame): void {
    if (!this.joins.has(frame.topic)) {
      this.send(replyFrame(frame, 'error', { reason: 'unmatched topic' }));
      return;
    }
    this.joins.delete(frame.topic);
    const topic = parseTopic(frame.topic);
    if (topic && 'roomId' in topic) {
      const other = topic.kind === 'chat_room' ? 'room_participants' : 'chat_room';
      if (!this.joins.has(`${other}:${topic.roomId}`)) this.opts.hub.unwatchRoom(this, topic.roomId);
    }
    this.send(replyFrame(frame, 'ok'));
    this.send(encodeFrame(frame.joinRef, frame.joinRef, frame.topic, 'phx_close', {}));
  }

  deliver(events: VisibleEvent[]): void {
    for (const event of events) {
      const topic = topicOf(event, this.viewer);
      if (this.joins.has(topic)) this.send(pushFrame(topic, event.type, event.payload));
    }
  }

  /** Replaced by a newer connection of the same agent: say why on `agent_control`, then close. */
  supersede(): void {
    const topic = `agent_control:${this.agentId}`;
    if (this.joins.has(topic)) {
      this.send(
        pushFrame(topic, 'supersede', {
          ...SUPERSEDED,
          target_socket_id: `agent_socket:${this.agentId}`,
          correlation_id: null,
        }),
      );
    }
    this.close(CloseCode.superseded, 'superseded by a newer connection');
  }

  private send(frame: string): void {
    if (this.closed) return;
    // A reader that cannot keep up would make this buffer grow without bound: cut it off instead;
    // it catches up after reconnecting (`/messages/next`, or the resumable native stream).
    if (this.ws.bufferedAmount + frame.length > this.opts.maxBufferedBytes) {
      this.close(CloseCode.tryAgainLater, 'slow consumer: too much unsent data');
      return;
    }
    this.ws.send(frame);
  }

  onShutdown(): void {
    this.close(CloseCode.goingAway, 'server shutting down');
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idle);
    clearInterval(this.recheck);
    this.opts.hub.remove(this);
    this.opts.onClosed(this);
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      this.ws.close(code, reason);
      // The peer may never answer the close (a stuck reader): do not wait for it forever.
      setTimeout(() => this.ws.terminate(), 5_000).unref();
    }
  }
}
