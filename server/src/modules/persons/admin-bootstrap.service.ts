import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { errors } from '../../platform/errors/index.ts';

export interface CreatedAdmin {
  id: string;
  email: string;
}

/** Creates (or promotes and resets) an admin account: `rushes create-admin` and first start. */
export async function createAdmin(
  db: Database,
  input: { email: string; password: string; firstName?: string; lastName?: string },
  minPasswordLength: number,
): Promise<CreatedAdmin> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw errors.badRequest(`Invalid email address: ${input.email}`);
  if (input.password.length < minPasswordLength) {
    throw errors.badRequest(`Password is too short: it must have at least ${minPasswordLength} characters.`);
  }
  const password = await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('person')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .where('is_bot', '=', false)
      .forUpdate()
      .executeTakeFirst();
    if (existing) {
      await tx.updateTable('person').set({ role: 'admin', active: true, password }).where('id', '=', existing.id).execute();
      return { id: existing.id, email };
    }
    const created = await tx
      .insertInto('person')
      .values({
        email,
        password,
        role: 'admin',
        first_name: input.firstName ?? 'Super',
        last_name: input.lastName ?? 'Admin',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: created.id, email };
  });
}

/**
 * First start with an empty person table: create the admin from RUSHES_ADMIN_EMAIL/PASSWORD, or with a
 * generated password printed once. An advisory lock keeps two processes starting together from both
 * creating one.
 */
export async function ensureInitialAdmin(
  db: Database,
  options: { email?: string; password?: string; minPasswordLength: number; print: (line: string) => void },
): Promise<CreatedAdmin | undefined> {
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(7283042)`.execute(connection);
    try {
      const anyone = await connection.selectFrom('person').select('id').limit(1).executeTakeFirst();
      if (anyone) return undefined;
      const email = options.email ?? 'admin@rushes.local';
      const generated = !options.password;
      const password = options.password ?? randomBytes(Math.max(12, Math.ceil((options.minPasswordLength * 3) / 4))).toString('base64url');
      const admin = await createAdmin(connection, { email, password }, options.minPasswordLength).catch((error: unknown) => {
        throw new Error(`Cannot create the first admin from RUSHES_ADMIN_EMAIL/RUSHES_ADMIN_PASSWORD: ${(error as Error).message}`, {
          cause: error,
        });
      });
      options.print(
        generated
          ? `Created the first admin account: ${admin.email} with password ${password} (shown once; change it after logging in, on Your profile: /account/profile).`
          : `Created the first admin account: ${admin.email}.`,
      );
      return admin;
    } finally {
      await sql`SELECT pg_advisory_unlock(7283042)`.execute(connection);
    }
  });
}
