import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { installTypeParsers } from './pg-types.ts';
import type { DB } from './schema.ts';

installTypeParsers();

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the root handle or an open transaction: repositories accept both. */
export type Executor = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function openDatabase(connectionString: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 20 });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}
