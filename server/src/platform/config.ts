import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** Where embedded PostgreSQL data and local file storage live. */
  dataDir: string;
  /** External PostgreSQL; when unset Rushes runs its own embedded server. */
  databaseUrl: string | undefined;
  /** Port of the embedded PostgreSQL server. */
  embeddedPgPort: number;
  /** HMAC secret for JWTs; generated and stored in the database when unset. */
  jwtSecret: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Access-token lifetime for scripts (Zou: 7 days) and refresh-token lifetime (Zou: 15 days), seconds. */
  accessTokenTtl: number;
  refreshTokenTtl: number;
  /** Browser access cookies are short-lived and silently refreshed. */
  browserAccessTokenTtl: number;
  minPasswordLength: number;
  /** Largest accepted JSON body, bytes. */
  bodyLimit: number;
  userLimit: number;
  logLevel: string;
  version: string;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isFinite(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.RUSHES_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: intFromEnv(env, 'RUSHES_EMBEDDED_PG_PORT', 54329),
    jwtSecret: env.RUSHES_JWT_SECRET || undefined,
    adminEmail: env.RUSHES_ADMIN_EMAIL || undefined,
    adminPassword: env.RUSHES_ADMIN_PASSWORD || undefined,
    accessTokenTtl: intFromEnv(env, 'RUSHES_ACCESS_TOKEN_TTL', 7 * 24 * 3600),
    refreshTokenTtl: intFromEnv(env, 'RUSHES_REFRESH_TOKEN_TTL', 15 * 24 * 3600),
    browserAccessTokenTtl: intFromEnv(env, 'RUSHES_BROWSER_ACCESS_TOKEN_TTL', 15 * 60),
    minPasswordLength: intFromEnv(env, 'RUSHES_MIN_PASSWORD_LENGTH', 8),
    bodyLimit: intFromEnv(env, 'RUSHES_BODY_LIMIT', 2 * 1024 * 1024),
    userLimit: intFromEnv(env, 'RUSHES_USER_LIMIT', 10_000),
    logLevel: env.LOG_LEVEL ?? 'info',
    version: '0.1.0',
  };
}
