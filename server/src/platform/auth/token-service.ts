import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import { errors } from '../errors/index.ts';
import type { IdentityType } from './actor.ts';

export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  sub: string;
  jti: string;
  /** The server-side session this token belongs to; revoking it kills every token of the session. */
  sid: string;
  type: TokenType;
  identity_type: IdentityType;
  exp?: number;
}

export interface LoginTokens {
  access_token: string;
  refresh_token: string;
  sessionId: string;
}

export interface TokenLifetimes {
  accessTokenTtl: number;
  refreshTokenTtl: number;
  browserAccessTokenTtl: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Issues and verifies JWTs (HS256). Tokens are stateless to verify but every one names a session
 * row, which the authenticate hook checks on each request: that is what makes them revocable.
 */
export class TokenService {
  constructor(
    private readonly db: Database,
    private readonly key: Uint8Array,
    private readonly lifetimes: TokenLifetimes,
  ) {}

  private async sign(
    claims: Omit<TokenClaims, 'exp' | 'jti'> & { refresh_jti?: string; requires_2fa_setup?: true },
    ttl: number | null,
  ): Promise<string> {
    const jwt = new SignJWT({ ...claims, fresh: false })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setJti(randomUUID())
      .setIssuedAt()
      .setNotBefore(nowSeconds() - 1);
    if (ttl !== null) jwt.setExpirationTime(nowSeconds() + ttl);
    return jwt.sign(this.key);
  }

  /**
   * Opens an interactive session (login) and returns its access and refresh tokens. With
   * `requiresTwoFactorSetup` the access token carries Zou's `requires_2fa_setup` claim, for clients
   * that read it; the authenticate hook itself recomputes the restriction on every request.
   */
  async issueLoginTokens(
    personId: string,
    origin: 'web' | 'script',
    executor: Executor = this.db,
    options: { requiresTwoFactorSetup?: boolean } = {},
  ): Promise<LoginTokens> {
    const accessTtl = origin === 'web' ? this.lifetimes.browserAccessTokenTtl : this.lifetimes.accessTokenTtl;
    const session = await executor
      .insertInto('auth_session')
      .values({
        person_id: personId,
        identity_type: 'person',
        origin,
        expires_at: sql<string>`utc_now() + make_interval(secs => ${this.lifetimes.refreshTokenTtl})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refresh_token = await this.sign(
      { sub: personId, sid: session.id, type: 'refresh', identity_type: 'person' },
      this.lifetimes.refreshTokenTtl,
    );
    const access_token = await this.sign(
      {
        sub: personId, sid: session.id, type: 'access', identity_type: 'person',
        ...(options.requiresTwoFactorSetup ? { requires_2fa_setup: true as const } : {}),
      },
      accessTtl,
    );
    return { access_token, refresh_token, sessionId: session.id };
  }

  /** A new access token for an existing session (the refresh flow). */
  signAccessForSession(personId: string, sessionId: string, origin: 'web' | 'script'): Promise<string> {
    const ttl = origin === 'web' ? this.lifetimes.browserAccessTokenTtl : this.lifetimes.accessTokenTtl;
    return this.sign({ sub: personId, sid: sessionId, type: 'access', identity_type: 'person' }, ttl);
  }

  /**
   * Bots and API tokens (§1.4): one live token per person. A new one revokes the previous one; it
   * expires at the end of the person's expiration_date day, or never.
   */
  async issueApiToken(
    person: { id: string; is_bot: boolean; expiration_date: string | null },
    executor: Executor = this.db,
  ): Promise<string> {
    const identityType: IdentityType = person.is_bot ? 'bot' : 'person_api';
    const expiresAt = person.expiration_date ? `${person.expiration_date}T23:59:59` : null;
    await executor
      .updateTable('auth_session')
      .set({ revoked_at: sql<string>`utc_now()` })
      .where('person_id', '=', person.id)
      .where('identity_type', 'in', ['bot', 'person_api'])
      .where('revoked_at', 'is', null)
      .execute();
    const session = await executor
      .insertInto('auth_session')
      .values({ person_id: person.id, identity_type: identityType, origin: 'script', expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await executor.updateTable('person').set({ jti: session.id }).where('id', '=', person.id).execute();
    const ttl = expiresAt ? Math.max(1, Math.floor((Date.parse(`${expiresAt}Z`) - Date.now()) / 1000)) : null;
    return this.sign({ sub: person.id, sid: session.id, type: 'access', identity_type: identityType }, ttl);
  }

  /** Verifies signature, expiry and type. Errors carry the statuses and texts Gazu reacts to (§1.6). */
  async verify(token: string, expected: TokenType): Promise<TokenClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw errors.tokenExpired();
      throw errors.invalidToken(error instanceof joseErrors.JWSSignatureVerificationFailed ? 'Signature verification failed' : 'Invalid token');
    }
    const claims = payload as unknown as TokenClaims;
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || typeof claims.jti !== 'string') {
      throw errors.tokenRevoked();
    }
    if (claims.type !== expected) {
      throw errors.invalidToken(expected === 'refresh' ? 'Only refresh tokens are allowed' : 'Only non-refresh tokens are allowed');
    }
    return claims;
  }

  async revokeSession(sessionId: string, executor: Executor = this.db): Promise<void> {
    await executor
      .updateTable('auth_session')
      .set({ revoked_at: sql<string>`utc_now()` })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Ends every session of a person (password change, deactivation), optionally keeping one. */
  async revokeAllSessions(personId: string, options: { except?: string; executor?: Executor } = {}): Promise<void> {
    let query = (options.executor ?? this.db)
      .updateTable('auth_session')
      .set({ revoked_at: sql<string>`utc_now()` })
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null);
    if (options.except) query = query.where('id', '!=', options.except);
    await query.execute();
  }
}
