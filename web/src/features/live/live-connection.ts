import { io } from 'socket.io-client';
import type { LiveStatus } from './live.store';

/** The server's Socket.IO endpoint (README "Live events"). */
const LIVE_PATH = '/socket.io';
const LIVE_NAMESPACE = '/events';
/** After a refused handshake (an expired access cookie, say): first wait, then at most. */
const REFUSED_RETRY_MS = 2_000;
const REFUSED_RETRY_MAX_MS = 30_000;

export interface LiveConnectionOptions {
  /** The newest event seen, sent at each (re)connection so that the server replays what came after. */
  lastEventId: () => string | null;
  onEvent: (name: string, payload: Record<string, unknown>) => void;
  onStatus: (status: LiveStatus) => void;
  /** Connected again after a loss; `replaying` when the server was given an id to replay from. */
  onRecovered: (replaying: boolean) => void;
  /** Renews the session cookie after a refused handshake; false when the session is over. */
  renewSession: () => Promise<boolean>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The browser's socket to the live event stream, authenticated by the session cookie. Socket.IO
 * reconnects by itself after a network loss; a handshake the server refuses is retried here once the
 * session is renewed; and a browser that says it went offline is disconnected at once (the socket
 * would otherwise notice only at its next heartbeat) and reconnected when it is back online.
 */
export function openLiveConnection(options: LiveConnectionOptions): { close(): void } {
  let lost = false;
  let closed = false;
  let replayFrom: string | null = null;
  let refusedDelay = REFUSED_RETRY_MS;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const socket = io(LIVE_NAMESPACE, {
    path: LIVE_PATH,
    withCredentials: true,
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    // Read at every attempt: a reconnection asks for what came after the newest event seen.
    auth: (send) => {
      replayFrom = options.lastEventId();
      send(replayFrom ? { last_event_id: replayFrom } : {});
    },
  });

  // A first connection that fails counts as a loss too: the pages were read without live updates.
  function paused() {
    if (closed) return;
    lost = true;
    options.onStatus('paused');
  }

  function connectLater(delay: number) {
    if (retry) clearTimeout(retry);
    retry = setTimeout(() => {
      retry = null;
      if (!closed && !socket.connected && navigator.onLine !== false) socket.connect();
    }, delay);
  }

  socket.on('connect', () => {
    refusedDelay = REFUSED_RETRY_MS;
    options.onStatus('live');
    if (lost) options.onRecovered(replayFrom !== null);
    lost = false;
  });
  socket.on('disconnect', (reason) => {
    paused();
    // The server closed it (restart, session revoked): Socket.IO leaves that to the app.
    if (reason === 'io server disconnect') connectLater(REFUSED_RETRY_MS);
  });
  socket.on('connect_error', () => {
    paused();
    if (socket.active) return; // a network failure: Socket.IO tries again by itself
    // Refused by the server: most often the access cookie expired, which a refresh renews.
    const delay = refusedDelay;
    refusedDelay = Math.min(refusedDelay * 2, REFUSED_RETRY_MAX_MS);
    void options.renewSession().then((alive) => alive && connectLater(delay));
  });
  socket.onAny((name: string, payload: unknown) => options.onEvent(name, isRecord(payload) ? payload : {}));

  const wentOffline = () => {
    socket.disconnect();
    paused();
  };
  const cameOnline = () => connectLater(0);
  window.addEventListener('offline', wentOffline);
  window.addEventListener('online', cameOnline);
  options.onStatus('connecting');
  socket.connect();

  return {
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameOnline);
      socket.removeAllListeners();
      socket.offAny();
      socket.disconnect();
    },
  };
}
