import { createAdapter } from '@socket.io/redis-adapter';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { Server, type Namespace, type Socket } from 'socket.io';
import { AppError } from '../errors/index.ts';
import { roomsOf } from './live-audience.ts';
import { liveConfigFrom, type LiveConfig } from './live-config.ts';
import { deliverLocally, isEventId, joinAudience, replayTo, type LiveSocketData } from './live-delivery.ts';
import type { LiveEvent } from './live-event.ts';
import { eventsByIds, memberProjectIds } from './live-events.repository.ts';
import { DeliveredEvents, startLogSweep } from './live-log-sweep.ts';
import { authenticateHandshake } from './live-handshake.ts';
import { PostgresFanout } from './postgres-fanout.ts';

/** Zou's Socket.IO endpoint, which gazu.events and Kitsu connect to. */
export const LIVE_PATH = '/socket.io';
export const LIVE_NAMESPACE = '/events';
/** Between processes sharing a Redis adapter: an event written by one of them. */
const CROSS_PROCESS_EVENT = 'rushes:event';

/** Refuses the handshake with the REST API's message (socket.io-client's connect_error carries it). */
function refusal(error: unknown): Error {
  const refused = new Error(error instanceof AppError ? error.message : 'Authentication failed');
  (refused as Error & { data: unknown }).data = { status: error instanceof AppError ? error.status : 401 };
  return refused;
}

function acceptConnections(app: FastifyInstance, nsp: Namespace, config: LiveConfig): void {
  nsp.use((socket, next) => {
    authenticateHandshake(app, socket)
      .then(async (actor) => {
        const data: LiveSocketData = { rooms: new Set(roomsOf(actor, await memberProjectIds(app.deps.db, actor.id))), held: null };
        socket.data = data;
        next();
      })
      .catch((error: unknown) => next(refusal(error)));
  });
  nsp.on('connection', (socket: Socket) => {
    joinAudience(socket);
    const replay = (lastEventId: unknown) => {
      if (!isEventId(lastEventId)) return;
      replayTo(socket, app.deps.db, lastEventId, config.replayHours).catch((error: unknown) => app.log.error(error));
    };
    replay((socket.handshake.auth as Record<string, unknown> | undefined)?.last_event_id);
    socket.on('replay', (message: unknown) => replay((message as Record<string, unknown> | undefined)?.last_event_id));
  });
}

/**
 * Wires how events written by other processes reach this one's clients: the Socket.IO Redis adapter
 * with REDIS_URL, else PostgreSQL LISTEN/NOTIFY (the writer announces ids; this process reads the rows).
 * Returns what to close on shutdown.
 */
async function connectProcesses(app: FastifyInstance, io: Server, nsp: Namespace, config: LiveConfig): Promise<() => Promise<void>> {
  const bus = app.deps.events;
  if (config.redisUrl) {
    const pub = new Redis(config.redisUrl, { lazyConnect: true });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    // Each process filters per socket (replay holds live events back), so events travel between
    // processes as server-side messages rather than room broadcasts. The log sweep delivers those
    // whose writer died between its commit and this message; each is delivered once either way.
    const delivered = new DeliveredEvents(config.sweepMs * 8);
    const deliverOnce = (event: LiveEvent) => {
      if (!event.id || delivered.firstTime(event.id)) deliverLocally(nsp, event);
    };
    nsp.on(CROSS_PROCESS_EVENT, deliverOnce);
    const offOwn = bus.onEvent((event) => {
      if (event.id) delivered.firstTime(event.id);
      nsp.serverSideEmit(CROSS_PROCESS_EVENT, toLiveEvent(event));
    });
    const stopSweep = startLogSweep({
      db: app.deps.db,
      intervalMs: config.sweepMs,
      lookbackMs: config.sweepMs * 6,
      startedAt: Date.now(),
      delivered,
      deliver: (event) => deliverLocally(nsp, event),
      onError: (error) => app.log.error(error),
    });
    return async () => {
      stopSweep();
      offOwn();
      await Promise.all([pub.quit(), sub.quit()]).catch(() => undefined);
    };
  }
  const url = app.deps.listenUrl;
  if (!url) return async () => undefined;
  const fanout = new PostgresFanout(url, bus.origin, (ids) => {
    eventsByIds(app.deps.db, ids)
      .then((events) => events.forEach((event) => deliverLocally(nsp, event)))
      .catch((error: unknown) => app.log.error(error));
  });
  await fanout.start();
  return () => fanout.stop();
}

const toLiveEvent = (event: { id?: string; name: string; data: Record<string, unknown>; projectId?: string | null; actorId?: string | null }): LiveEvent => ({
  id: event.id,
  name: event.name,
  data: event.data,
  projectId: event.projectId ?? null,
  actorId: event.actorId ?? null,
});

/**
 * The live event stream (Zou's `/events` namespace) on the app's HTTP server: authenticated sockets
 * receive, after commit, the events of the projects they may see, and can resume from a last event id.
 */
export async function registerLiveEvents(app: FastifyInstance, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = liveConfigFrom(env);
  const io = new Server(app.server, { path: LIVE_PATH, serveClient: false });
  const nsp = io.of(LIVE_NAMESPACE);
  acceptConnections(app, nsp, config);
  const offLocal = app.deps.events.onEvent((event) => deliverLocally(nsp, toLiveEvent(event)));
  const disconnectProcesses = await connectProcesses(app, io, nsp, config);
  // Before Fastify closes its server: open websockets would otherwise keep it waiting.
  app.addHook('preClose', async () => {
    offLocal();
    io.local.disconnectSockets(true);
    io.engine.close();
    await disconnectProcesses();
  });
}
