import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from './support/api.ts';
import {
  cleanUpProcesses,
  freePort,
  postgresPidsOf,
  postmasterPid,
  runRushes,
  spawnRushes,
  startServe,
  tempDataDir,
  waitFor,
  type Env,
  type ServingRushes,
} from './support/rushes-process.ts';

/*
 * `rushes serve` with DATABASE_URL unset: Rushes initialises and runs its own PostgreSQL under
 * RUSHES_DATA_DIR. One data directory goes through the whole life of an installation, in order:
 * first start, a second server refused, create-admin beside the running server, kill -9 of Rushes,
 * kill -9 of Rushes and PostgreSQL, and a clean SIGTERM. initdb is slow, so it runs once.
 */

const ADMIN = { email: 'admin@studio.test', password: 'embedded-admin-password' };
const WRITES_PER_ROUND = 25;

let dataDir = '';
let env: Env = {};
let server: ServingRushes | undefined;
/** Ids of departments whose creation Rushes acknowledged with 201. */
const acknowledged: string[] = [];

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // An exited child that was not reaped yet is no longer running.
    return !/\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function startEmbedded(): Promise<ServingRushes> {
  server = await startServe({ ...env, PORT: String(await freePort()) });
  return server;
}

function running(): ServingRushes {
  if (!server) throw new Error('no Rushes server is running (an earlier step failed)');
  return server;
}

