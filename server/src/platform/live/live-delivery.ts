import type { Namespace, Socket } from 'socket.io';
import type { Database } from '../db/database.ts';
import { audienceOf, mayReceive } from './live-audience.ts';
import { livePayload, type LiveEvent } from './live-event.ts';
import { eventsAfter } from './live-events.repository.ts';

const REPLAY_PAGE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the live stream keeps on each socket. */
export interface LiveSocketData {
  rooms: Set<string>;
  /** Live events held back while the log is replayed, so that the client gets them after, in order. */
  held: LiveEvent[] | null;
}

const dataOf = (socket: Socket) => socket.data as LiveSocketData;

/** The Socket.IO room of the sockets being replayed to: live events wait in their `held` list. */
export const REPLAYING_ROOM = 'rushes:replaying';

/** Puts a connected socket in the rooms of its audience, so that broadcasts reach it. */
export function joinAudience(socket: Socket): void {
  void socket.join([...dataOf(socket).rooms]);
}

/**
 * Emits an event to every socket of this process allowed to see it (each process delivers to its own
 * clients): one room broadcast, so the packet is encoded once whatever the number of sockets (a
 * socket in several of the rooms receives it once); sockets being replayed to hold it instead.
 */
export function deliverLocally(nsp: Namespace, event: LiveEvent): void {
  const replaying = nsp.adapter.rooms.get(REPLAYING_ROOM);
  if (replaying) {
    for (const socketId of replaying) {
      const data = nsp.sockets.get(socketId)?.data as LiveSocketData | undefined;
      if (data?.held && mayReceive(data.rooms, event)) data.held.push(event);
    }
  }
  nsp.local.to(audienceOf(event)).except(REPLAYING_ROOM).emit(event.name, livePayload(event));
}

export const isEventId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * Sends the socket, in the log's order, every event after `lastEventId` it may see within the window,
 * then what arrived live meanwhile (minus what the replay already sent). Live events are held from the
 * start, before the log is read, so none falls between the two.
 */
export async function replayTo(socket: Socket, db: Database, lastEventId: string, windowHours: number): Promise<void> {
  const data = dataOf(socket);
  data.held ??= [];
  void socket.join(REPLAYING_ROOM);
  const sent = new Set<string>();
  try {
    for (let after = lastEventId; ; ) {
      const page = await eventsAfter(db, after, windowHours, REPLAY_PAGE);
      for (const event of page) {
        if (!mayReceive(data.rooms, event)) continue;
        socket.emit(event.name, livePayload(event));
        sent.add(event.id as string);
      }
      if (page.length < REPLAY_PAGE) break;
      after = page[page.length - 1].id as string;
    }
  } finally {
    const held = data.held;
    data.held = null;
    for (const event of held) if (!event.id || !sent.has(event.id)) socket.emit(event.name, livePayload(event));
    void socket.leave(REPLAYING_ROOM);
  }
}
