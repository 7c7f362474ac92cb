import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer, createAssetEntity, createPerson, createProject, createTaskType, createTestTask, personWithToken,
} from '../../../../test/support/factories.ts';
import { collections } from './collections/index.ts';

/** Every collection of §3.1 is served, documented, and its SQL (filters, relations, pages) runs. */

let ctx: TestContext;
let headers: Record<string, string>;
let adminId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const admin = await personWithToken(ctx, 'admin');
  headers = bearer(admin.token);
  adminId = admin.id;
});

afterAll(async () => {
  await ctx.close();
});

describe.each(collections.map((def) => [def.name, def] as const))('data/%s', (name, def) => {
  it('lists with relations, paginates and reads one row', async () => {
    const list = await ctx.app.inject({ method: 'GET', url: `/api/data/${name}?relations=true`, headers });
    expect(list.statusCode, list.body).toBe(200);
    const page = await ctx.app.inject({ method: 'GET', url: `/api/data/${name}?page=1&limit=5&relations=true`, headers });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ page: 1, limit: 5 });
    const first = (list.json() as Array<{ id: string; type: string }>)[0];
    if (first) {
      const one = await ctx.app.inject({ method: 'GET', url: `/api/data/${name}/${first.id}/`, headers });
      expect(one.statusCode, one.body).toBe(200);
      expect(one.json().id).toBe(first.id);
    }
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths[`/api/data/${name}`]).toHaveProperty('get');
    if (!def.readOnly && !def.servedElsewhere?.includes('create')) {
      expect(doc.paths[`/api/data/${name}`]).toHaveProperty('post');
    }
  });
});

describe('row shapes', () => {
  it('serialises a notification type as notification_type, and accepts it on create', async () => {
    const project = await createProject(ctx);
    const taskType = await createTaskType(ctx, { forEntity: 'Asset' });
    const task = await createTestTask(ctx, { projectId: project.id, entityId: (await createAssetEntity(ctx, project.id)).id, taskTypeId: taskType.id });
    const recipient = await createPerson(ctx);
    const res = await ctx.app.inject({
      method: 'POST', url: '/api/data/notifications', headers,
      payload: { notification_type: 'assignation', person_id: recipient.id, author_id: adminId, task_id: task.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ notification_type: 'assignation', type: 'Notification', read: false });
    const event = await ctx.db.selectFrom('api_event').select(['name', 'project_id']).where('name', '=', 'notification:new').executeTakeFirstOrThrow();
    expect(event.project_id).toBe(project.id);
    const updated = await ctx.app.inject({ method: 'PUT', url: `/api/data/notifications/${res.json().id}`, headers, payload: { ...(res.json() as Record<string, unknown>), read: true } });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ read: true, notification_type: 'assignation', type: 'Notification' });
  });

  it('creates metadata descriptors with departments and comments with their relations', async () => {
    const project = await createProject(ctx);
    const dept = await ctx.db.insertInto('department').values({ name: 'Meta dept', color: '#000000' }).returning('id').executeTakeFirstOrThrow();
    const descriptor = await ctx.app.inject({
      method: 'POST', url: '/api/data/metadata-descriptors', headers,
      payload: { project_id: project.id, entity_type: 'Asset', name: 'Difficulty', field_name: 'difficulty', departments: [dept.id] },
    });
    expect(descriptor.statusCode, descriptor.body).toBe(201);
    expect(descriptor.json()).toMatchObject({ departments: [dept.id], data_type: 'string', type: 'MetadataDescriptor' });
    const duplicate = await ctx.app.inject({
      method: 'POST', url: '/api/data/metadata-descriptors', headers,
      payload: { project_id: project.id, entity_type: 'Asset', name: 'Difficulty', field_name: 'difficulty2' },
    });
    expect(duplicate.statusCode).toBe(400);
  });
});
