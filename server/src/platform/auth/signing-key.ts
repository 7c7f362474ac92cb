import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * The HS256 secret: RUSHES_JWT_SECRET when configured, else one generated on first start and kept in
 * the database so that every server process behind a load balancer signs and verifies alike.
 */
export async function loadSigningKey(db: Database, configured: string | undefined): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  const generated = randomBytes(48).toString('base64url');
  await sql`INSERT INTO server_setting (key, value) VALUES ('jwt_secret', ${generated}) ON CONFLICT (key) DO NOTHING`.execute(db);
  const row = await sql<{ value: string }>`SELECT value FROM server_setting WHERE key = 'jwt_secret'`.execute(db);
  return new TextEncoder().encode(row.rows[0]!.value);
}
