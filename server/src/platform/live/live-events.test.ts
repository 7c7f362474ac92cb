import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { taskStatusId } from '../../../../test/support/factories.ts';
import { call, setupProduction, type Production } from '../../modules/tasks/tasks.fixtures.ts';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { uuidV7 } from '../db/uuid-v7.ts';
import { createDeps } from '../server.ts';
import { buildApp, type App } from '../http/app.ts';

const EVENT_TIMEOUT_MS = 3000;

let ctx: TestContext;
let p: Production;
let wip: string;
let port: number;
const sockets: Socket[] = [];
const extraApps: Array<{ app: App; handle: DatabaseHandle }> = [];

const portOf = (app: App) => (app.server.address() as AddressInfo).port;

/** A socket.io-client on the /events namespace, as gazu.events connects: Bearer header by default. */
function client(atPort: number, options: { token?: string; auth?: Record<string, unknown> } = {}): Socket {
  const socket = connectClient(`http://127.0.0.1:${atPort}/events`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: options.token ? { authorization: `Bearer ${options.token}` } : {},
    auth: options.auth ?? {},
  });
  sockets.push(socket);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

function refusal(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected although it should be refused')));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

/** Resolves with the first `name` event whose payload matches, or fails after the timeout. */
function nextEvent(socket: Socket, name: string, matches: (data: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
    const listener = (data: Record<string, unknown>) => {
      if (!matches(data)) return;
      clearTimeout(timer);
      socket.off(name, listener);
      resolve(data);
    };
    socket.on(name, listener);
  });
}

/** Everything a socket receives, in order. */
function recorder(socket: Socket): Array<{ name: string; data: Record<string, unknown> }> {
  const received: Array<{ name: string; data: Record<string, unknown> }> = [];
  socket.onAny((name: string, data: Record<string, unknown>) => received.push({ name, data }));
  return received;
}

/** The assigned artist comments on the layout task with a status; the manager on the unassigned animation one. */
const changeStatus = (taskId: string, text: string) =>
  call(ctx, taskId === p.task.id ? p.artist : p.manager, 'POST', `actions/tasks/${taskId}/comment`, { task_status_id: wip, comment: text, checklist: [], links: [] });

/** A second Rushes process on the same database (its own pool, event bus and Socket.IO server). */
async function secondInstance(): Promise<App> {
  const handle = openDatabase(ctx.databaseUrl, { max: 4 });
  const app = await buildApp(await createDeps(ctx.config, handle), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  extraApps.push({ app, handle });
  return app;
}

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  wip = await taskStatusId(ctx, 'wip');
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  port = portOf(ctx.app);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const { app, handle } of extraApps) {
    await app.close();
    await handle.close();
  }
  await ctx?.close();
});

describe('Socket.IO /events (gazu.events)', () => {
  it('a connected artist receives the task:update of a status comment made through the REST API, with its event id', async () => {
    const socket = client(port, { token: p.artist2.token });
    await connected(socket);
    const update = nextEvent(socket, 'task:update', (data) => data.task_id === p.task.id);
    const started = Date.now();
    expect((await changeStatus(p.task.id, 'Blocking started')).status).toBe(201);
    const data = await update;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(data.project_id).toBe(p.project.id);
    const row = await ctx.db.selectFrom('api_event').select(['name', 'project_id']).where('id', '=', data.id as string).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'task:update', project_id: p.project.id });
  });

  it('accepts the token as auth.token too', async () => {
    await connected(client(port, { auth: { token: p.manager.token } }));
  });

  it('refuses a connection without a token, with a bad token, and with a token revoked by logout', async () => {
    expect(await refusal(client(port))).toMatch(/Missing JWT/);
    expect(await refusal(client(port, { token: 'not-a-jwt' }))).not.toBe('');
    const { tokenFor } = await import('../../../../test/support/factories.ts');
    const token = await tokenFor(ctx, p.bystander);
    await connected(client(port, { token }));
    expect((await call(ctx, { token }, 'GET', 'auth/logout')).status).toBe(200);
    expect(await refusal(client(port, { token }))).toMatch(/revoked/i);
  });

  it("an artist does not receive another production's events while an admin does", async () => {
    const outsider = client(port, { token: p.outsider.token });
    const admin = client(port, { token: p.admin.token });
    await Promise.all([connected(outsider), connected(admin)]);
    const seenByOutsider = recorder(outsider);
    const adminUpdate = nextEvent(admin, 'task:update', (data) => data.task_id === p.animTask.id);
    expect((await changeStatus(p.animTask.id, 'Not for the outsider')).status).toBe(201);
    // One delivery pass serves every socket of the process: once the admin has it, the outsider was passed over.
    await adminUpdate;
    expect(seenByOutsider.filter((event) => event.data.project_id === p.project.id)).toEqual([]);
  });

  it('a client that reconnects with last_event_id receives exactly the events it missed, in order, then live ones', async () => {
    const first = client(port, { token: p.artist2.token });
    await connected(first);
    const seen = await Promise.all([nextEvent(first, 'task:update', (data) => data.task_id === p.task.id), changeStatus(p.task.id, 'Before the cut')]);
    const lastEventId = seen[0].id as string;
    first.disconnect();

    expect((await changeStatus(p.task.id, 'Missed one')).status).toBe(201);
    expect((await changeStatus(p.animTask.id, 'Missed two')).status).toBe(201);
    const missed = await ctx.db
      .selectFrom('api_event')
      .select(['id', 'name'])
      .where('id', '>', lastEventId)
      .where((eb) => eb.or([eb('project_id', '=', p.project.id), eb('user_id', '=', p.artist2.id)]))
      .orderBy('id')
      .execute();
    expect(missed.length).toBeGreaterThanOrEqual(2);

    const again = client(port, { token: p.artist2.token, auth: { last_event_id: lastEventId } });
    const received = recorder(again);
    await connected(again);
    const live = nextEvent(again, 'task:update', (data) => data.task_id === p.task.id && !missed.some((event) => event.id === data.id));
    await waitUntil(() => received.length >= missed.length);
    expect(received.slice(0, missed.length).map((event) => ({ id: event.data.id, name: event.name }))).toEqual(missed);

    expect((await changeStatus(p.task.id, 'Live again')).status).toBe(201);
    const liveUpdate = await live;
    expect(received.map((event) => event.data.id).indexOf(liveUpdate.id)).toBeGreaterThanOrEqual(missed.length);
    expect(new Set(received.map((event) => event.data.id)).size).toBe(received.length);
  });
});

