import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createAssetEntity, createProject, createShotEntity, linkProjectTaskTypes } from '../../../../test/support/factories.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { studioProject, type Caller, type StudioProject } from './studio-test-fixtures.ts';
import { applyTaskTemplates } from './task-templates.service.ts';

let ctx: TestContext;
let world: StudioProject;
beforeAll(async () => {
  ctx = await createTestContext();
  world = await studioProject(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const url = (projectId: string) => `/api/projects/${projectId}/task-templates`;
const getTemplates = (who: Caller, projectId: string) => ctx.app.inject({ method: 'GET', url: url(projectId), headers: bearer(who.token) });
const putTemplates = (who: Caller, projectId: string, payload: object) =>
  ctx.app.inject({ method: 'PUT', url: url(projectId), headers: bearer(who.token), payload });

async function projectWithTypes() {
  const project = await createProject(ctx, { team: [{ id: world.coordinator.id }, { id: world.artist.id }] });
  await linkProjectTaskTypes(ctx, project.id, [world.layout.id, world.animation.id, world.modeling.id]);
  return project;
}

const view = (type: { id: string; name: string; short_name: string | null }) => ({ id: type.id, name: type.name, short_name: type.short_name });

describe('GET/PUT /api/projects/:project_id/task-templates', () => {
  it('starts empty, then stores the lists in order (names, short names or ids; duplicates once)', async () => {
    const project = await projectWithTypes();
    expect((await getTemplates(world.artist, project.id)).json()).toEqual({ shot: [], asset: [] });
    const res = await putTemplates(world.coordinator, project.id, {
      shot: [world.animation.short_name, world.layout.name.toUpperCase(), world.animation.id],
      asset: [world.modeling.id],
    });
    expect(res.statusCode).toBe(200);
    const expected = { shot: [view(world.animation), view(world.layout)], asset: [view(world.modeling)] };
    expect(res.json()).toEqual(expected);
    expect((await getTemplates(world.artist, project.id)).json()).toEqual(expected);
    // An omitted kind is left as it is; an empty list clears it.
    const partial = await putTemplates(world.coordinator, project.id, { asset: [] });
    expect(partial.json()).toEqual({ shot: expected.shot, asset: [] });
  });

  it('refuses task types the project does not use for that kind (400 with the allowed names)', async () => {
    const project = await projectWithTypes();
    const res = await putTemplates(world.coordinator, project.id, { shot: [world.modeling.name, 'nope'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe(`Unknown task types for shots: ${world.modeling.name}, nope. Allowed task types: ${world.layout.name}, ${world.animation.name}`);
    expect((await getTemplates(world.artist, project.id)).json()).toEqual({ shot: [], asset: [] });
  });

  it('403 for artists (PUT) and outsiders, 404 for unknown projects, 400 for a malformed body', async () => {
    const project = await projectWithTypes();
    expect((await putTemplates(world.artist, project.id, { shot: [] })).json().detail).toBe('Insufficient permissions');
    expect((await getTemplates(world.outsider, project.id)).json().detail).toBe('Access denied to this project');
    expect((await putTemplates(world.outsider, project.id, { shot: [] })).json().detail).toBe('Access denied to this project');
    const missing = await getTemplates(world.admin, '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Project not found');
    expect((await putTemplates(world.coordinator, project.id, { shot: 'Layout' })).statusCode).toBe(400);
  });
});

describe('applyTaskTemplates: new shots and assets get their template tasks', () => {
  it('gives a shot created through the Zou route (POST data/projects/<id>/shots) its template tasks', async () => {
    const project = await projectWithTypes();
    await putTemplates(world.coordinator, project.id, { shot: [world.layout.name, world.animation.name] });
    const res = await ctx.app.inject({
      method: 'POST', url: `/api/data/projects/${project.id}/shots`, headers: bearer(world.coordinator.token), payload: { name: 'SH100' },
    });
    expect(res.statusCode).toBe(201);
    const shotId = res.json().id as string;
    const tasks = await ctx.db.selectFrom('task').select(['name', 'task_type_id', 'created_by']).where('entity_id', '=', shotId).orderBy('name').execute();
    expect(tasks).toEqual([
      { name: `SH100 - ${world.animation.name}`, task_type_id: world.animation.id, created_by: world.coordinator.id },
      { name: `SH100 - ${world.layout.name}`, task_type_id: world.layout.id, created_by: world.coordinator.id },
    ]);
    // Get-or-create: posting the same shot again creates neither a shot nor tasks.
    await ctx.app.inject({ method: 'POST', url: `/api/data/projects/${project.id}/shots`, headers: bearer(world.coordinator.token), payload: { name: 'SH100' } });
    expect(await ctx.db.selectFrom('task').select('id').where('project_id', '=', project.id).execute()).toHaveLength(2);
    const created = await ctx.app.inject({ method: 'POST', url: `/api/shots/${shotId}/tasks?task_type=${encodeURIComponent(world.layout.name)}`, headers: bearer(world.coordinator.token) });
    expect(created.statusCode).toBe(200);
  });

  it('gives an asset created through the Zou route its template tasks', async () => {
    const project = await projectWithTypes();
    await putTemplates(world.coordinator, project.id, { asset: [world.modeling.name] });
    const assetType = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', 'Character').executeTakeFirstOrThrow();
    const res = await ctx.app.inject({
      method: 'POST', url: `/api/data/projects/${project.id}/asset-types/${assetType.id}/assets/new`,
      headers: bearer(world.coordinator.token), payload: { name: 'Hero', description: '' },
    });
    expect(res.statusCode).toBe(201);
    const tasks = await ctx.db.selectFrom('task').select('name').where('entity_id', '=', res.json().id as string).execute();
    expect(tasks).toEqual([{ name: `Hero - ${world.modeling.name}` }]);
  });

  it('creates the template tasks of new shots and assets with creator, audit and task:new events', async () => {
    const project = await projectWithTypes();
    await putTemplates(world.coordinator, project.id, { shot: [world.layout.name, world.animation.name], asset: [world.modeling.name] });
    const shot = await createShotEntity(ctx, project.id);
    const asset = await createAssetEntity(ctx, project.id);
    const sequence = shot.sequence_id;

    const created = await inTransaction(ctx.deps, (tx, events) =>
      applyTaskTemplates(tx, [shot.id, asset.id, sequence], { actorId: world.coordinator.id, events }));
    expect(created).toHaveLength(3);

    const tasks = await ctx.db.selectFrom('task').select(['entity_id', 'name', 'created_by']).where('project_id', '=', project.id).orderBy('name').execute();
    expect(tasks).toEqual([
      { entity_id: asset.id, name: `${asset.name} - ${world.modeling.name}`, created_by: world.coordinator.id },
      { entity_id: shot.id, name: `${shot.name} - ${world.animation.name}`, created_by: world.coordinator.id },
      { entity_id: shot.id, name: `${shot.name} - ${world.layout.name}`, created_by: world.coordinator.id },
    ].sort((a, b) => a.name.localeCompare(b.name)));
    const events = await ctx.db.selectFrom('api_event').select('name').where('project_id', '=', project.id).where('name', '=', 'task:new').execute();
    expect(events).toHaveLength(3);
    const audit = await ctx.db.selectFrom('audit_event').select('action').where('project_id', '=', project.id).where('object_type', '=', 'task').execute();
    expect(audit).toHaveLength(3);

    // Applying again creates nothing.
    const again = await inTransaction(ctx.deps, (tx, events) => applyTaskTemplates(tx, [shot.id, asset.id], { events }));
    expect(again.every((task) => !task.created)).toBe(true);
  });

  it('does nothing for a project without templates', async () => {
    const project = await projectWithTypes();
    const shot = await createShotEntity(ctx, project.id);
    expect(await inTransaction(ctx.deps, (tx) => applyTaskTemplates(tx, [shot.id]))).toEqual([]);
  });
});
