import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { PersonTwoFactor } from '../../platform/db/schema.ts';

export type TwoFactorRow = Selectable<PersonTwoFactor>;

/** A person's TOTP state; `lock` takes the row for the rest of the transaction (enrolment, disabling). */
export function findTwoFactor(db: Executor, personId: string, options: { lock?: boolean } = {}): Promise<TwoFactorRow | undefined> {
  let query = db.selectFrom('person_two_factor').selectAll().where('person_id', '=', personId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Keeps the secret PUT auth/totp handed out until POST auth/totp confirms it (a new PUT replaces it). */
export async function savePendingTotpSecret(db: Executor, personId: string, secret: string): Promise<void> {
  await db
    .insertInto('person_two_factor')
    .values({ person_id: personId, totp_pending_secret: secret, totp_pending_at: sql<string>`utc_now()` })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ totp_pending_secret: secret, totp_pending_at: sql<string>`utc_now()` }))
    .execute();
}

/** The pending secret becomes the secret in use; the step of the confirming code counts as used. */
export async function activatePendingTotp(db: Executor, personId: string, step: number): Promise<void> {
  await sql`
    UPDATE person_two_factor
       SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_pending_at = NULL, totp_last_step = ${step}
     WHERE person_id = ${personId}`.execute(db);
  // The first method enabled becomes the preferred one (§1.5).
  await sql`
    UPDATE person SET totp_enabled = true,
           preferred_two_factor_authentication = coalesce(preferred_two_factor_authentication, 'totp')
     WHERE id = ${personId}`.execute(db);
}

/** TOTP off; the preferred method falls back to another enabled one, or none. */
export async function deactivateTotp(db: Executor, personId: string): Promise<void> {
  await sql`
    UPDATE person_two_factor
       SET totp_secret = NULL, totp_pending_secret = NULL, totp_pending_at = NULL, totp_last_step = NULL
     WHERE person_id = ${personId}`.execute(db);
  await sql`
    UPDATE person SET totp_enabled = false,
           preferred_two_factor_authentication = CASE
             WHEN preferred_two_factor_authentication IS DISTINCT FROM 'totp' THEN preferred_two_factor_authentication
             WHEN email_otp_enabled THEN 'email_otp' WHEN fido_enabled THEN 'fido' END
     WHERE id = ${personId}`.execute(db);
}

/**
 * Marks a time step as used, only when it is later than the last one used: one statement, so two
 * logins racing with the same code cannot both win. False when the code was already used.
 */
export async function claimTotpStep(db: Executor, personId: string, step: number): Promise<boolean> {
  const result = await sql`
    UPDATE person_two_factor SET totp_last_step = ${step}
     WHERE person_id = ${personId} AND totp_secret IS NOT NULL
       AND (totp_last_step IS NULL OR totp_last_step < ${step})`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}

export function unusedRecoveryCodes(db: Executor, personId: string): Promise<{ id: string; code_hash: string }[]> {
  return db
    .selectFrom('person_recovery_code')
    .select(['id', 'code_hash'])
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .execute();
}

export async function hasUnusedRecoveryCodes(db: Executor, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('person_recovery_code')
    .select('id')
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Spends a recovery code; false when another request spent it first. */
export async function spendRecoveryCode(db: Executor, codeId: string): Promise<boolean> {
  const result = await db
    .updateTable('person_recovery_code')
    .set({ used_at: sql<string>`utc_now()` })
    .where('id', '=', codeId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A new set replaces every previous code, used or not. */
export async function replaceRecoveryCodes(db: Executor, personId: string, hashes: string[]): Promise<void> {
  await deleteRecoveryCodes(db, personId);
  if (hashes.length > 0) {
    await db.insertInto('person_recovery_code').values(hashes.map((code_hash) => ({ person_id: personId, code_hash }))).execute();
  }
}

export async function deleteRecoveryCodes(db: Executor, personId: string): Promise<void> {
  await db.deleteFrom('person_recovery_code').where('person_id', '=', personId).execute();
}

/** The organisation's "everyone must use 2FA" switch (false when there is no organisation row). */
export async function isTwoFactorRequiredByOrganisation(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('organisation')
    .select('two_factor_authentication_required')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.two_factor_authentication_required ?? false;
}

/** Sets the switch on the studio's organisation row; returns its id and previous value for the audit trail. */
export async function setTwoFactorRequiredByOrganisation(db: Executor, required: boolean): Promise<{ id: string; before: boolean } | undefined> {
  const current = await db
    .selectFrom('organisation')
    .select(['id', 'two_factor_authentication_required'])
    .orderBy('created_at')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!current) return undefined;
  await db.updateTable('organisation').set({ two_factor_authentication_required: required }).where('id', '=', current.id).execute();
  return { id: current.id, before: current.two_factor_authentication_required };
}
