import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cloneTemplateDatabase } from '../support/test-app.ts';
import { api, emptyDatabase, login, query } from './support/api.ts';
import { cleanUpProcesses, freePort, runRushes, startServe } from './support/rushes-process.ts';

const MIGRATIONS = readdirSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server/src/db/migrations'))
  .filter((file) => file.endsWith('.sql'))
  .sort();

const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await cleanUpProcesses();
  for (const drop of drops.splice(0)) await drop();
});
afterAll(cleanUpProcesses);

describe('rushes --help and bad usage', () => {
  it('prints the usage with every command and exits 0', async () => {
    const result = await runRushes(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: rushes <command>/);
    for (const command of ['serve', 'migrate', 'create-admin <email> --password <pw>']) expect(result.stdout).toContain(command);
    expect(result.stdout).toContain('DATABASE_URL');
  });

  it('exits 2 on an unknown command, naming it and showing the usage', async () => {
    const result = await runRushes(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.output).toContain('Unknown command "frobnicate"');
    expect(result.output).toContain('Usage: rushes <command>');
  });

  it('exits 2 on an unknown option', async () => {
    const result = await runRushes(['migrate', '--colour']);
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/Unknown option '--colour'/);
  });

  it('exits 2 when create-admin lacks its password', async () => {
    const result = await runRushes(['create-admin', 'a@b.c']);
    expect(result.code).toBe(2);
    expect(result.output).toContain('Usage: rushes create-admin <email> --password <password>');
  });
});

describe('rushes migrate (external PostgreSQL)', () => {
  it('migrates an empty database, then finds nothing to do the second time', async () => {
    const database = await emptyDatabase();
    drops.push(database.drop);

    const first = await runRushes(['migrate'], { DATABASE_URL: database.url });
    expect(first.output).toContain('Database is up to date.');
    expect(first.code).toBe(0);
    for (const file of MIGRATIONS) expect(first.output).toContain(`applied migration ${file}`);
    const applied = await query<{ name: string }>(database.url, 'SELECT name FROM schema_migration ORDER BY name');
    expect(applied.map((row) => row.name)).toEqual(MIGRATIONS);

    const second = await runRushes(['migrate'], { DATABASE_URL: database.url });
    expect(second.code).toBe(0);
    expect(second.output).not.toContain('applied migration');
    expect(second.output).toContain('Database is up to date.');
    expect(await query(database.url, 'SELECT name FROM schema_migration')).toHaveLength(MIGRATIONS.length);
    // A migrate never creates people: the first admin is serve's job.
    expect(await query(database.url, 'SELECT id FROM person')).toHaveLength(0);
  });
});

describe('rushes create-admin (external PostgreSQL)', () => {
  it('creates an admin who can then log in over HTTP', async () => {
    const database = await cloneTemplateDatabase();
    drops.push(database.drop);
    const result = await runRushes(['create-admin', 'A@B.c', '--password', 'longenough'], { DATABASE_URL: database.url });
    expect(result.output).toMatch(/Admin a@b\.c is ready \(id [0-9a-f-]{36}\)/);
    expect(result.code).toBe(0);

    const server = await startServe({ DATABASE_URL: database.url, PORT: String(await freePort()) });
    // The database already has a person: serve creates no first admin of its own.
    expect(server.output()).not.toContain('Created the first admin');
    const token = await login(server.url, 'a@b.c', 'longenough');
    const me = await api(server.url, token, 'GET', '/auth/authenticated');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ authenticated: true, user: { email: 'a@b.c', role: 'admin' } });
    expect(await query(database.url, 'SELECT id FROM person')).toHaveLength(1);
  });

  it('refuses a too-short password with a clear message, a non-zero exit and no account', async () => {
    const database = await cloneTemplateDatabase();
    drops.push(database.drop);
    const result = await runRushes(['create-admin', 'a@b.c', '--password', 'short'], { DATABASE_URL: database.url });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Password is too short: it must have at least 8 characters.');
    expect(result.output).not.toMatch(/^\s+at /m); // a message, not a stack trace
    expect(await query(database.url, 'SELECT id FROM person')).toHaveLength(0);
  });
});
