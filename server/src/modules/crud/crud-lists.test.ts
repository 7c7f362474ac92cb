import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer, createAssetEntity, createDepartment, createPerson, createProject, createTaskType, createTestTask, personWithToken,
  uniqueSuffix,
} from '../../../../test/support/factories.ts';

/** `GET data/<collection>`: filters, pagination, relations, fields and hidden columns (§3.2). */

let ctx: TestContext;
let adminHeaders: Record<string, string>;
let artistHeaders: Record<string, string>;
let artistId: string;
const tag = uniqueSuffix();

async function get(url: string, headers = adminHeaders) {
  const res = await ctx.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, body: res.json() as unknown };
}
const names = (rows: unknown) => (rows as Array<{ name: string }>).map((row) => row.name).sort();

beforeAll(async () => {
  ctx = await createTestContext();
  const admin = await personWithToken(ctx, 'admin');
  const artist = await personWithToken(ctx, 'user');
  adminHeaders = bearer(admin.token);
  artistHeaders = bearer(artist.token);
  artistId = artist.id;
  for (const [name, archived] of [[`Anim-${tag}`, false], [`Animation-${tag}`, true], [`Layout-${tag}`, false]] as const) {
    await ctx.db.insertInto('department').values({ name, color: '#111111', archived }).execute();
  }
});

afterAll(async () => {
  await ctx.close();
});

describe('filters', () => {
  it('filters name case-insensitively with SQL wildcards', async () => {
    expect(names((await get(`/api/data/departments?name=anim-${tag}`)).body)).toEqual([`Anim-${tag}`]);
    expect(names((await get(`/api/data/departments?name=ANIM%25-${tag}`)).body)).toEqual([`Anim-${tag}`, `Animation-${tag}`]);
  });

  it('reads a JSON array as an IN list, and refuses a malformed one', async () => {
    const body = (await get(`/api/data/departments?name=${encodeURIComponent(JSON.stringify([`Anim-${tag}`, `Layout-${tag}`]))}`)).body;
    expect(names(body)).toEqual([`Anim-${tag}`, `Layout-${tag}`]);
    const bad = await get(`/api/data/departments?name=${encodeURIComponent('["x",')}`);
    expect(bad).toEqual({ status: 400, body: { error: true, message: 'Malformed list filter for field name.', data: null } });
  });

  it('accepts Zou boolean spellings and refuses others', async () => {
    for (const value of ['true', 'Yes', 'on', '1', 't', 'y']) {
      expect(names((await get(`/api/data/departments?name=%25${tag}&archived=${value}`)).body), value).toEqual([`Animation-${tag}`]);
    }
    for (const value of ['false', 'No', 'off', '0', 'f', 'n']) {
      expect(names((await get(`/api/data/departments?name=%25${tag}&archived=${value}`)).body), value).toEqual([`Anim-${tag}`, `Layout-${tag}`]);
    }
    const bad = await get('/api/data/departments?archived=maybe');
    expect(bad).toMatchObject({ status: 400, body: { message: 'Invalid boolean value: maybe' } });
  });

  it('validates UUID columns and reports values the database cannot cast', async () => {
    expect(await get('/api/data/tasks?project_id=not-a-uuid')).toMatchObject({ status: 400, body: { message: 'Invalid UUID value: not-a-uuid' } });
    const cast = await get('/api/data/tasks?priority=high');
    expect(cast).toMatchObject({ status: 400, body: { message: 'Validation error: priority must be an integer.' } });
  });

  // Hardening finding 6: values of the wrong kind answered with PostgreSQL's own text.
  it('parses filter values by their column kind before SQL and never answers with PostgreSQL text', async () => {
    const cases: Array<[string, string]> = [
      ['/api/data/tasks?due_date=not-a-date', 'due_date must be a date-time'],
      ['/api/data/tasks?due_date=2024-13-45T99:00:00', 'due_date must be a date-time'],
      ['/api/data/tasks?created_at=99999-01-01', 'created_at must be a date-time'],
      ['/api/data/tasks?priority=99999999999', 'priority must be an integer between'],
      ['/api/data/tasks?priority=1.5', 'priority must be an integer'],
      ['/api/data/tasks?duration=abc', 'duration must be a number'],
      ['/api/data/projects?data=%7Bbad', 'data must be JSON'],
      ['/api/data/projects?start_date=2024-02-30', 'start_date must be a date (YYYY-MM-DD)'],
    ];
    for (const [url, message] of cases) {
      const response = await get(url);
      expect(response.status, url).toBe(400);
      const text = JSON.stringify(response.body);
      expect(text, url).toContain(message);
      expect(text, url).not.toMatch(/invalid input syntax|out of range|date\/time field/);
    }
    // Valid values of each kind still filter.
    expect((await get('/api/data/tasks?due_date=2024-01-05T10:00:00')).status).toBe(200);
    expect((await get('/api/data/projects?start_date=2024-02-29')).status).toBe(200);
    expect((await get('/api/data/tasks?priority=-3')).status).toBe(200);
  });

  it('bounds page and limit instead of passing 1e+22 to SQL', async () => {
    expect(await get('/api/data/departments?page=99999999999999999999')).toMatchObject({ status: 400, body: { message: 'page must be at most 2147483647.' } });
    expect(await get('/api/data/departments?page=1&limit=1000001')).toMatchObject({ status: 400, body: { message: 'limit must be at most 100000.' } });
    expect((await get('/api/data/departments?page=2147483647&limit=100000')).body).toMatchObject({ data: [], page: 2147483647 });
  });

  it('filters on many-to-many relations: tasks by assignee, persons by department', async () => {
    const project = await createProject(ctx);
    const type = await createTaskType(ctx, { forEntity: 'Asset' });
    const assigned = await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: type.id, assignees: [artistId] });
    await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: type.id });
    const tasks = (await get(`/api/data/tasks?assignees=${artistId}`)).body as Array<{ id: string }>;
    expect(tasks.map((t) => t.id)).toEqual([assigned.id]);
    const dept = await createDepartment(ctx, { members: [artistId] });
    const persons = (await get(`/api/data/persons?departments=${dept.id}`)).body as Array<{ id: string }>;
    expect(persons.map((p) => p.id)).toEqual([artistId]);
    expect((await get('/api/data/persons?departments=nope')).status).toBe(400);
  });

  it('filters persons on full_name and ignores unknown keys', async () => {
    const person = await createPerson(ctx, { firstName: `Ada${tag}`, lastName: 'Lovelace' });
    const found = (await get(`/api/data/persons?full_name=ada${tag}%20lovelace&unknown_key=1`)).body as Array<{ id: string }>;
    expect(found.map((p) => p.id)).toEqual([person.id]);
  });
});

