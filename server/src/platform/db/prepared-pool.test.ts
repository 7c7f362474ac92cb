import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTemplateDatabase } from '../../../../test/support/test-app.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';

let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
let handle: DatabaseHandle;

beforeAll(async () => {
  database = await cloneTemplateDatabase();
  handle = openDatabase(database.url, { max: 1 });
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

const prepared = async () =>
  (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(handle.db)).rows.map((r) => r.statement);

describe('prepared statements', () => {
  it('prepares parameterised statements once per connection and reuses them', async () => {
    const query = () => sql<{ n: number }>`SELECT ${41}::int + 1 AS n`.execute(handle.db);
    expect((await query()).rows).toEqual([{ n: 42 }]);
    expect((await query()).rows).toEqual([{ n: 42 }]);
    const statements = await prepared();
    expect(statements.filter((s) => s.includes('+ 1 AS n'))).toHaveLength(1);
  });

  it('sends statements without parameters as they are (they may hold several commands)', async () => {
    await sql`CREATE TEMP TABLE several (id int); INSERT INTO several VALUES (1)`.execute(handle.db);
    expect((await sql<{ id: number }>`SELECT id FROM several`.execute(handle.db)).rows).toEqual([{ id: 1 }]);
  });

  it('retries unnamed when a migration changed the result of a prepared plan under it', async () => {
    await sql`CREATE TABLE reshaped (id int PRIMARY KEY)`.execute(handle.db);
    await sql`INSERT INTO reshaped VALUES (1)`.execute(handle.db);
    const read = () => sql<Record<string, unknown>>`SELECT * FROM reshaped WHERE id = ${1}`.execute(handle.db);
    expect((await read()).rows).toEqual([{ id: 1 }]);
    await sql`ALTER TABLE reshaped ADD COLUMN label text DEFAULT 'x'`.execute(handle.db);
    expect((await read()).rows).toEqual([{ id: 1, label: 'x' }]);
  });
});
