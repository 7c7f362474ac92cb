import pg from 'pg';
import Cursor from 'pg-cursor';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { installTypeParsers } from './pg-types.ts';
import { preparingPool } from './prepared-pool.ts';
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
  // The cursor lets hot read paths stream big results (`stream(chunkSize)`, CSV exports) in constant memory.
  // Statements are sent as named prepared statements: parsed and planned once per connection (prepared-pool.ts).
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool), cursor: Cursor }) });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}
