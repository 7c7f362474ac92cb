import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Executor, Tx } from '../../../platform/db/database.ts';
import type { DataImportError } from '../../../platform/db/schema.ts';
import type { Failure } from './shotgun-import.ts';

/** `data_import_error` rows: what an import could not take (Zou's DataImportError). */

export type ImportErrorRecord = Selectable<DataImportError>;

/**
 * Stores the records an import rejected, with the reason. A fingerprint of kind, record and reason
 * makes a re-run of the same import leave the same single error row.
 */
export async function recordFailures(tx: Tx, kind: string, failures: Failure[]): Promise<void> {
  if (failures.length === 0) return;
  const rows = failures.map((failure) => {
    const eventData = { import: kind, message: failure.message, data: failure.entry };
    const text = JSON.stringify(eventData);
    return { event_data: text, fingerprint: createHash('sha256').update(text).digest('hex') };
  });
  await sql`
    INSERT INTO data_import_error (event_data, source, fingerprint)
    SELECT x.event_data::jsonb, 'shotgun', x.fingerprint FROM unnest(${rows.map((r) => r.event_data)}::text[], ${rows.map((r) => r.fingerprint)}::text[]) AS x(event_data, fingerprint)
    ON CONFLICT (source, fingerprint) DO NOTHING`.execute(tx);
}

export async function listImportErrors(db: Executor): Promise<ImportErrorRecord[]> {
  return db.selectFrom('data_import_error').selectAll().where('source', '=', 'shotgun').orderBy('created_at').orderBy('id').execute();
}

export async function insertImportError(db: Executor, eventData: unknown): Promise<ImportErrorRecord> {
  return db
    .insertInto('data_import_error')
    .values({ event_data: JSON.stringify(eventData ?? null), source: 'shotgun' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteImportError(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('data_import_error').where('id', '=', id).where('source', '=', 'shotgun').executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
