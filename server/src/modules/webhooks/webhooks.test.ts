import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { uuidV7Floor } from '../../platform/db/uuid-v7.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createAssetEntity, createProject, createTaskType, personWithToken } from '../../../../test/support/factories.ts';
import { waitFor } from '../../../../test/support/wait.ts';
import { call, type Caller } from '../tasks/tasks.fixtures.ts';

/**
 * Outgoing webhooks over the real app, database and job worker, delivering to a real HTTP server of
 * the test's own: what the routes answer and to whom, and what a target receives, signed, retried
 * with backoff and logged.
 */

const RETRY_BASE_MS = 300;
const MAX_ATTEMPTS = 3;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

interface Hook {
  id: string;
  project_id: string | null;
  url: string;
  events: string[];
  active: boolean;
  secret?: string;
  last_delivery: { status: string; response_status: number | null } | null;
}

interface Delivery {
  id: string;
  event_id: string;
  event_name: string;
  status: string;
  attempts: number;
  response_status: number | null;
  duration_ms: number | null;
  error: string | null;
  redelivery_of: string | null;
  attempt_log: Array<{ attempt: number; response_status: number | null; succeeded: boolean; error: string | null; duration_ms: number }>;
}

interface Page {
  deliveries: Delivery[];
  next_before: string | null;
}

let ctx: TestContext;
let receiver: http.Server;
let target: string;
const received: Received[] = [];
let admin: Caller;
let manager: Caller;
let artist: Caller;
let project: { id: string };
let otherProject: { id: string };
let assetTaskType: string;

beforeAll(async () => {
  // The test's receiver listens on loopback: this one address is allowed, as a studio would allow its
  // own servers (RUSHES_WEBHOOK_ALLOW_PRIVATE=127.0.0.1); every other private address stays refused.
  const webhooks = { ...loadConfig({ RUSHES_WEBHOOK_ALLOW_PRIVATE: '127.0.0.1' }).webhooks, timeoutMs: 3000, maxAttempts: MAX_ATTEMPTS, retryBaseMs: RETRY_BASE_MS };
  ctx = await createTestContext({ webhooks });
  ctx.deps.jobs.start();
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      if (path.startsWith('/fail')) response.writeHead(500, { 'content-type': 'text/plain' }).end('boom: the render farm is down');
      else if (path.startsWith('/redirect')) response.writeHead(302, { location: 'http://elsewhere.invalid/' }).end();
      else response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  admin = await personWithToken(ctx, 'admin');
  manager = await personWithToken(ctx, 'manager');
  artist = await personWithToken(ctx, 'user');
  project = await createProject(ctx, { team: [{ id: manager.id }, { id: artist.id }] });
  otherProject = await createProject(ctx);
  assetTaskType = (await createTaskType(ctx, { forEntity: 'Asset' })).id;
});