describe('pagination', () => {
  it('returns a bare array without page, and the page object with it', async () => {
    expect(Array.isArray((await get('/api/data/departments')).body)).toBe(true);
    const page = await get(`/api/data/departments?name=%25${tag}&page=1&limit=2`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 3, nb_pages: 2, limit: 2, offset: 0, page: 1 });
    expect((page.body as { data: unknown[] }).data).toHaveLength(2);
    const second = await get(`/api/data/departments?name=%25${tag}&page=2&limit=2`);
    expect(second.body).toMatchObject({ total: 3, nb_pages: 2, limit: 2, offset: 2, page: 2 });
    expect((second.body as { data: unknown[] }).data).toHaveLength(1);
  });

  it('orders pages by most recently updated first', async () => {
    const [first] = (await get(`/api/data/departments?name=Layout-${tag}`)).body as Array<{ id: string }>;
    await ctx.db.updateTable('department').set({ updated_at: '2099-01-01T00:00:00' }).where('id', '=', first!.id).execute();
    const page = (await get(`/api/data/departments?name=%25${tag}&page=1&limit=1`)).body as { data: Array<{ id: string }> };
    expect(page.data[0]!.id).toBe(first!.id);
  });

  it('answers an empty page with the counts for page 0 and past the end', async () => {
    for (const pageNumber of [0, 9]) {
      const body = (await get(`/api/data/departments?name=%25${tag}&page=${pageNumber}&limit=2`)).body;
      expect(body).toMatchObject({ data: [], total: 3, nb_pages: 2, limit: 2, page: pageNumber });
    }
  });

  it('refuses non-integer page and limit', async () => {
    expect(await get('/api/data/departments?page=abc')).toMatchObject({ status: 400, body: { message: 'page must be an integer.' } });
    expect(await get('/api/data/departments?page=1&limit=ten')).toMatchObject({ status: 400, body: { message: 'limit must be an integer.' } });
  });
});

describe('relations and fields', () => {
  it('adds many-to-many id arrays with relations=true only', async () => {
    const dept = await createDepartment(ctx);
    const person = await createPerson(ctx);
    await ctx.db.insertInto('department_link').values({ person_id: person.id, department_id: dept.id }).execute();
    const plain = (await get(`/api/data/persons?id=${person.id}`)).body as Array<Record<string, unknown>>;
    expect(plain[0]).not.toHaveProperty('departments');
    const withRelations = (await get(`/api/data/persons?id=${person.id}&relations=true`)).body as Array<Record<string, unknown>>;
    expect(withRelations[0]!.departments).toEqual([dept.id]);
    const single = (await get(`/api/data/persons/${person.id}`)).body as Record<string, unknown>;
    expect(single.departments).toEqual([dept.id]);
  });

  it('keeps only the requested fields, plus id and type', async () => {
    const rows = (await get(`/api/data/departments?name=Anim-${tag}&fields=name,color`)).body as Array<Record<string, unknown>>;
    expect(Object.keys(rows[0]!).sort()).toEqual(['color', 'id', 'name', 'type']);
  });
});

