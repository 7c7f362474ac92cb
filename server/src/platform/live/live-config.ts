/** Settings of the live event stream, read from the environment when the app is built. */
export interface LiveConfig {
  /** REDIS_URL: fan out through the Socket.IO Redis adapter instead of PostgreSQL LISTEN/NOTIFY. */
  redisUrl: string | undefined;
  /** RUSHES_EVENT_REPLAY_HOURS: how far back a reconnecting client's missed events are replayed. */
  replayHours: number;
  /**
   * RUSHES_EVENT_SWEEP_MS (with REDIS_URL): how often each process reads the log for events whose
   * writer died before passing them on; such an event arrives this much to six times later.
   */
  sweepMs: number;
}

const DEFAULT_REPLAY_HOURS = 24;
const DEFAULT_SWEEP_MS = 5000;

export function liveConfigFrom(env: NodeJS.ProcessEnv): LiveConfig {
  const hours = Number(env.RUSHES_EVENT_REPLAY_HOURS);
  const sweep = Number(env.RUSHES_EVENT_SWEEP_MS);
  return {
    redisUrl: env.REDIS_URL?.trim() || undefined,
    replayHours: Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_REPLAY_HOURS,
    sweepMs: Number.isInteger(sweep) && sweep >= 50 ? sweep : DEFAULT_SWEEP_MS,
  };
}