describe('several processes on one database', () => {
  it('an event written through instance A reaches a client of instance B (PostgreSQL LISTEN/NOTIFY)', async () => {
    const b = await secondInstance();
    const socket = client(portOf(b), { token: p.artist2.token });
    await connected(socket);
    const update = nextEvent(socket, 'task:update', (data) => data.task_id === p.task.id);
    expect((await changeStatus(p.task.id, 'Written through A')).status).toBe(201);
    expect((await update).project_id).toBe(p.project.id);
  });

  it('with REDIS_URL, the same through the Socket.IO Redis adapter', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    let a: App;
    let b: App;
    try {
      [a, b] = [await secondInstance(), await secondInstance()];
    } finally {
      delete process.env.REDIS_URL;
    }
    const socket = client(portOf(b), { token: p.artist2.token });
    await connected(socket);
    const update = nextEvent(socket, 'task:update', (data) => data.task_id === p.task.id);
    const res = await a.inject({
      method: 'POST',
      url: `/api/actions/tasks/${p.task.id}/comment`,
      headers: { authorization: `Bearer ${p.artist.token}` },
      payload: { task_status_id: wip, comment: 'Written through A, over Redis' },
    });
    expect(res.statusCode).toBe(201);
    expect((await update).project_id).toBe(p.project.id);
  });

  it('with REDIS_URL, an event whose writer died between commit and publish reaches the other processes from the log, and each event arrives once', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    process.env.RUSHES_EVENT_SWEEP_MS = '100';
    let a: App;
    let b: App;
    try {
      [a, b] = [await secondInstance(), await secondInstance()];
    } finally {
      delete process.env.REDIS_URL;
      delete process.env.RUSHES_EVENT_SWEEP_MS;
    }
    const socket = client(portOf(b), { token: p.artist2.token });
    await connected(socket);
    const received = recorder(socket);

    // Committed, never published: the row a writer leaves when it is killed right after its COMMIT.
    const orphanId = uuidV7();
    const orphan = nextEvent(socket, 'task:update', (data) => data.id === orphanId);
    await sql`INSERT INTO api_event (id, name, data, project_id) VALUES (${orphanId}::uuid, 'task:update', ${JSON.stringify({ task_id: p.task.id })}::jsonb, ${p.project.id}::uuid)`.execute(ctx.db);
    expect(await orphan).toMatchObject({ task_id: p.task.id, project_id: p.project.id, id: orphanId });

    // An event that travelled over Redis is not sent again by the sweeps that see it in the log.
    const res = await a.inject({
      method: 'POST',
      url: `/api/actions/tasks/${p.task.id}/comment`,
      headers: { authorization: `Bearer ${p.artist.token}` },
      payload: { task_status_id: wip, comment: 'Once, over Redis' },
    });
    expect(res.statusCode).toBe(201);
    const commentId = (res.json() as { id: string }).id;
    await waitUntil(() => received.some((event) => event.name === 'comment:new' && event.data.comment_id === commentId));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(received.filter((event) => event.name === 'comment:new' && event.data.comment_id === commentId)).toHaveLength(1);
    expect(received.filter((event) => event.data.id === orphanId)).toHaveLength(1);
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  const deadline = Date.now() + EVENT_TIMEOUT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