afterAll(async () => {
  await ctx?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

const createHook = async (body: Record<string, unknown>) => {
  const res = await call<Hook>(ctx, admin, 'POST', 'data/webhooks', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

/** Records one event the way every route does, in a transaction of its own. */
const recordEvent = (name: string, projectId: string | null, data: Record<string, unknown> = {}) =>
  inTransaction(ctx.deps, async (_tx, events) => {
    events.push({ name, data, projectId, actorId: admin.id });
  });

const deliveriesOf = async (hookId: string, query = '') => (await call<Page>(ctx, admin, 'GET', `data/webhooks/${hookId}/deliveries${query}`)).body;

const settled = (hookId: string, count: number) =>
  waitFor(async () => {
    const { deliveries } = await deliveriesOf(hookId);
    return deliveries.length >= count && deliveries.every((d) => d.status !== 'pending') ? deliveries : undefined;
  }, { what: `${count} settled deliveries of ${hookId}`, timeoutMs: 20_000 });

const requestsTo = (path: string) => received.filter((request) => request.path === path);

describe('registering webhooks', () => {
  it('creates a hook with its secret shown once, lists, reads, changes, rotates and deletes it', async () => {
    const created = await createHook({ url: `${target}/shapes`, events: ['task:new', 'comment:*'], project_id: project.id });
    expect(Object.keys(created).sort()).toEqual(
      ['active', 'created_at', 'created_by', 'events', 'id', 'last_delivery', 'project_id', 'secret', 'secret_rotated_at', 'updated_at', 'url'],
    );
    expect(created).toMatchObject({ url: `${target}/shapes`, events: ['task:new', 'comment:*'], project_id: project.id, active: true, created_by: admin.id, last_delivery: null });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const list = await call<Hook[]>(ctx, admin, 'GET', 'data/webhooks');
    expect(list.status).toBe(200);
    const listed = list.body.find((hook) => hook.id === created.id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('secret');
    const one = await call<Hook>(ctx, admin, 'GET', `data/webhooks/${created.id}`);
    expect(one.body).not.toHaveProperty('secret');
    expect((await call<Hook[]>(ctx, admin, 'GET', `data/webhooks?project_id=${otherProject.id}`)).body.some((hook) => hook.id === created.id)).toBe(false);
    expect((await call<Hook[]>(ctx, admin, 'GET', 'data/webhooks?project_id=studio')).body.some((hook) => hook.id === created.id)).toBe(false);

    const changed = await call<Hook>(ctx, admin, 'PUT', `data/webhooks/${created.id}`, { events: ['task:*'], active: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ events: ['task:*'], active: false, url: `${target}/shapes` });
    expect(changed.body).not.toHaveProperty('secret');

    const rotated = await call<Hook & { secret_rotated_at: string | null }>(ctx, admin, 'POST', `data/webhooks/${created.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);
    expect(rotated.body.secret_rotated_at).not.toBeNull();

    const audit = await ctx.db.selectFrom('audit_event').select(['action', 'before', 'after']).where('object_id', '=', created.id).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'rotate-secret']);
    expect(JSON.stringify(audit)).not.toContain('whsec_');

    expect((await call(ctx, admin, 'DELETE', `data/webhooks/${created.id}`)).status).toBe(204);
    const gone = await call(ctx, admin, 'GET', `data/webhooks/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: true });
  });

  it('is for admins only: managers and artists get 403 on every route, anonymous callers 401', async () => {
    const hook = await createHook({ url: `${target}/perm`, events: ['*'], active: false });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const routes: Array<[string, 'GET' | 'POST' | 'PUT' | 'DELETE', unknown?]> = [
      ['data/webhooks', 'GET'],
      ['data/webhooks', 'POST', { url: `${target}/x`, events: ['*'] }],
      [`data/webhooks/${hook.id}`, 'GET'],
      [`data/webhooks/${hook.id}`, 'PUT', { active: true }],
      [`data/webhooks/${hook.id}`, 'DELETE'],
      [`data/webhooks/${hook.id}/rotate-secret`, 'POST'],
      [`data/webhooks/${hook.id}/deliveries`, 'GET'],
      [`data/webhooks/${hook.id}/deliveries/${unknown}/redeliver`, 'POST'],
      [`data/webhooks/${unknown}`, 'GET'],
    ];
    for (const caller of [manager, artist]) {
      for (const [path, method, body] of routes) {
        const res = await call(ctx, caller, method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body).toMatchObject({ error: true, message: expect.any(String) });
      }
    }
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/data/webhooks' });
    expect(anonymous.statusCode).toBe(401);
    expect((await call(ctx, admin, 'GET', `data/webhooks/${hook.id}`)).body).toMatchObject({ active: false });
  });

  it('refuses bad input with JSON errors: 400 for the schema, 422 for a refused URL or production, 404 for unknown ids', async () => {
    const expectError = async (method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, status: number, message?: RegExp) => {
      const res = await call<{ error: boolean; message: string }>(ctx, admin, method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error).toBe(true);
      if (message) expect(res.body.message).toMatch(message);
    };
    await expectError('POST', 'data/webhooks', { events: ['*'] }, 400, /url/);
    await expectError('POST', 'data/webhooks', { url: `${target}/x`, events: [] }, 400);
    await expectError('POST', 'data/webhooks', { url: `${target}/x`, events: ['task'] }, 400);
    await expectError('POST', 'data/webhooks', { url: `${target}/x`, events: ['*'], secret: 'mine' }, 400, /secret/);
    await expectError('POST', 'data/webhooks', { url: 'ftp://files.studio.example/hook', events: ['*'] }, 422, /http/);
    await expectError('POST', 'data/webhooks', { url: 'file:///etc/passwd', events: ['*'] }, 422, /http/);
    await expectError('POST', 'data/webhooks', { url: 'http://bot:hunter2@127.0.0.1/hook', events: ['*'] }, 422, /password/);
    await expectError('POST', 'data/webhooks', { url: 'not a url', events: ['*'] }, 422, /not valid/);
    await expectError('POST', 'data/webhooks', { url: `${target}/x`, events: ['*'], project_id: '00000000-0000-4000-8000-000000000000' }, 422, /production/);
    // Private addresses the setting does not allow: the cloud metadata endpoint, the studio's LAN,
    // IPv6 loopback, an IPv4 address written as IPv6, and a name resolving to loopback over IPv6.
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.12:8080/hook', 'http://[::1]/hook', 'http://[::ffff:10.0.0.1]/hook']) {
      await expectError('POST', 'data/webhooks', { url, events: ['*'] }, 422, /private address .*RUSHES_WEBHOOK_ALLOW_PRIVATE/);
    }

    const hook = await createHook({ url: `${target}/bad-input`, events: ['*'], active: false });
    await expectError('PUT', `data/webhooks/${hook.id}`, {}, 400);
    await expectError('PUT', `data/webhooks/${hook.id}`, { url: 'javascript:alert(1)' }, 422);
    await expectError('PUT', `data/webhooks/${hook.id}`, { url: 'http://192.168.1.20/hook' }, 422, /private address \(192\.168\.1\.20\)/);
    expect((await call<Hook>(ctx, admin, 'GET', `data/webhooks/${hook.id}`)).body.url).toBe(`${target}/bad-input`);
    await expectError('PUT', 'data/webhooks/00000000-0000-4000-8000-000000000000', { active: true }, 404);
    await expectError('GET', 'data/webhooks/not-an-id', undefined, 404);
    await expectError('GET', `data/webhooks/${hook.id}/deliveries?limit=0`, undefined, 400);
    await expectError('GET', `data/webhooks/${hook.id}/deliveries?before=yesterday`, undefined, 400);
    await expectError('POST', `data/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`, undefined, 404);
    await expectError('GET', 'data/webhooks/00000000-0000-4000-8000-000000000000/deliveries', undefined, 404);
  });
});

describe('delivering events', () => {
  it('POSTs a matching event once its transaction commits, signed, with the event headers', async () => {
    const hook = await createHook({ url: `${target}/ok`, events: ['task:*'], project_id: project.id });
    const shotsOnly = await createHook({ url: `${target}/shots-only`, events: ['shot:new'] });
    const elsewhere = await createHook({ url: `${target}/elsewhere`, events: ['*'], project_id: otherProject.id });

    // A real route: an admin creates a task, which records task:new in its transaction.
    const asset = await createAssetEntity(ctx, project.id);
    const created = await call<{ id: string }>(ctx, admin, 'POST', 'data/tasks', { entity_id: asset.id, task_type_id: assetTaskType });
    expect(created.status).toBe(201);

    const [delivery] = await settled(hook.id, 1);
    expect(delivery).toMatchObject({ event_name: 'task:new', status: 'succeeded', attempts: 1, response_status: 204, error: null, redelivery_of: null });
    expect(delivery!.attempt_log).toEqual([expect.objectContaining({ attempt: 1, response_status: 204, succeeded: true, error: null })]);

    const [request] = requestsTo('/ok');
    expect(request).toBeDefined();
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-rushes-event']).toBe('task:new');
    expect(request!.headers['x-rushes-delivery']).toBe(delivery!.id);
    const timestamp = String(request!.headers['x-rushes-timestamp']);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const expected = `sha256=${createHmac('sha256', hook.secret!).update(`${timestamp}.${request!.body}`).digest('hex')}`;
    expect(request!.headers['x-rushes-signature']).toBe(expected);

    const event = await ctx.db.selectFrom('api_event').select(['id', 'name', 'created_at', 'project_id', 'data']).where('id', '=', delivery!.event_id).executeTakeFirstOrThrow();
    expect(JSON.parse(request!.body)).toEqual({ id: event.id, name: 'task:new', created_at: event.created_at, project_id: project.id, data: event.data });
    expect(event.data).toMatchObject({ task_id: created.body.id });

    // The other hooks' filters or productions did not match it.
    expect((await deliveriesOf(shotsOnly.id)).deliveries).toEqual([]);
    expect((await deliveriesOf(elsewhere.id)).deliveries).toEqual([]);
    const listed = (await call<Hook[]>(ctx, admin, 'GET', 'data/webhooks')).body.find((h) => h.id === hook.id);
    expect(listed?.last_delivery).toMatchObject({ status: 'succeeded', response_status: 204 });
    for (const id of [hook.id, shotsOnly.id, elsewhere.id]) await call(ctx, admin, 'PUT', `data/webhooks/${id}`, { active: false });
  });

  it('makes no delivery for an event whose transaction rolled back, nor for an inactive hook', async () => {
    const hook = await createHook({ url: `${target}/rollback`, events: ['rollback:*'] });
    const off = await createHook({ url: `${target}/off`, events: ['rollback:*'], active: false });
    await expect(inTransaction(ctx.deps, async (_tx, events) => {
      events.push({ name: 'rollback:new', data: {}, projectId: null });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    // The record step runs at the end of the work: a failing work never reaches it, so fail after it too.
    await expect(ctx.db.transaction().execute(async (tx) => {
      await ctx.deps.events.record(tx, [{ name: 'rollback:new', data: {}, projectId: null }]);
      throw new Error('rolled back after recording');
    })).rejects.toThrow('rolled back after recording');
    expect(await ctx.db.selectFrom('webhook_delivery').select('id').where('webhook_id', 'in', [hook.id, off.id]).execute()).toEqual([]);
    await recordEvent('rollback:new', null);
    expect((await settled(hook.id, 1)).map((d) => d.status)).toEqual(['succeeded']);
    expect((await deliveriesOf(off.id)).deliveries).toEqual([]);
    await call(ctx, admin, 'PUT', `data/webhooks/${hook.id}`, { active: false });
  });

  it('keeps an event committed while no worker runs in the job table, and sends it once one starts', async () => {
    const hook = await createHook({ url: `${target}/later`, events: ['later:new'] });
    // As if the process had died right after the commit: no worker, nothing in memory.
    await ctx.deps.jobs.stop();
    try {
      await recordEvent('later:new', null);
      const [pending] = (await deliveriesOf(hook.id)).deliveries;
      expect(pending).toMatchObject({ status: 'pending', attempts: 0 });
      const job = await ctx.db.selectFrom('job').select(['state']).where(sql<boolean>`payload->>'delivery_id' = ${pending!.id}`).executeTakeFirstOrThrow();
      expect(job.state).toBe('pending');
      expect(requestsTo('/later')).toEqual([]);
    } finally {
      ctx.deps.jobs.start();
    }
    expect((await settled(hook.id, 1)).map((d) => d.status)).toEqual(['succeeded']);
    expect(requestsTo('/later')).toHaveLength(1);
    await call(ctx, admin, 'PUT', `data/webhooks/${hook.id}`, { active: false });
  });

  it('retries a failing target with exponential backoff, then logs the delivery as failed with its code', async () => {
    const hook = await createHook({ url: `${target}/fail`, events: ['farm:down'] });
    await recordEvent('farm:down', null, { node: 'render-07' });
    const [delivery] = await settled(hook.id, 1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, response_status: 500 });
    expect(delivery!.error).toBe('HTTP 500: boom: the render farm is down');
    expect(delivery!.attempt_log.map((a) => [a.attempt, a.response_status, a.succeeded])).toEqual([[1, 500, false], [2, 500, false], [3, 500, false]]);

    const attempts = requestsTo('/fail');
    expect(attempts).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(attempts.map((a) => a.headers['x-rushes-delivery']))).toEqual(new Set([delivery!.id]));
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    // At least base, then 2 × base between the attempts (a busy machine only adds to them).
    const gaps = attempts.slice(1).map((a, index) => a.at - attempts[index]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(RETRY_BASE_MS - 20);
    expect(gaps[1]).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS - 20);
    const runAts = await ctx.db.selectFrom('job').select(['attempts', 'state']).where(sql<boolean>`payload->>'delivery_id' = ${delivery!.id}`).execute();
    expect(runAts).toEqual([{ attempts: MAX_ATTEMPTS, state: 'completed' }]);
    await call(ctx, admin, 'PUT', `data/webhooks/${hook.id}`, { active: false });
  });

  it('does not follow a redirect: the delivery fails with the 3xx code', async () => {
    const hook = await createHook({ url: `${target}/redirect`, events: ['redirect:test'] });
    await recordEvent('redirect:test', null);
    const [delivery] = await settled(hook.id, 1);
    expect(delivery).toMatchObject({ status: 'failed', response_status: 302 });
    expect(delivery!.error).toMatch(/^HTTP 302 \(redirects are not followed/);
    await call(ctx, admin, 'PUT', `data/webhooks/${hook.id}`, { active: false });
  });

  it('checks the address again when sending: a hook whose target became a refused private address fails at once, unsent', async () => {
    const hook = await createHook({ url: `${target}/moved`, events: ['moved:test'] });
    // As if registered under an earlier, wider RUSHES_WEBHOOK_ALLOW_PRIVATE.
    await ctx.db.updateTable('webhook').set({ url: 'http://10.0.0.12:8080/moved' }).where('id', '=', hook.id).execute();
    await recordEvent('moved:test', null);
    const [delivery] = await settled(hook.id, 1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, response_status: null });
    expect(delivery!.error).toMatch(/^The URL points at a private address \(10\.0\.0\.12\)/);
    expect(requestsTo('/moved')).toHaveLength(0);
    await call(ctx, admin, 'PUT', `data/webhooks/${hook.id}`, { active: false });
  });

  it('redelivers a logged delivery as a new one, signed with the current secret; 409 while the hook is off', async () => {
    const hook = await createHook({ url: `${target}/again`, events: ['again:*'] });
    await recordEvent('again:new', null, { n: 1 });
    const [first] = await settled(hook.id, 1);
    expect(first!.status).toBe('succeeded');

    const rotated = await call<Hook>(ctx, admin, 'POST', `data/webhooks/${hook.id}/rotate-secret`);
    const res = await call<Delivery>(ctx, admin, 'POST', `data/webhooks/${hook.id}/deliveries/${first!.id}/redeliver`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'pending', redelivery_of: first!.id, event_id: first!.event_id, attempts: 0, attempt_log: [] });
    const deliveries = await settled(hook.id, 2);
    expect(deliveries[0]).toMatchObject({ id: res.body.id, status: 'succeeded', redelivery_of: first!.id });

    const [original, again] = requestsTo('/again');
    expect(again!.headers['x-rushes-delivery']).toBe(res.body.id);
    expect(again!.body).toBe(original!.body);
    const timestamp = String(again!.headers['x-rushes-timestamp']);
    expect(again!.headers['x-rushes-signature']).toBe(`sha256=${createHmac('sha256', rotated.body.secret!).update(`${timestamp}.${again!.body}`).digest('hex')}`);

    await call(ctx, admin, 'PUT', `data/webhooks/${hook.id}`, { active: false });
    const refused = await call(ctx, admin, 'POST', `data/webhooks/${hook.id}/deliveries/${first!.id}/redeliver`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: true });
    const other = await createHook({ url: `${target}/other`, events: ['*'], active: false });
    expect((await call(ctx, admin, 'POST', `data/webhooks/${other.id}/deliveries/${first!.id}/redeliver`)).status).toBe(404);
  });

  it('keeps a hook\'s log to the last RUSHES_WEBHOOK_LOG_DAYS days (30): each settled delivery trims the older ones', async () => {
    const hook = await createHook({ url: `${target}/trim`, events: ['trim:test'] });
    const event = await ctx.db.selectFrom('api_event').select('id').limit(1).executeTakeFirstOrThrow();
    const day = 86_400_000;
    const [old, recent] = [uuidV7Floor(Date.now() - 31 * day), uuidV7Floor(Date.now() - 2 * day)];
    await ctx.db.insertInto('webhook_delivery').values([old, recent].map((id) => ({ id, webhook_id: hook.id, event_id: event.id, event_name: 'trim:test', status: 'succeeded', attempts: 1 }))).execute();
    await recordEvent('trim:test', null);
    const deliveries = await settled(hook.id, 2);
    expect(deliveries.map((delivery) => delivery.id)).not.toContain(old);
    expect(deliveries.map((delivery) => delivery.id)).toContain(recent);
    expect(deliveries).toHaveLength(2);
    await call(ctx, admin, 'PUT', `data/webhooks/${hook.id}`, { active: false });
  });

  it('pages the delivery log newest first with limit and before', async () => {
    const hook = await createHook({ url: `${target}/pages`, events: ['page:new'] });
    for (let n = 1; n <= 3; n += 1) await recordEvent('page:new', null, { n });
    const all = await settled(hook.id, 3);
    const first = await deliveriesOf(hook.id, '?limit=2');
    expect(first.deliveries.map((d) => d.id)).toEqual(all.slice(0, 2).map((d) => d.id));
    expect(first.next_before).toBe(all[1]!.id);
    const second = await deliveriesOf(hook.id, `?limit=2&before=${first.next_before}`);
    expect(second.deliveries.map((d) => d.id)).toEqual([all[2]!.id]);
    expect(second.next_before).toBeNull();
    const numbers = all.map((d) => JSON.parse(requestsTo('/pages').find((r) => r.headers['x-rushes-delivery'] === d.id)!.body).data.n);
    expect(numbers).toEqual([3, 2, 1]);
    await call(ctx, admin, 'PUT', `data/webhooks/${hook.id}`, { active: false });
  });
});

describe('OpenAPI document', () => {
  it('declares every webhook route with its schemas and error responses', async () => {
    const document = (await ctx.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>> }>();
    const expected: Array<[string, string, string]> = [
      ['/api/data/webhooks', 'get', '200'],
      ['/api/data/webhooks', 'post', '201'],
      ['/api/data/webhooks/{webhook_id}', 'get', '200'],
      ['/api/data/webhooks/{webhook_id}', 'put', '200'],
      ['/api/data/webhooks/{webhook_id}', 'delete', '204'],
      ['/api/data/webhooks/{webhook_id}/rotate-secret', 'post', '200'],
      ['/api/data/webhooks/{webhook_id}/deliveries', 'get', '200'],
      ['/api/data/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver', 'post', '202'],
    ];
    for (const [path, method, success] of expected) {
      const operation = document.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(Object.keys(operation!.responses).sort()).toEqual([success, '400', '403', '404', '409', '422'].sort());
    }
    expect(document.paths['/api/data/webhooks']!.post!.requestBody).toBeDefined();
  });
});
