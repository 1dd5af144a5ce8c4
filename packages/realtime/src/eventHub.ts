import { eventTable, type RealtimeEventType } from '@parley/contracts/events/eventTable';
import { AppError } from '@parley/core/appError';
import { CredentialWatch } from '@parley/core/auth/credentialWatch';
import type { Executor } from '@parley/db/database';
import { currentMemberships, membershipKey, type OutboxRow } from '@parley/db/repositories/eventOutbox';
import { eventConcerns, mentionedIds, type Viewer, type VisibleEvent, viewEvent } from './eventVisibility.js';

/** A receiver of live events on this instance: one socket connection or one native stream. */
export interface HubSubscriber {
  readonly viewer: Viewer;
  /** Delivery of one batch, in id order; must not throw or block (queue or send and return). */
  deliver(events: VisibleEvent[]): void;
  /** The hub is shutting down. */
  onShutdown(): void;
}

type Kind = Viewer['kind'];

function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * Fans the outbox out to this instance's subscribers. A subscriber gets a room's events either for
 * rooms it watches (socket topics) or for every room it is in (`watchAllRooms`, native streams).
 * Membership is checked against the database for every batch, so someone removed from a room
 * stops receiving it with the next batch. Batches arrive in id order from the tail, one at a time.
 */
export class EventHub {
  private readonly byPrincipal = new Map<string, Set<HubSubscriber>>();
  private readonly byRoom = {
    user: new Map<string, Set<HubSubscriber>>(),
    agent: new Map<string, Set<HubSubscriber>>(),
  };
  private readonly allRooms = { user: new Set<HubSubscriber>(), agent: new Set<HubSubscriber>() };
  private readonly watched = new Map<HubSubscriber, Set<string>>();
  private through = 0;
  private closed = false;
  private activator: () => Promise<void> = async () => {};
  /** Credential changes announced by any instance: open streams and sockets check their key again. */
  credentials = new CredentialWatch();

  constructor(
    private readonly db: Executor,
    /** Live events a native stream may buffer for a slow reader (see `SubscriberQueue`). */
    readonly streamBufferLimit = 1000,
  ) {}

  /** The highest event id handed out: a subscriber added now receives only later ones. */
  get position(): number {
    return this.through;
  }

  /** Sets the starting position (the tail's, once it knows every earlier id is settled). */
  startAt(id: number): void {
    this.through = Math.max(this.through, id);
  }

  /** Set by the pipeline that feeds the hub, which idles while nobody is subscribed. */
  onActivate(activate: () => Promise<void>): void {
    this.activator = activate;
  }

  /**
   * Await right before `add`: brings the feed up, so that the position `add` returns is one
   * from which every later event will be dispatched.
   */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new AppError('service_unavailable', 'The server is shutting down'));
    return this.activator();
  }

  /** Adds a subscriber (personal events only until it watches rooms); returns the position. */
  add(sub: HubSubscriber): number {
    if (this.closed) throw new AppError('service_unavailable', 'The server is shutting down');
    entry(this.byPrincipal, sub.viewer.principalId, () => new Set()).add(sub);
    this.watched.set(sub, new Set());
    return this.through;
  }

  remove(sub: HubSubscriber): void {
    const set = this.byPrincipal.get(sub.viewer.principalId);
    set?.delete(sub);
    if (set?.size === 0) this.byPrincipal.delete(sub.viewer.principalId);
    for (const roomId of this.watched.get(sub) ?? []) this.unwatchRoom(sub, roomId);
    this.allRooms[sub.viewer.kind].delete(sub);
    this.watched.delete(sub);
  }

  watchAllRooms(sub: HubSubscriber): void {
    if (this.watched.has(sub)) this.allRooms[sub.viewer.kind].add(sub);
  }

  watchRoom(sub: HubSubscriber, roomId: string): void {
    const rooms = this.watched.get(sub);
    if (!rooms) return;
    rooms.add(roomId);
    entry(this.byRoom[sub.viewer.kind], roomId, () => new Set()).add(sub);
  }

  unwatchRoom(sub: HubSubscriber, roomId: string): void {
    this.watched.get(sub)?.delete(roomId);
    const index = this.byRoom[sub.viewer.kind];
    const set = index.get(roomId);
    set?.delete(sub);
    if (set?.size === 0) index.delete(roomId);
  }

  /** Shutdown: every subscriber is told, and no new one is taken. */
  closeAll(): void {
    this.closed = true;
    for (const sub of [...this.watched.keys()]) sub.onShutdown();
  }

  get subscriberCount(): number {
    return this.watched.size;
  }

  /** Every subscriber of one principal on this instance (socket replacement uses it). */
  subscribersOf(principalId: string): HubSubscriber[] {
    return [...(this.byPrincipal.get(principalId) ?? [])];
  }

  private *roomSubscribers(roomId: string, kind: Kind): Iterable<HubSubscriber> {
    yield* this.byRoom[kind].get(roomId) ?? [];
    yield* this.allRooms[kind];
  }

  /** Who might receive a row, before the type rules and membership are applied. */
  private candidates(row: OutboxRow): Iterable<HubSubscriber> {
    if (row.recipient_id !== null) return this.byPrincipal.get(row.recipient_id) ?? [];
    const roomId = row.chat_room_id as string;
    const users = this.roomSubscribers(roomId, 'user');
    const entry = eventTable[row.type as RealtimeEventType];
    if (!entry) return [];
    switch (entry.audience) {
      case 'room_people_and_mentioned_agents': {
        // Agents only ever get the text that mentions them: look them up by the mentions.
        const agents = mentionedIds(row).flatMap((id) =>
          [...(this.byPrincipal.get(id) ?? [])].filter(
            (s) => s.viewer.kind === 'agent' && (this.allRooms.agent.has(s) || this.watched.get(s)?.has(roomId)),
          ),
        );
        return [...users, ...agents];
      }
      case 'room_everyone':
        return [...users, ...this.roomSubscribers(roomId, 'agent')];
      case 'room_people':
      case 'recipient':
        return users;
    }
  }

  /** Pushes one batch (rows in id order, all settled) to the subscribers present now. */
  async dispatch(rows: OutboxRow[]): Promise<void> {
    const last = rows.at(-1);
    if (!last) return;
    this.through = Math.max(this.through, last.id);
    if (this.watched.size === 0) return;

    const plan: { row: OutboxRow; subs: HubSubscriber[] }[] = [];
    const rooms = new Set<string>();
    const principals = new Set<string>();
    for (const row of rows) {
      const subs = [...new Set(this.candidates(row))].filter((s) => eventConcerns(row, s.viewer));
      if (subs.length === 0) continue;
      plan.push({ row, subs });
      if (row.chat_room_id !== null && row.audience === null) {
        rooms.add(row.chat_room_id);
        for (const s of subs) principals.add(s.viewer.principalId);
      }
    }
    if (plan.length === 0) return;
    const members = await currentMemberships(this.db, [...rooms], [...principals]);

    const out = new Map<HubSubscriber, VisibleEvent[]>();
    for (const { row, subs } of plan) {
      for (const sub of subs) {
        const p = sub.viewer.principalId;
        if (row.chat_room_id !== null) {
          const allowed = row.audience ? row.audience.includes(p) : members.has(membershipKey(row.chat_room_id, p));
          if (!allowed) continue;
        }
        entry(out, sub, () => []).push(viewEvent(row, sub.viewer));
      }
    }
    for (const [sub, events] of out) {
      if (this.watched.has(sub)) sub.deliver(events);
    }
  }
}
