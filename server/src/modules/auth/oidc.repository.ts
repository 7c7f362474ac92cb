import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { PersonRow } from './auth.repository.ts';

export interface LoginStateRow {
  nonce: string;
  code_verifier: string;
  next_path: string;
}

/** Records a sign-in under way, and drops the ones abandoned long enough to have expired. */
export async function insertLoginState(
  tx: Tx,
  state: { stateHash: string; nonce: string; codeVerifier: string; nextPath: string; ttlSeconds: number },
): Promise<void> {
  await tx.deleteFrom('oidc_login_state').where('expires_at', '<', sql<string>`utc_now()`).execute();
  await tx
    .insertInto('oidc_login_state')
    .values({
      state_hash: state.stateHash,
      nonce: state.nonce,
      code_verifier: state.codeVerifier,
      next_path: state.nextPath,
      expires_at: sql<string>`utc_now() + make_interval(secs => ${state.ttlSeconds})`,
    })
    .execute();
}

/**
 * Takes a sign-in under way out of the table: whoever deletes the row owns the callback, so a replayed
 * or concurrent callback with the same state finds nothing. Expired rows answer as missing.
 */
export async function takeLoginState(db: Executor, stateHash: string): Promise<LoginStateRow | undefined> {
  const row = await db
    .deleteFrom('oidc_login_state')
    .where('state_hash', '=', stateHash)
    .returning(['nonce', 'code_verifier', 'next_path', sql<boolean>`expires_at > utc_now()`.as('live')])
    .executeTakeFirst();
  return row?.live ? row : undefined;
}

/** The person linked to a provider account, locked for the sign-in. */
export function findPersonByIdentity(tx: Tx, issuer: string, subject: string): Promise<PersonRow | undefined> {
  return tx
    .selectFrom('person_oidc_identity as i')
    .innerJoin('person as p', 'p.id', 'i.person_id')
    .selectAll('p')
    .where('i.issuer', '=', issuer)
    .where('i.subject', '=', subject)
    .forUpdate('p')
    .executeTakeFirst();
}

/** The human account with this e-mail (case-insensitive; bots left out, their e-mails need not be unique). */
export function findHumanByEmail(tx: Tx, email: string): Promise<PersonRow | undefined> {
  return tx
    .selectFrom('person')
    .selectAll()
    .where('is_bot', '=', false)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .forUpdate()
    .executeTakeFirst();
}

/** Whether the person is already linked to another account of this provider. */
export async function hasIdentityAt(tx: Tx, personId: string, issuer: string): Promise<boolean> {
  const row = await tx
    .selectFrom('person_oidc_identity')
    .select('id')
    .where('person_id', '=', personId)
    .where('issuer', '=', issuer)
    .executeTakeFirst();
  return row !== undefined;
}

export async function linkIdentity(tx: Tx, link: { personId: string; issuer: string; subject: string; email: string | undefined }): Promise<void> {
  await tx
    .insertInto('person_oidc_identity')
    .values({ person_id: link.personId, issuer: link.issuer, subject: link.subject, last_email: link.email ?? null })
    .execute();
}

export async function touchIdentity(tx: Tx, issuer: string, subject: string, email: string | undefined): Promise<void> {
  await tx
    .updateTable('person_oidc_identity')
    .set({ last_login_at: sql<string>`utc_now()`, ...(email ? { last_email: email } : {}) })
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .execute();
}

/** A person created by a first sign-in: no password (they sign in through the provider). */
export function insertProvisionedPerson(
  tx: Tx,
  person: { email: string; firstName: string; lastName: string; role: string },
): Promise<PersonRow> {
  return tx
    .insertInto('person')
    .values({ email: person.email, first_name: person.firstName, last_name: person.lastName, role: person.role, password: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}
