import { sql } from 'kysely';
import type { Role } from '../../platform/auth/actor.ts';
import type { TestContext } from '../../../../test/support/test-app.ts';
import {
  bearer,
  createAssetEntity,
  createProject,
  createShotEntity,
  createTaskType,
  createTestTask,
  linkProjectTaskTypes,
  personWithToken,
  type TestPerson,
} from '../../../../test/support/factories.ts';

/** Test fixtures shared by the tasks and comments suites (imported by *.test.ts files only). */

export type Caller = TestPerson & { token: string };

/** One request as Gazu sends it: JSON body, Bearer token, path under /api. */
export async function call<T = Record<string, unknown>>(
  ctx: TestContext,
  caller: { token: string },
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await ctx.app.inject({
    method,
    url: `/api/${path}`,
    headers: bearer(caller.token),
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, body: (response.body.length > 0 ? response.json() : undefined) as T };
}

export interface Production {
  project: { id: string; name: string };
  admin: Caller;
  manager: Caller;
  /** Assigned to `task`. */
  artist: Caller;
  /** Also assigned to `task`. */
  artist2: Caller;
  /** In the team, not assigned. */
  bystander: Caller;
  supervisor: Caller;
  client: Caller;
  vendor: Caller;
  /** An artist of another project. */
  outsider: Caller;
  layout: { id: string; name: string };
  animation: { id: string; name: string };
  modeling: { id: string; name: string };
  shot: { id: string; name: string; sequence_id: string };
  asset: { id: string; name: string; entity_type_id: string };
  /** Layout task of the shot, assigned to artist and artist2. */
  task: { id: string };
  /** Animation task of the same shot, unassigned. */
  animTask: { id: string };
}

export async function setupProduction(ctx: TestContext): Promise<Production> {
  const person = (role: Role) => personWithToken(ctx, role);
  const [admin, manager, artist, artist2, bystander, supervisor, client, vendor, outsider] = await Promise.all([
    person('admin'), person('manager'), person('user'), person('user'), person('user'), person('supervisor'), person('client'),
    person('vendor'), person('user'),
  ]);
  const team = [manager, artist, artist2, bystander, supervisor, client, vendor].map(({ id }) => ({ id }));
  const project = await createProject(ctx, { team });
  await createProject(ctx, { team: [{ id: outsider.id }] });
  const layout = await createTaskType(ctx, { forEntity: 'Shot', name: `Layout${Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x')}` });
  const animation = await createTaskType(ctx, { forEntity: 'Shot', name: `Animation${Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x')}` });
  const modeling = await createTaskType(ctx, { forEntity: 'Asset' });
  await linkProjectTaskTypes(ctx, project.id, [layout.id, animation.id, modeling.id]);
  const shot = await createShotEntity(ctx, project.id);
  const asset = await createAssetEntity(ctx, project.id);
  const task = await createTestTask(ctx, { projectId: project.id, entityId: shot.id, taskTypeId: layout.id, assignees: [artist.id, artist2.id] });
  const animTask = await createTestTask(ctx, { projectId: project.id, entityId: shot.id, taskTypeId: animation.id });
  return {
    project, admin, manager, artist, artist2, bystander, supervisor, client, vendor, outsider,
    layout, animation, modeling, shot, asset, task, animTask,
  };
}

export async function taskRow(ctx: TestContext, taskId: string) {
  return ctx.db.selectFrom('task').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
}

export async function notificationsOf(ctx: TestContext, filter: { taskId?: string; commentId?: string }) {
  let query = ctx.db.selectFrom('notification').selectAll();
  if (filter.taskId) query = query.where('task_id', '=', filter.taskId);
  if (filter.commentId) query = query.where('comment_id', '=', filter.commentId);
  return query.execute();
}

/** The persisted events whose payload has the given key/value (e.g. comment_id), oldest first. */
export async function eventsAbout(ctx: TestContext, key: string, value: string): Promise<Array<{ name: string; data: Record<string, unknown> }>> {
  const rows = await ctx.db
    .selectFrom('api_event')
    .select(['name', 'data'])
    .where(sql<boolean>`data->>${key} = ${value}`)
    .orderBy('created_at')
    .orderBy(sql`ctid`)
    .execute();
  return rows.map((row) => ({ name: row.name, data: row.data as Record<string, unknown> }));
}
