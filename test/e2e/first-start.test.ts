import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cloneTemplateDatabase } from '../support/test-app.ts';
import { api, login, query, tryLogin } from './support/api.ts';
import { cleanUpProcesses, freePort, startServe, type ServingRushes } from './support/rushes-process.ts';

const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await cleanUpProcesses();
  for (const drop of drops.splice(0)) await drop();
});
afterAll(cleanUpProcesses);

async function stop(server: ServingRushes): Promise<void> {
  server.child.kill('SIGTERM');
  expect(await server.exited).toEqual({ code: 0, signal: null });
}

describe('first start of rushes serve on an empty database (external PostgreSQL)', () => {
  it('creates the admin from RUSHES_ADMIN_EMAIL and RUSHES_ADMIN_PASSWORD, who can log in', async () => {
    const database = await cloneTemplateDatabase();
    drops.push(database.drop);
    const server = await startServe({
      DATABASE_URL: database.url,
      PORT: String(await freePort()),
      RUSHES_ADMIN_EMAIL: 'Boss@Studio.test',
      RUSHES_ADMIN_PASSWORD: 'a-long-admin-password',
    });
    await server.waitForOutput(/Created the first admin account/); // printed last, after the serving line
    expect(server.output()).toContain('Created the first admin account: boss@studio.test.');
    expect(server.output()).not.toContain('a-long-admin-password');

    const token = await login(server.url, 'boss@studio.test', 'a-long-admin-password');
    const me = await api(server.url, token, 'GET', '/auth/authenticated');
    expect(me.body).toMatchObject({ user: { email: 'boss@studio.test', role: 'admin' } });
    expect(await query(database.url, 'SELECT role FROM person')).toEqual([{ role: 'admin' }]);
    await stop(server);
  });

  it('refuses to start with a RUSHES_ADMIN_PASSWORD that is too short, saying why', async () => {
    const database = await cloneTemplateDatabase();
    drops.push(database.drop);
    await expect(
      startServe({ DATABASE_URL: database.url, PORT: String(await freePort()), RUSHES_ADMIN_EMAIL: 'boss@studio.test', RUSHES_ADMIN_PASSWORD: 'short' }),
    ).rejects.toThrow(/Cannot create the first admin from RUSHES_ADMIN_EMAIL\/RUSHES_ADMIN_PASSWORD: Password is too short/);
    expect(await query(database.url, 'SELECT id FROM person')).toHaveLength(0);
  });

  it('without them, prints a generated password once; it works, and a second start prints nothing about an admin', async () => {
    const database = await cloneTemplateDatabase();
    drops.push(database.drop);
    const port = String(await freePort());
    const first = await startServe({ DATABASE_URL: database.url, PORT: port });
    await first.waitForOutput(/Created the first admin account/); // printed last, after the serving line
    const printed = first.stdout().match(/Created the first admin account: (\S+) with password (\S+) \(shown once/);
    expect(printed, first.output()).not.toBeNull();
    const [, email = '', password = ''] = printed ?? [];
    expect(email).toBe('admin@rushes.local');
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(first.output().split(password)).toHaveLength(2); // printed exactly once
    expect((await tryLogin(first.url, email, 'not-the-password')).status).toBe(400);
    await login(first.url, email, password);
    await stop(first);

    const second = await startServe({ DATABASE_URL: database.url, PORT: port });
    expect(second.output()).not.toMatch(/admin/i);
    expect(second.output()).not.toContain(password);
    await login(second.url, email, password);
    expect(await query(database.url, 'SELECT id FROM person')).toHaveLength(1);
    await stop(second);
  });
});
