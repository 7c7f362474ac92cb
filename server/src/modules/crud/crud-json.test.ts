import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer, createAssetEntity, createDepartment, createProject, createTaskType, createTestTask, personWithToken,
} from '../../../../test/support/factories.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { columnsOf } from './crud-columns.ts';
import { selectRowsJson } from './crud-json.repository.ts';
import { selectRows } from './crud.repository.ts';
import { presentRows } from './crud-serializer.ts';
import { collections } from './collections/index.ts';
import type { Row } from './crud.types.ts';

/**
 * The lists PostgreSQL serialises (crud-json.repository.ts) must give what the JavaScript presenters
 * give for the same rows: same keys, same values, whoever asks, with relations and `fields`.
 */

let ctx: TestContext;
let admin: Actor;
let artist: Actor;
let adminHeaders: Record<string, string>;
let taskId: string;

const actor = (id: string, role: Role): Actor => ({
  id, role, isBot: false, identityType: 'person', sessionId: 'test', departmentIds: [], email: null, fullName: '',
});
const byId = (rows: Row[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));

beforeAll(async () => {
  ctx = await createTestContext();
  const adminPerson = await personWithToken(ctx, 'admin');
  const artistPerson = await personWithToken(ctx, 'user');
  admin = actor(adminPerson.id, 'admin');
  artist = actor(artistPerson.id, 'user');
  adminHeaders = bearer(adminPerson.token);
  const project = await createProject(ctx);
  const department = await createDepartment(ctx, { members: [artistPerson.id] });
  const taskType = await createTaskType(ctx, { forEntity: 'Asset' });
  const asset = await createAssetEntity(ctx, project.id);
  const task = await createTestTask(ctx, {
    projectId: project.id, entityId: asset.id, taskTypeId: taskType.id, assignees: [artistPerson.id, adminPerson.id],
    startDate: '2026-01-05', dueDate: '2026-02-01', estimation: 2.5, duration: 7.25,
  });
  taskId = task.id;
  // Fractional seconds, a JSON object with unicode and quotes, and a date: the values most likely to differ.
  await sql`UPDATE task SET real_start_date = '2026-03-04 05:06:07.891234', data = ${JSON.stringify({ note: 'fin "v2" — ok', n: 3, nested: { a: [1, null] } })}::jsonb
    WHERE id = ${task.id}`.execute(ctx.db);
  await sql`UPDATE department SET color = '#abcdef' WHERE id = ${department.id}`.execute(ctx.db);
});

afterAll(async () => {
  await ctx.close();
});

describe('lists serialised by PostgreSQL', () => {
  const inSql = collections.filter((def) => !def.present);

  it('covers the collections without presenters', () => {
    expect(inSql.map((def) => def.name)).toEqual(expect.arrayContaining(['tasks', 'departments', 'projects', 'comments', 'task-status']));
  });

  for (const role of ['admin', 'user'] as const) {
    it(`gives the presenters' rows for every such collection (${role})`, async () => {
      const who = role === 'admin' ? admin : artist;
      for (const def of inSql) {
        for (const options of [{ relations: true, fields: null }, { relations: false, fields: ['name', 'updated_at', 'assignees'] }]) {
          const view = { actor: who, def };
          const expected = presentRows(def, await selectRows(ctx.db, def, { where: [], columns: columnsOf(def), relations: options.relations }), view, options.fields);
          const { body } = await selectRowsJson(ctx.db, def, view, { where: [], ...options, withTotal: false });
          expect(byId(JSON.parse(body) as Row[]), `${def.name} ${JSON.stringify(options)}`).toEqual(byId(expected));
        }
      }
    });
  }

  it('formats a task as the wire expects: seconds timestamps, dates, numbers, JSON data, relations', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/data/tasks?id=${taskId}&relations=true`, headers: adminHeaders });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const [task] = res.json() as Row[];
    expect(task).toMatchObject({
      id: taskId, type: 'Task', real_start_date: '2026-03-04T05:06:07', start_date: '2026-01-05T00:00:00', estimation: 2.5, duration: 7.25,
      data: { note: 'fin "v2" — ok', n: 3, nested: { a: [1, null] } },
    });
    expect((task!.assignees as string[]).length).toBe(2);
  });

  it('pages with the total in one statement, and counts a page past the end', async () => {
    const first = (await ctx.app.inject({ method: 'GET', url: '/api/data/task-status?page=1&limit=2', headers: adminHeaders })).json() as Row;
    expect(first).toMatchObject({ limit: 2, offset: 0, page: 1 });
    expect((first.data as Row[]).length).toBe(2);
    const total = first.total as number;
    expect(total).toBeGreaterThan(2);
    expect(first.nb_pages).toBe(Math.ceil(total / 2));
    const past = (await ctx.app.inject({ method: 'GET', url: '/api/data/task-status?page=99&limit=2', headers: adminHeaders })).json() as Row;
    expect(past).toEqual({ data: [], total, nb_pages: Math.ceil(total / 2), limit: 2, offset: 196, page: 99 });
  });
});
