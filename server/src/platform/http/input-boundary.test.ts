import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createProject, personWithToken, type TestPerson } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { findNulCharacter, jsonNestingDepth, MAX_JSON_DEPTH } from './input-boundary.ts';

/** The reproducers of hardening findings 1 to 5 (shared/spec/hardening-findings.md), kept as regressions. */

let ctx: TestContext;
let admin: TestPerson & { token: string };
let artist: TestPerson & { token: string };
let projectId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await personWithToken(ctx, 'admin');
  artist = await personWithToken(ctx, 'user');
  projectId = (await createProject(ctx, { team: [{ id: artist.id }] })).id;
});
afterAll(async () => {
  await ctx.close();
});

const json = (token: string) => ({ ...bearer(token), 'content-type': 'application/json' });
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('NUL characters (finding 1)', () => {
  it('refuses a NUL in a body string with a 400 naming the field, for any route', async () => {
    for (const url of ['/api/data/projects', '/api/data/softwares', '/api/data/departments']) {
      const response = await ctx.app.inject({ method: 'POST', url, headers: json(admin.token), payload: '{"name":"\\u0000"}' });
      expect(response.statusCode, url).toBe(400);
      expect(response.json(), url).toMatchObject({ error: true, data: { errors: [{ field: 'name' }] } });
    }
    const nested = await ctx.app.inject({ method: 'POST', url: '/api/data/projects', headers: json(admin.token), payload: '{"name":"ok","data":{"notes":["fine","bad\\u0000"]}}' });
    expect(nested.json()).toMatchObject({ data: { errors: [{ field: 'data.notes.1' }] } });
    const key = await ctx.app.inject({ method: 'POST', url: '/api/data/projects', headers: json(admin.token), payload: '{"name":"ok","data":{"k\\u0000":1}}' });
    expect(key.statusCode).toBe(400);
  });

  it('refuses a NUL in query strings and path parameters', async () => {
    const query = await ctx.app.inject({ url: '/api/data/projects/open?name=%00', headers: bearer(artist.token) });
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ data: { errors: [{ field: 'name' }] } });
    const path = await ctx.app.inject({ url: '/api/data/task-types?name=%00', headers: bearer(artist.token) });
    expect(path.statusCode).toBe(400);
    const param = await ctx.app.inject({ url: `/api/projects/${projectId}/task-statuses/%00`, method: 'DELETE', headers: bearer(admin.token) });
    expect(param.statusCode).toBeGreaterThanOrEqual(400);
    expect(param.statusCode).toBeLessThan(500);
  });

  it('refuses a NUL in a form-encoded login', async () => {
    const response = await ctx.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a%00b&password=x',
    });
    expect(response.statusCode).toBe(400);
  });

  it('still takes the text "\\\\u0000" (an escaped backslash) as ordinary characters', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/data/departments', headers: json(admin.token), payload: '{"name":"dept \\\\u0000 literal","color":"#000000"}' });
    expect(response.statusCode).toBe(201);
    expect(response.json().name).toBe('dept \\u0000 literal');
  });
});

