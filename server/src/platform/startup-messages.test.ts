import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { cloneTemplateDatabase } from '../../../test/support/test-app.ts';
import { loadConfig, type Config } from './config.ts';
import { startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { startServer } from './server.ts';
import { StartupError } from './startup-errors.ts';

/** Start-up failures an operator fixes with a setting: one line naming it, tried against real ports. */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A port some other program listens on, for the length of the test. */
async function occupiedPort(): Promise<number> {
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => squatter.close(() => resolve())));
  return (squatter.address() as net.AddressInfo).port;
}

async function database(): Promise<string> {
  const created = await cloneTemplateDatabase();
  cleanups.push(created.drop);
  return created.url;
}

function serveConfig(env: Record<string, string>): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', RUSHES_JWT_SECRET: 'startup-test-secret', ...env }), host: '127.0.0.1' };
}

async function personCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM person')).rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

describe('a taken HTTP port', () => {
  it('answers one line that says to change PORT, and the first admin it created gets the create-admin command', async () => {
    const url = await database();
    const port = await occupiedPort();
    const logs: string[] = [];
    const failure = await startServer(serveConfig({ DATABASE_URL: url, PORT: String(port) }), (line) => logs.push(line)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message.split('\n')).toEqual([
      `Port ${port} for the web app and API is already in use by another program: stop it, or set PORT to a free port.`,
      'The first admin account admin@rushes.local was created before Rushes stopped, but its password was not shown: ' +
        'set one with `npx rushes create-admin admin@rushes.local --password <new password>`.',
    ]);
    // The generated password was never printed: the command above is the way in.
    expect(logs.join('\n')).not.toMatch(/with password/);
    expect(await personCount(url)).toBe(1);
  });

  it('says only the port line when the database already had its admin', async () => {
    const url = await database();
    const first = await startServer(serveConfig({ DATABASE_URL: url, PORT: '0', RUSHES_ADMIN_PASSWORD: 'a-long-admin-password' }), () => undefined);
    await first.stop();
    const port = await occupiedPort();
    const failure = await startServer(serveConfig({ DATABASE_URL: url, PORT: String(port) }), () => undefined).catch((error: unknown) => error);
    expect((failure as Error).message).toBe(`Port ${port} for the web app and API is already in use by another program: stop it, or set PORT to a free port.`);
  });
});

describe('the first admin line', () => {
  it('comes last, after the serving line', async () => {
    const url = await database();
    const logs: string[] = [];
    const server = await startServer(serveConfig({ DATABASE_URL: url, PORT: '0' }), (line) => logs.push(line));
    cleanups.push(() => server.stop());
    expect(logs.at(-2)).toMatch(/^Rushes is serving http:\/\/localhost:\d+/);
    expect(logs.at(-1)).toMatch(/^Created the first admin account: admin@rushes\.local with password \S+ \(shown once/);
  });
});

describe('a taken embedded PostgreSQL port', () => {
  it('answers one line that says to change RUSHES_EMBEDDED_PG_PORT, before initialising anything', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rushes-startup-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await occupiedPort();
    const failure = startEmbeddedPostgres({ dataDir, port, log: () => undefined });
    await expect(failure).rejects.toBeInstanceOf(StartupError);
    await expect(failure).rejects.toThrow(
      `Port ${port} for the embedded PostgreSQL is already in use by another program: stop it, or set RUSHES_EMBEDDED_PG_PORT to a free port.`,
    );
    expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);
  });
});

describe('rushes serve as a process', () => {
  it('prints the port line on stderr without a stack trace and exits with 1', async () => {
    const url = await database();
    const port = await occupiedPort();
    const bin = fileURLToPath(new URL('../../../bin/rushes.js', import.meta.url));
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn', RUSHES_ADMIN_PASSWORD: 'a-long-admin-password' };
    const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/^\s+at /m);
    // Warnings printed earlier (no mail server set) come first; the failure is the last word.
    expect(stderr.trim().split('\n').slice(-2)).toEqual([
      `Port ${port} for the web app and API is already in use by another program: stop it, or set PORT to a free port.`,
      'The first admin account admin@rushes.local was created before Rushes stopped, with the password of RUSHES_ADMIN_PASSWORD.',
    ]);
  }, 60_000);
});
