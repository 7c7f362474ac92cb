import { isIP } from 'node:net';
import path from 'node:path';
import { oidcFromEnv, type OidcConfig } from './oidc-config.ts';
import { securityFromEnv, type SecurityConfig } from './security-config.ts';
import { privateAllowanceFromEnv, type PrivateNetworkAllowance } from './http/private-network.ts';

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
  /** S3-compatible object storage (RUSHES_S3_*); when unset, files live under `<dataDir>/files`. */
  s3: S3Config | undefined;
  /** Slack-compatible webhook told when someone requests a set design's completion. */
  operatorsWebhookUrl: string | undefined;
  /** Limits on images and ZIP archives that users upload or make the server download. */
  uploads: UploadLimits;
  /** How often an idle background-job worker looks for due jobs, milliseconds. */
  jobPollIntervalMs: number;
  /** Outgoing webhooks' delivery settings (RUSHES_WEBHOOK_*). */
  webhooks: WebhookConfig;
  /** Memory for the production tables' JSON fragments (data/shots|assets/with-tasks), MB; 0 turns it off. */
  tableCacheMb: number;
  /** The ffmpeg executable that normalises preview movies (RUSHES_FFMPEG); movies are kept as uploaded without it. */
  ffmpegPath: string;
  /**
   * Which peers may tell the client's address in X-Forwarded-For (RUSHES_TRUST_PROXY): none by default,
   * else every peer (`true`) or the proxies' addresses and CIDR ranges. The login throttle and the login
   * log key on that address. (A hop count is refused: Fastify cannot check the peer with it and ignores it.)
   */
  trustProxy: boolean | string[];
  /** Two-factor enforcement from the environment (RUSHES_ENFORCE_2FA, RUSHES_2FA_EXEMPT_EMAILS); admins can also turn it on. */
  twoFactor: TwoFactorConfig;
  /** Outgoing mail (password reset, invitations); see MailConfig. */
  mail: MailConfig;
  /** OpenID Connect single sign-on (RUSHES_OIDC_*); undefined when not configured. */
  oidc: OidcConfig | undefined;
  /** Secure cookies and the origins allowed to write with the session cookies (RUSHES_SECURE_COOKIES, RUSHES_ALLOWED_ORIGINS). */
  security: SecurityConfig;
}

/**
 * RUSHES_WEBHOOK_TIMEOUT_MS (10 s), RUSHES_WEBHOOK_MAX_ATTEMPTS (6) and RUSHES_WEBHOOK_RETRY_BASE_MS
 * (10 s): a failed delivery is tried again after base, 2×base, 4×base… until the attempts run out.
 */
export interface WebhookConfig {
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /**
   * Private targets a hook may POST to (RUSHES_WEBHOOK_ALLOW_PRIVATE): none by default, as the media
   * fetch; `true` every one, else these addresses and CIDR ranges (the studio's own servers).
   */
  allowPrivate: PrivateNetworkAllowance;
  /** Days a settled delivery stays in a hook's log (RUSHES_WEBHOOK_LOG_DAYS, 30). */
  logDays: number;
}

/**
 * RUSHES_SMTP_URL, RUSHES_MAIL_FROM, RUSHES_PUBLIC_URL. Without an SMTP URL nothing is sent (the server
 * logs a warning). Links in mails are built only from RUSHES_PUBLIC_URL, never from the request's Host
 * header, which a client chooses (host-header injection would put an attacker's site in a reset link).
 */
export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
  /** The web app's address, e.g. https://rushes.studio.example (no trailing slash). */
  publicUrl: string | undefined;
}

/**
 * RUSHES_ENFORCE_2FA=true makes every person without 2FA set it up before using the API (as the
 * organisation's "Require 2FA" switch does); RUSHES_2FA_EXEMPT_EMAILS (comma-separated) are exempt
 * from either, e.g. a break-glass admin account. Zou's ENFORCE_2FA and 2FA_EXEMPT_USERS.
 */
export interface TwoFactorConfig {
  enforce: boolean;
  /** Lower-case emails. */
  exemptEmails: string[];
}

export interface S3Config {
  /** Unset for AWS itself; the URL of MinIO, Garage, R2... otherwise. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface UploadLimits {
  maxImageBytes: number;
  maxZipBytes: number;
  /** CSV files posted to the import routes (spooled to a temporary file, never held in memory). */
  maxCsvBytes: number;
  maxZipEntries: number;
  /** Sum of the entries' inflated sizes, declared and actual (zip bombs). */
  maxZipUncompressedBytes: number;
  fetchTimeoutMs: number;
  /** Lets image URLs point at loopback and private networks (off by default: SSRF). */
  fetchAllowPrivateNetworks: boolean;
  /** Largest preview, attachment or working file accepted (RUSHES_UPLOAD_LIMIT); past it uploads get a 413. */
  maxFileBytes: number;
}