/** Creates departments one by one, keeping the ids of those acknowledged with 201. */
async function createDepartments(token: string, round: string): Promise<void> {
  for (let i = 0; i < WRITES_PER_ROUND; i += 1) {
    const created = await api(running().url, token, 'POST', '/data/departments', { name: `${round} ${i}`, color: '#336699' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    acknowledged.push((created.body as { id: string }).id);
  }
}

async function expectEveryAcknowledgedWrite(url: string): Promise<void> {
  const token = await login(url, ADMIN.email, ADMIN.password);
  const listed = await api(url, token, 'GET', '/data/departments');
  expect(listed.status).toBe(200);
  const ids = new Set((listed.body as Array<{ id: string }>).map((row) => row.id));
  const missing = acknowledged.filter((id) => !ids.has(id));
  expect(missing).toEqual([]);
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  env = {
    RUSHES_DATA_DIR: dataDir,
    RUSHES_EMBEDDED_PG_PORT: String(await freePort()),
    RUSHES_ADMIN_EMAIL: ADMIN.email,
    RUSHES_ADMIN_PASSWORD: ADMIN.password,
    RUSHES_JWT_SECRET: 'e2e-embedded-secret',
  };
});

afterAll(cleanUpProcesses);

describe('rushes serve with its embedded PostgreSQL', () => {
  it('initialises PostgreSQL under RUSHES_DATA_DIR on first start and creates the admin', async () => {
    const first = await startEmbedded();
    expect(first.output()).toContain(`initialising PostgreSQL data directory ${path.join(dataDir, 'pg')}`);
    await first.waitForOutput(/Created the first admin account/); // printed last, after the serving line
    expect(first.output()).toContain(`Created the first admin account: ${ADMIN.email}.`);
    expect(first.output()).toContain('with its embedded PostgreSQL');
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(readFileSync(path.join(dataDir, 'rushes.pid'), 'utf8').trim()).toBe(String(first.pid));
    await login(first.url, ADMIN.email, ADMIN.password);
  });

  it("connects its pool through the cluster's Unix socket, TCP on 127.0.0.1 staying open for tools", async () => {
    await login(running().url, ADMIN.email, ADMIN.password);
    const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
    const client = new pg.Client({ host: '127.0.0.1', port: Number(env.RUSHES_EMBEDDED_PG_PORT), user: 'postgres', password, database: 'rushes' });
    await client.connect();
    try {
      // client_addr is NULL for a Unix-socket backend; ours (this test's) comes over TCP.
      const backends = await client.query<{ over_socket: number; over_tcp: number }>(`
        SELECT count(*) FILTER (WHERE client_addr IS NULL)::int AS over_socket, count(*) FILTER (WHERE client_addr IS NOT NULL)::int AS over_tcp
          FROM pg_stat_activity WHERE datname = 'rushes' AND backend_type = 'client backend' AND pid <> pg_backend_pid()`);
      expect(backends.rows[0]).toMatchObject({ over_tcp: 0 });
      expect(backends.rows[0]!.over_socket).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('refuses a second serve on the same data directory, and the first keeps serving', async () => {
    const first = running();
    const second = spawnRushes(['serve'], { ...env, PORT: String(await freePort()), RUSHES_EMBEDDED_PG_PORT: String(await freePort()) });
    const exit = await second.exited;
    expect(exit.code).toBe(1);
    expect(second.output()).toContain(`Another Rushes process (pid ${first.pid}) is already serving ${dataDir}`);
    expect(second.output()).not.toMatch(/^\s+at /m);
    await login(first.url, ADMIN.email, ADMIN.password);
  });

  it('create-admin beside a running server reuses its PostgreSQL (tool mode)', async () => {
    const first = running();
    const postmaster = postmasterPid(dataDir);
    expect(postmaster).toBeDefined();
    // Another embedded port: were create-admin to start a PostgreSQL of its own, it would not be the running one.
    const result = await runRushes(['create-admin', 'second@studio.test', '--password', 'second-admin-password'], {
      ...env,
      RUSHES_EMBEDDED_PG_PORT: String(await freePort()),
    });
    expect(result.output).toContain(`using the embedded PostgreSQL already running for ${dataDir}`);
    expect(result.output).toContain('Admin second@studio.test is ready');
    expect(result.code).toBe(0);
    expect(postmasterPid(dataDir)).toBe(postmaster);
    expect(isAlive(postmaster ?? 0)).toBe(true);
    await login(first.url, 'second@studio.test', 'second-admin-password');
  });

  it('loses no acknowledged write when Rushes is killed with SIGKILL (its PostgreSQL orphaned)', async () => {
    const first = running();
    await createDepartments(await login(first.url, ADMIN.email, ADMIN.password), 'orphaned');
    const postmaster = postmasterPid(dataDir) ?? 0;

    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(isAlive(postmaster)).toBe(true); // still running, now without its Rushes

    const restarted = await startEmbedded();
    expect(restarted.output()).toContain(`stopping PostgreSQL left running by a previous Rushes process (pid ${postmaster})`);
    expect(isAlive(postmaster)).toBe(false);
    await expectEveryAcknowledgedWrite(restarted.url);
  });

  it('loses no acknowledged write when Rushes and its PostgreSQL are both killed with SIGKILL (crash recovery)', async () => {
    const current = running();
    await createDepartments(await login(current.url, ADMIN.email, ADMIN.password), 'crashed');
    const postmaster = postmasterPid(dataDir) ?? 0;
    expect(isAlive(postmaster)).toBe(true);

    current.child.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    expect((await current.exited).signal).toBe('SIGKILL');
    await waitFor(() => !isAlive(postmaster), 'the killed postmaster to be gone');

    const restarted = await startEmbedded();
    await expectEveryAcknowledgedWrite(restarted.url);
    const log = readFileSync(path.join(dataDir, 'postgres.log'), 'utf8');
    expect(log).toMatch(/database system was interrupted|not properly shut down; automatic recovery in progress/);
    expect(acknowledged).toHaveLength(2 * WRITES_PER_ROUND);
  });

  it('stops cleanly on SIGTERM: exit code 0, no PostgreSQL left on the data directory, lock files removed', async () => {
    const current = running();
    current.child.kill('SIGTERM');
    expect(await current.exited).toEqual({ code: 0, signal: null });
    server = undefined;
    expect(postgresPidsOf(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'rushes.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(readFileSync(path.join(dataDir, 'postgres.log'), 'utf8')).toMatch(/database system is shut down\s*$/);
  });

  it('starts again after a clean stop with every write in place', async () => {
    const again = await startEmbedded();
    expect(again.output()).not.toContain('stopping PostgreSQL left running');
    expect(again.output()).not.toContain('initialising');
    await expectEveryAcknowledgedWrite(again.url);
    again.child.kill('SIGINT');
    expect(await again.exited).toEqual({ code: 0, signal: null });
    expect(postgresPidsOf(dataDir)).toEqual([]);
  });
});
