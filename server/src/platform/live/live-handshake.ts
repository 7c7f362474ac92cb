import type { FastifyInstance } from 'fastify';
import type { Socket } from 'socket.io';
import { ACCESS_COOKIE } from '../../modules/auth/auth-cookies.ts';
import type { Actor } from '../auth/actor.ts';
import { authenticateToken } from '../auth/authenticate.ts';
import { AppError } from '../errors/index.ts';

interface HandshakeToken {
  token: string;
  fromCookie: boolean;
}

/** Gazu sends `Authorization: Bearer` (extraHeaders), socket.io-client may send `auth.token`, a browser its cookie. */
function tokenOf(app: FastifyInstance, socket: Socket): HandshakeToken | undefined {
  const header = socket.handshake.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), fromCookie: false };
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  if (typeof auth?.token === 'string' && auth.token) return { token: auth.token.replace(/^Bearer /, ''), fromCookie: false };
  const cookieHeader = socket.handshake.headers.cookie;
  const cookie = cookieHeader ? app.parseCookie(cookieHeader)[ACCESS_COOKIE] : undefined;
  return cookie ? { token: cookie, fromCookie: true } : undefined;
}

/**
 * A page on another site could open a socket with the victim's cookie and read his events: a cookie
 * handshake must come from the app's own origin (or RUSHES_ALLOWED_ORIGINS). Bearer tokens cannot be forged.
 */
function isCrossSite(app: FastifyInstance, socket: Socket): boolean {
  const origin = socket.handshake.headers.origin;
  if (!origin) return false;
  if (!URL.canParse(origin)) return true;
  const parsed = new URL(origin);
  if (parsed.host === socket.handshake.headers.host) return false;
  return !app.deps.config.security.allowedOrigins.includes(parsed.origin);
}

/** The person behind a handshake, checked exactly as a REST call is: a bad, expired or revoked token throws. */
export async function authenticateHandshake(app: FastifyInstance, socket: Socket): Promise<Actor> {
  const found = tokenOf(app, socket);
  if (!found) throw new AppError(401, 'unauthorized', 'Missing JWT in cookies or headers');
  if (found.fromCookie && isCrossSite(app, socket)) throw new AppError(403, 'forbidden', 'Cross-site connection refused');
  const actor = await authenticateToken(app, found.token);
  if (actor.requiresTwoFactorSetup) throw new AppError(403, 'two_factor_setup_required', 'Two-factor authentication must be set up first');
  return actor;
}