function s3FromEnv(env: NodeJS.ProcessEnv): S3Config | undefined {
  const bucket = env.RUSHES_S3_BUCKET || undefined;
  if (!bucket) return undefined;
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} must be set when RUSHES_S3_BUCKET is`);
    return value;
  };
  return {
    endpoint: env.RUSHES_S3_ENDPOINT || undefined,
    bucket,
    region: required('RUSHES_S3_REGION'),
    accessKeyId: required('RUSHES_S3_ACCESS_KEY_ID'),
    secretAccessKey: required('RUSHES_S3_SECRET_ACCESS_KEY'),
  };
}

/** RUSHES_TRUST_PROXY: unset/false, true, or comma-separated addresses and CIDR ranges. */
export function trustProxyFromEnv(raw: string | undefined): boolean | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || value.toLowerCase() === 'false') return false;
  if (value.toLowerCase() === 'true') return true;
  const addresses = value.split(',').map((part) => part.trim()).filter(Boolean);
  const invalid = addresses.find((address) => isIP(address.replace(/\/\d{1,3}$/, '')) === 0);
  if (invalid) throw new Error(`RUSHES_TRUST_PROXY must be true, false or the proxies' addresses/CIDR ranges, got "${invalid}"`);
  return addresses;
}

/** Reads the mail settings, refusing URLs that could never work (a typo should fail at start-up). */
export function mailFromEnv(env: NodeJS.ProcessEnv): MailConfig {
  const smtpUrl = env.RUSHES_SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) throw new Error('RUSHES_SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465');
  let publicUrl = env.RUSHES_PUBLIC_URL?.trim() || undefined;
  if (publicUrl) {
    const parsed = URL.canParse(publicUrl) ? new URL(publicUrl) : undefined;
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.search || parsed.hash) {
      throw new Error(`RUSHES_PUBLIC_URL must be the web app's http(s) address, got "${publicUrl}"`);
    }
    publicUrl = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  }
  const host = publicUrl ? new URL(publicUrl).hostname : 'localhost';
  return { smtpUrl, from: env.RUSHES_MAIL_FROM?.trim() || `Rushes <no-reply@${host}>`, publicUrl };
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
    s3: s3FromEnv(env),
    operatorsWebhookUrl: env.RUSHES_OPERATORS_WEBHOOK_URL || undefined,
    uploads: {
      maxImageBytes: intFromEnv(env, 'RUSHES_MAX_IMAGE_BYTES', 50 * 1024 * 1024),
      maxZipBytes: intFromEnv(env, 'RUSHES_MAX_ZIP_BYTES', 500 * 1024 * 1024),
      maxCsvBytes: intFromEnv(env, 'RUSHES_MAX_CSV_BYTES', 50 * 1024 * 1024),
      maxZipEntries: intFromEnv(env, 'RUSHES_MAX_ZIP_ENTRIES', 1000),
      maxZipUncompressedBytes: intFromEnv(env, 'RUSHES_MAX_ZIP_UNCOMPRESSED_BYTES', 2 * 1024 * 1024 * 1024),
      fetchTimeoutMs: intFromEnv(env, 'RUSHES_MEDIA_FETCH_TIMEOUT_MS', 15_000),
      fetchAllowPrivateNetworks: env.RUSHES_MEDIA_FETCH_ALLOW_PRIVATE === 'true',
      maxFileBytes: intFromEnv(env, 'RUSHES_UPLOAD_LIMIT', 2 * 1024 * 1024 * 1024),
    },
    jobPollIntervalMs: intFromEnv(env, 'RUSHES_JOB_POLL_INTERVAL_MS', 1000),
    webhooks: {
      timeoutMs: intFromEnv(env, 'RUSHES_WEBHOOK_TIMEOUT_MS', 10_000),
      maxAttempts: Math.max(1, intFromEnv(env, 'RUSHES_WEBHOOK_MAX_ATTEMPTS', 6)),
      retryBaseMs: intFromEnv(env, 'RUSHES_WEBHOOK_RETRY_BASE_MS', 10_000),
      allowPrivate: privateAllowanceFromEnv('RUSHES_WEBHOOK_ALLOW_PRIVATE', env.RUSHES_WEBHOOK_ALLOW_PRIVATE),
      logDays: Math.max(1, intFromEnv(env, 'RUSHES_WEBHOOK_LOG_DAYS', 30)),
    },
    tableCacheMb: intFromEnv(env, 'RUSHES_TABLE_CACHE_MB', 64),
    ffmpegPath: env.RUSHES_FFMPEG || 'ffmpeg',
    trustProxy: trustProxyFromEnv(env.RUSHES_TRUST_PROXY),
    twoFactor: {
      enforce: env.RUSHES_ENFORCE_2FA === 'true',
      exemptEmails: (env.RUSHES_2FA_EXEMPT_EMAILS ?? '').split(',').map((email) => email.trim().toLowerCase()).filter(Boolean),
    },
    mail: mailFromEnv(env),
    oidc: oidcFromEnv(env),
    security: securityFromEnv(env),
  };
}
