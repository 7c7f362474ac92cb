import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../server/src/platform/db/migrate.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../server/src/platform/db/embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Tests run against real PostgreSQL: the server named by DATABASE_URL (CI: 127.0.0.1:5432), or an
 * embedded one started here. Migrations run once into a template database; each test file clones it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedServer | undefined;
  let embeddedDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-test-pg-'));
    embeddedDir = dir;
    // mkdtemp makes it 0700; as root, PostgreSQL runs as the postgres user, who must reach pg/ inside.
    await chmod(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: dir, port: 54_000 + (process.pid % 1000), log: () => undefined }).catch(
      async (error: unknown) => {
        await rm(dir, { recursive: true, force: true });
        throw error;
      },
    );
    adminUrl = embedded.connectionString;
  }
  const template = `rushes_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 1 });
  await migrate(pool);
  await pool.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'rushes_t\\_%' AND datname LIKE $1`,
      [`%_${process.pid}_%`],
    );
    for (const row of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
    if (embedded) await embedded.stop();
    if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true });
  };
}
