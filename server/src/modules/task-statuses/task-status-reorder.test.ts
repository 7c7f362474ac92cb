import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createProject } from '../../../../test/support/factories.ts';
import { studioProject, type Caller, type StudioProject } from '../studio-tasks/studio-test-fixtures.ts';

let ctx: TestContext;
let world: StudioProject;
beforeAll(async () => {
  ctx = await createTestContext();
  world = await studioProject(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const reorderUrl = (projectId: string) => `/api/projects/${projectId}/task-statuses/reorder`;
const reorder = (who: Caller, projectId: string, statusIds: unknown) =>
  ctx.app.inject({ method: 'PATCH', url: reorderUrl(projectId), headers: bearer(who.token), payload: { status_ids: statusIds } });

/** The seed's three statuses: Review, Blocked (default), Ready for Delivery. */
async function seedProject(): Promise<{ projectId: string; ids: string[] }> {
  const project = await createProject(ctx, { team: [{ id: world.coordinator.id }] });
  const ids: string[] = [];
  for (const body of [
    { name: 'Review', color: '#9333EA' },
    { name: 'Blocked', color: '#DC2626', is_default: true },
    { name: 'Ready for Delivery', color: '#059669' },
  ]) {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/projects/${project.id}/task-statuses`, headers: bearer(world.coordinator.token), payload: body });
    ids.push(res.json().status.id as string);
  }
  return { projectId: project.id, ids };
}

const detailOf = (res: { json(): { detail: string } }) => res.json().detail;

/** What a status created without flags carries. */
const NEW_FLAGS = {
  short_name: expect.any(String), is_done: false, is_artist_allowed: true, is_client_allowed: false, is_feedback_request: false, is_retake: false,
};

describe('PATCH /api/projects/:project_id/task-statuses/reorder', () => {
  it('sets order 0..n-1 in the given sequence and keeps the default', async () => {
    const { projectId, ids } = await seedProject();
    const [review, blocked, ready] = ids;
    const res = await reorder(world.coordinator, projectId, [ready, blocked, review]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      message: 'Custom task statuses reordered successfully',
      status: null,
      all_statuses: {
        statuses: [
          { id: ready, name: 'Ready for Delivery', color: '#059669', order: 0, is_default: false, ...NEW_FLAGS },
          { id: blocked, name: 'Blocked', color: '#DC2626', order: 1, is_default: true, ...NEW_FLAGS },
          { id: review, name: 'Review', color: '#9333EA', order: 2, is_default: false, ...NEW_FLAGS },
        ],
        system_statuses: expect.arrayContaining([{ id: 'not_started', name: 'Not Started', color: '#6B7280', is_system: true }]),
        default_status_id: blocked,
      },
    });
    const links = await ctx.db.selectFrom('project_task_status_link').select(['task_status_id', 'priority'])
      .where('project_id', '=', projectId).orderBy('priority').execute();
    expect(links.map((link) => link.task_status_id)).toEqual([ready, blocked, review]);
  });

  it('400 when ids are missing, listing them', async () => {
    const { projectId, ids } = await seedProject();
    const res = await reorder(world.coordinator, projectId, [ids[0]]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ detail: `Missing status IDs in reorder request: ${ids[1]}, ${ids[2]}`, error: true, message: `Missing status IDs in reorder request: ${ids[1]}, ${ids[2]}` });
  });

  it('400 when ids are not statuses of the project', async () => {
    const { projectId, ids } = await seedProject();
    const res = await reorder(world.coordinator, projectId, [...ids, 'invalid_id_12345']);
    expect(res.statusCode).toBe(400);
    expect(detailOf(res)).toBe('Status IDs not found: invalid_id_12345');
  });

  it('422 with the seed texts for duplicates and for an empty list', async () => {
    const { projectId, ids } = await seedProject();
    const duplicates = await reorder(world.coordinator, projectId, [ids[0], ids[0], ids[1], ids[2]]);
    expect(duplicates.statusCode).toBe(422);
    expect(detailOf(duplicates)).toBe('1 validation error for CustomTaskStatusReorder\nstatus_ids\n Value error, Status IDs list contains duplicates');
    const empty = await reorder(world.coordinator, projectId, []);
    expect(empty.statusCode).toBe(422);
    expect(detailOf(empty)).toBe('1 validation error for CustomTaskStatusReorder\nstatus_ids\n Value error, Status IDs list cannot be empty');
  });

  it('422 when status_ids is absent or not a list', async () => {
    const { projectId } = await seedProject();
    const absent = await ctx.app.inject({ method: 'PATCH', url: reorderUrl(projectId), headers: bearer(world.coordinator.token), payload: {} });
    expect(absent.statusCode).toBe(422);
    expect(detailOf(absent)).toMatch(/^1 validation error for CustomTaskStatusReorder\nstatus_ids\n/);
  });

  it('400 when system statuses are part of the list: they cannot be reordered', async () => {
    const { projectId, ids } = await seedProject();
    const res = await reorder(world.coordinator, projectId, ['not_started', ...ids]);
    expect(res.statusCode).toBe(400);
    expect(detailOf(res)).toBe('System statuses cannot be reordered: not_started');
  });

  it('403 Insufficient permissions, 403 outside the team, 404 Project not found', async () => {
    const { projectId, ids } = await seedProject();
    const artist = await reorder(world.artist, projectId, ids);
    expect(artist.statusCode).toBe(403);
    expect(detailOf(artist)).toBe('Insufficient permissions');
    const outsider = await reorder(world.outsider, projectId, ids);
    expect(outsider.statusCode).toBe(403);
    expect(detailOf(outsider)).toBe('Access denied to this project');
    const missing = await reorder(world.coordinator, '00000000-0000-4000-8000-000000000000', ids);
    expect(missing.statusCode).toBe(404);
    expect(detailOf(missing)).toBe('Project not found');
  });

  it('concurrent reorders never interleave: the final order is one of the submitted permutations', async () => {
    const project = await createProject(ctx, { team: [{ id: world.coordinator.id }] });
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await ctx.app.inject({
        method: 'POST', url: `/api/projects/${project.id}/task-statuses`, headers: bearer(world.coordinator.token),
        payload: { name: `S${i}`, color: '#000000' },
      });
      ids.push(res.json().status.id as string);
    }
    const rotations = ids.map((_, n) => [...ids.slice(n), ...ids.slice(0, n)]);
    const permutations = [...rotations, ...rotations.map((rotation) => [...rotation].reverse())].slice(0, 10);
    expect(new Set(permutations.map((p) => p.join())).size).toBe(10);
    const responses = await Promise.all(permutations.map((permutation) => reorder(world.coordinator, project.id, permutation)));
    expect(responses.every((res) => res.statusCode === 200)).toBe(true);
    // Every answer shows a whole permutation too (no half-applied order seen from inside a transaction).
    for (const res of responses) {
      const seen = (res.json().all_statuses.statuses as Array<{ id: string }>).map((s) => s.id).join();
      expect(permutations.map((p) => p.join())).toContain(seen);
    }
    const final = await ctx.db.selectFrom('task_status').select(['id', 'sort_order']).where('project_id', '=', project.id).orderBy('sort_order').execute();
    expect(final.map((row) => row.sort_order)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(permutations.map((p) => p.join())).toContain(final.map((row) => row.id).join());
  });
});