describe('hidden columns', () => {
  const secrets = ['password', 'jti', 'login_failed_attemps', 'last_login_failed'];
  const leaks = (value: unknown) => secrets.filter((key) => JSON.stringify(value).includes(`"${key}"`));

  it('never returns secrets: list, get, fields=password, create, update', async () => {
    const person = await createPerson(ctx);
    await ctx.db.updateTable('person').set({ jti: `jti-${tag}` }).where('id', '=', person.id).execute();
    expect(leaks((await get('/api/data/persons')).body)).toEqual([]);
    expect(leaks((await get('/api/data/persons?page=1&relations=true')).body)).toEqual([]);
    expect(leaks((await get(`/api/data/persons/${person.id}`)).body)).toEqual([]);
    expect(leaks((await get(`/api/data/persons?fields=password,jti,first_name`)).body)).toEqual([]);
    const created = await ctx.app.inject({
      method: 'POST', url: '/api/data/persons', headers: adminHeaders,
      payload: { first_name: 'Sec', last_name: 'Ret', email: `sec-${tag}@studio.test`, password: 'long-enough-password' },
    });
    expect(created.statusCode).toBe(201);
    expect(leaks(created.json())).toEqual([]);
    const updated = await ctx.app.inject({ method: 'PUT', url: `/api/data/persons/${person.id}`, headers: adminHeaders, payload: { phone: '123', password: 'x' } });
    expect(updated.statusCode).toBe(200);
    expect(leaks(updated.json())).toEqual([]);
    const stored = await ctx.db.selectFrom('person').select('password').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(stored.password).toMatch(/^\$argon2/);
  });

  it('refuses filtering on secrets, and non-admins on columns outside the person whitelist', async () => {
    expect(await get('/api/data/persons?password=x')).toMatchObject({ status: 400, body: { message: 'Filtering on password is not allowed.' } });
    expect(await get('/api/data/persons?phone=1', artistHeaders)).toMatchObject({ status: 400, body: { message: 'Filtering on phone is not allowed.' } });
    expect((await get('/api/data/persons?phone=1')).status).toBe(200);
    expect((await get(`/api/data/persons?email=nobody@studio.test`, artistHeaders)).status).toBe(200);
  });

  it('gives non-managers the minimal view of other people and the full view of themselves', async () => {
    const other = await createPerson(ctx);
    const rows = (await get(`/api/data/persons?id=${other.id}`, artistHeaders)).body as Array<Record<string, unknown>>;
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ['active', 'desktop_login', 'first_name', 'full_name', 'has_avatar', 'id', 'is_bot', 'last_name', 'role', 'studio_id', 'type'],
    );
    const self = (await get(`/api/data/persons/${artistId}`, artistHeaders)).body as Record<string, unknown>;
    expect(self).toHaveProperty('email');
  });

  it('shows organisation chat tokens to admins only', async () => {
    const [forArtist] = (await get('/api/data/organisations', artistHeaders)).body as Array<Record<string, unknown>>;
    expect(forArtist).not.toHaveProperty('chat_token_slack');
    const [forAdmin] = (await get('/api/data/organisations')).body as Array<Record<string, unknown>>;
    expect(forAdmin).toHaveProperty('chat_token_slack');
  });
});

describe('asset types and entity rows', () => {
  it('lists only non-temporal entity types as AssetType, read-only', async () => {
    await ctx.db.insertInto('entity_type').values({ name: `Prop${tag}` }).execute();
    const rows = (await get('/api/data/asset-types')).body as Array<{ name: string; type: string }>;
    expect(rows.map((r) => r.name)).toContain(`Prop${tag}`);
    expect(rows.map((r) => r.name)).not.toContain('Shot');
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['AssetType']));
    const shot = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', 'Shot').executeTakeFirstOrThrow();
    expect((await get(`/api/data/asset-types/${shot.id}`)).status).toBe(404);
    const post = await ctx.app.inject({ method: 'POST', url: '/api/data/asset-types', headers: adminHeaders, payload: { name: 'x' } });
    expect(post.statusCode).toBe(405);
    const entityTypes = (await get('/api/data/entity-types')).body as Array<{ type: string }>;
    expect(new Set(entityTypes.map((r) => r.type))).toEqual(new Set(['EntityType']));
  });

  it('gives entities their kind as type', async () => {
    const project = await createProject(ctx);
    const asset = await createAssetEntity(ctx, project.id);
    const [row] = (await get(`/api/data/entities?id=${asset.id}`)).body as Array<{ type: string }>;
    expect(row!.type).toBe('Asset');
  });
});
