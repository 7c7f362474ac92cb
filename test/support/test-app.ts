import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../server/src/platform/config.ts';
import { openDatabase, type Database } from '../../server/src/platform/db/database.ts';
import { createDeps } from '../../server/src/platform/server.ts';
import { buildApp, type App } from '../../server/src/platform/http/app.ts';
import type { AppDeps } from '../../server/src/platform/http/types.ts';

export interface TestContext {
  app: App;
  db: Database;
  deps: AppDeps;
  config: Config;
  databaseUrl: string;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates a database on the test server, named so that the global teardown drops it if the test does
 * not: a clone of the migrated template (fast: a file copy, no migrations), or with `noTables`, one with
 * no table at all.
 */
export async function createTestDatabase(options: { noTables?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `rushes_t_${template.split('_').pop()}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin.query(options.noTables === true ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        // Two files cloning at the same instant: "source database is being accessed by other users".
        if ((error as { code?: string }).code !== '55006' || attempt > 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Creates a database cloned from the migrated template: every table, no rows (fast: a file copy, no migrations). */
export const cloneTemplateDatabase = (): Promise<{ url: string; drop(): Promise<void> }> => createTestDatabase();

/**
 * Boots the real Fastify app on a fresh database of its own. Call once per test file (beforeAll)
 * and close it in afterAll.
 */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await cloneTemplateDatabase();
  const handle = openDatabase(database.url, { max: 10 });
  // Stored files go to a directory of this test file's own; image URLs in tests point at 127.0.0.1.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rushes-test-data-'));
  const defaults = loadConfig({});
  const config: Config = {
    ...defaults,
    jwtSecret: 'test-secret-for-rushes-integration-tests',
    logLevel: 'silent',
    databaseUrl: database.url,
    dataDir,
    jobPollIntervalMs: 50,
    uploads: { ...defaults.uploads, fetchAllowPrivateNetworks: true },
    ...overrides,
  };
  const deps = await createDeps(config, handle);
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return {
    app,
    db: handle.db,
    deps,
    config,
    databaseUrl: database.url,
    async close() {
      await deps.jobs.stop();
      await app.close();
      await handle.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
