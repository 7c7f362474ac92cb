/** Settings of the live event stream, read from the environment when the app is built. */
export interface LiveConfig {
  /** REDIS_URL: fan out through the Socket.IO Redis adapter instead of PostgreSQL LISTEN/NOTIFY. */
  redisUrl: string | undefined;
  /** RUSHES_EVENT_REPLAY_HOURS: how far back a reconnecting client's missed events are replayed. */
  replayHours: number;
}

const DEFAULT_REPLAY_HOURS = 24;

export function liveConfigFrom(env: NodeJS.ProcessEnv): LiveConfig {
  const hours = Number(env.RUSHES_EVENT_REPLAY_HOURS);
  return {
    redisUrl: env.REDIS_URL?.trim() || undefined,
    replayHours: Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_REPLAY_HOURS,
  };
}
