import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export type PasswordTokenKind = 'reset' | 'invitation';

export interface MailablePerson {
  id: string;
  email: string;
  first_name: string;
  full_name: string;
}

/** The active human account with this email (case-insensitive), the only kind that may reset a password. */
export async function findActivePersonByEmail(db: Executor, email: string): Promise<MailablePerson | undefined> {
  const result = await sql<MailablePerson>`
    SELECT id, email, first_name, trim(first_name || ' ' || last_name) AS full_name
      FROM person
     WHERE lower(email) = ${email.trim().toLowerCase()} AND NOT is_bot AND active
     LIMIT 1`.execute(db);
  return result.rows[0];
}

/**
 * Stores a token digest for a person, replacing any earlier token of theirs (one live link per person:
 * the newest request wins). One upsert, so two concurrent requests leave exactly one valid token.
 */
export async function putPasswordToken(
  db: Executor,
  token: { personId: string; kind: PasswordTokenKind; hash: string; ttlSeconds: number },
): Promise<void> {
  await sql`
    INSERT INTO password_token (person_id, kind, token_hash, created_at, expires_at)
    VALUES (${token.personId}, ${token.kind}, ${token.hash}, utc_now(), utc_now() + make_interval(secs => ${token.ttlSeconds}))
    ON CONFLICT (person_id) DO UPDATE
      SET kind = excluded.kind, token_hash = excluded.token_hash, created_at = excluded.created_at, expires_at = excluded.expires_at`.execute(db);
}

/**
 * Whether an unexpired token with this digest belongs to the active human account with this email: a
 * cheap check made before hashing the new password, so that requests with made-up tokens cost the
 * server no argon2 work.
 */
export async function isLivePasswordToken(db: Executor, input: { email: string; hash: string }): Promise<boolean> {
  const result = await sql<{ live: boolean }>`
    SELECT true AS live
      FROM password_token t JOIN person p ON p.id = t.person_id
     WHERE t.token_hash = ${input.hash} AND t.expires_at > utc_now()
       AND lower(p.email) = ${input.email.trim().toLowerCase()} AND NOT p.is_bot AND p.active`.execute(db);
  return result.rows.length > 0;
}

/**
 * Deletes and returns the unexpired token with this digest when it belongs to the active human account
 * with this email: a token is spent by the first request that presents it, even under concurrency.
 */
export async function consumePasswordToken(
  db: Executor,
  input: { email: string; hash: string },
): Promise<{ personId: string; kind: PasswordTokenKind } | undefined> {
  const result = await sql<{ person_id: string; kind: PasswordTokenKind }>`
    DELETE FROM password_token t
     USING person p
     WHERE t.token_hash = ${input.hash} AND t.expires_at > utc_now()
       AND p.id = t.person_id AND lower(p.email) = ${input.email.trim().toLowerCase()} AND NOT p.is_bot AND p.active
    RETURNING t.person_id, t.kind`.execute(db);
  const row = result.rows[0];
  return row ? { personId: row.person_id, kind: row.kind } : undefined;
}

/**
 * Forgets the person's failed-login counters (the login throttle's "account:<person id>|ip:…" keys,
 * see login-throttle.service.ts): after proving control of the mailbox, the owner is not kept out by
 * someone else's guesses.
 */
export async function clearAccountThrottle(db: Executor, personId: string): Promise<void> {
  await sql`DELETE FROM login_throttle WHERE starts_with(key, ${`account:${personId}|`})`.execute(db);
}
