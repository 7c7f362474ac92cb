import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DB } from '../../server/src/platform/db/schema.ts';

/** A connection that records the statements it is given and answers no rows. */
class CapturingConnection implements DatabaseConnection {
  readonly queries: CompiledQuery[] = [];
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.queries.push(query);
    return { rows: [] };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not captured');
  }
}

class CapturingDriver implements Driver {
  constructor(private readonly connection: CapturingConnection) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/**
 * The SQL a repository function sends, without a database: it runs against a Kysely whose driver
 * records each compiled statement. Used to EXPLAIN the very statements the routes run.
 */
export async function captureSql(run: (db: Kysely<DB>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const connection = new CapturingConnection();
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new CapturingDriver(connection),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  await run(db).catch(() => undefined);
  return connection.queries;
}