describe('studio routes with a malformed body (finding 2)', () => {
  const bodies: Array<[string, string, number]> = [
    ['invalid JSON', '{bad', 400],
    ['empty', '', 400],
    ['NaN', 'NaN', 400],
    ['__proto__', '{"__proto__":{"x":1}}', 400],
  ];
  const routes = () => [
    { method: 'POST' as const, url: '/api/shots/tasks/bulk' },
    { method: 'POST' as const, url: '/api/assets/tasks/bulk' },
    { method: 'PATCH' as const, url: `/api/projects/${projectId}/task-statuses/reorder` },
    { method: 'POST' as const, url: `/api/projects/${projectId}/task-statuses` },
    { method: 'PUT' as const, url: `/api/projects/${projectId}/task-templates` },
  ];

  it('answers their documented {detail} error, never a failed serialization', async () => {
    for (const route of routes()) {
      for (const [label, payload, status] of bodies) {
        const response = await ctx.app.inject({ ...route, headers: json(artist.token), payload });
        expect(response.statusCode, `${route.url} ${label}`).toBe(status);
        const body = response.json();
        expect(typeof body.detail, `${route.url} ${label}`).toBe('string');
        expect(body).toMatchObject({ error: true });
        expect(response.body).not.toContain('FST_ERR');
      }
    }
  });

  it('answers 413 with {detail} to a 3 MB body', async () => {
    const payload = `{"shot_ids":["${'x'.repeat(3 * 1024 * 1024)}"],"task_types":[]}`;
    for (const route of routes()) {
      const response = await ctx.app.inject({ ...route, headers: json(artist.token), payload });
      expect(response.statusCode, route.url).toBe(413);
      expect(typeof response.json().detail).toBe('string');
    }
  });
});

describe('deeply nested JSON (finding 3) and stored depth (finding 5)', () => {
  it('refuses a 10,000-deep array on the v1 routes, casting and the ShotGrid errors', async () => {
    const routes = [
      { method: 'POST' as const, url: '/api/v1/organizations' },
      { method: 'POST' as const, url: '/api/import/shotgun/errors' },
      { method: 'PUT' as const, url: `/api/data/projects/${projectId}/entities/${projectId}/casting` },
    ];
    for (const route of routes) {
      const response = await ctx.app.inject({ ...route, headers: json(artist.token), payload: deepArray(10_000) });
      expect(response.statusCode, route.url).toBe(400);
      expect(response.body).toContain(`deeper than the ${MAX_JSON_DEPTH} levels allowed`);
    }
  });

  it('refuses a 100,000-deep or 2,000-deep data on your own person, so listing persons keeps working', async () => {
    for (const depth of [100_000, 2_000]) {
      const response = await ctx.app.inject({ method: 'PUT', url: `/api/data/persons/${artist.id}`, headers: json(artist.token), payload: `{"data":${deepObject(depth)}}` });
      expect(response.statusCode, String(depth)).toBe(400);
    }
    const shallow = await ctx.app.inject({ method: 'PUT', url: `/api/data/persons/${artist.id}`, headers: json(artist.token), payload: `{"data":${deepObject(MAX_JSON_DEPTH - 1)}}` });
    expect(shallow.statusCode).toBe(200);
    const list = await ctx.app.inject({ url: '/api/data/persons', headers: bearer(admin.token) });
    expect(list.statusCode).toBe(200);
    expect(jsonNestingDepth(list.body, 1000)).toBeLessThanOrEqual(MAX_JSON_DEPTH + 1);
  });
});

describe('multipart without a boundary (finding 4)', () => {
  it('answers 400 on the comment route instead of a 500', async () => {
    const task = '00000000-0000-4000-8000-000000000001';
    const response = await ctx.app.inject({
      method: 'POST', url: `/api/actions/tasks/${task}/comment`, headers: { ...bearer(artist.token), 'content-type': 'multipart/form-data' }, payload: 'x',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('A multipart/form-data body needs a boundary in its Content-Type header.');
  });
});

describe('helpers', () => {
  it('counts nesting without being fooled by brackets inside strings', () => {
    expect(jsonNestingDepth('{"a":"[[[[{{{{","b":[1,[2]]}', 10)).toBe(3);
    expect(jsonNestingDepth('"\\"[["', 10)).toBe(0);
    expect(jsonNestingDepth(deepArray(50), 10)).toBe(11);
  });

  it('finds the path of the first NUL, in values and keys', () => {
    expect(findNulCharacter({ a: [{ b: 'x' }, { c: 'y\u0000' }] })).toBe('a.1.c');
    expect(findNulCharacter({ ok: 'fine', list: [1, null, true] })).toBeNull();
    expect(findNulCharacter({ 'k\u0000': 1 })).toBe('k\\u0000');
  });
});
