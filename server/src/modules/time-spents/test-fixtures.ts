import type { Role } from '../../platform/auth/actor.ts';
import { createPerson, createProject, tokenFor, uniqueSuffix } from '../../../../test/support/factories.ts';
import type { TestContext } from '../../../../test/support/test-app.ts';

/**
 * Test data for the time, user-view and schedule suites, written straight to the database so that
 * these suites do not depend on other modules' routes. Each call makes uniquely named rows.
 */

export type Kind = 'Shot' | 'Sequence' | 'Episode' | 'Asset';

export async function entityTypeId(ctx: TestContext, name: string): Promise<string> {
  const row = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', name).executeTakeFirst();
  if (row) return row.id;
  return (await ctx.db.insertInto('entity_type').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function statusId(ctx: TestContext, shortName: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('task_status')
    .select('id')
    .where('short_name', '=', shortName)
    .where('project_id', 'is', null)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createTaskType(ctx: TestContext, options: { forEntity?: string; name?: string; color?: string } = {}) {
  return ctx.db
    .insertInto('task_type')
    .values({ name: options.name ?? `Type ${uniqueSuffix()}`, for_entity: options.forEntity ?? 'Shot', color: options.color ?? '#112233' })
    .returning(['id', 'name', 'color', 'for_entity'])
    .executeTakeFirstOrThrow();
}

export async function createEntity(
  ctx: TestContext,
  options: { projectId: string; kind: Kind; name?: string; parentId?: string | null; sourceId?: string | null; assetType?: string; canceled?: boolean },
) {
  const typeName = options.kind === 'Asset' ? (options.assetType ?? 'Character') : options.kind;
  return ctx.db
    .insertInto('entity')
    .values({
      name: options.name ?? `${options.kind} ${uniqueSuffix()}`,
      project_id: options.projectId,
      entity_type_id: await entityTypeId(ctx, typeName),
      parent_id: options.parentId ?? null,
      source_id: options.sourceId ?? null,
      canceled: options.canceled ?? false,
      data: JSON.stringify({ frame_in: 1 }),
    })
    .returning(['id', 'name', 'entity_type_id', 'parent_id', 'project_id'])
    .executeTakeFirstOrThrow();
}

export interface TaskOptions {
  projectId: string;
  entityId: string;
  taskTypeId: string;
  status?: string;
  assignees?: string[];
  name?: string;
  startDate?: string | null;
  dueDate?: string | null;
  endDate?: string | null;
  doneDate?: string | null;
  estimation?: number;
  duration?: number;
}

export async function createTask(ctx: TestContext, options: TaskOptions) {
  const task = await ctx.db
    .insertInto('task')
    .values({
      name: options.name ?? 'main',
      project_id: options.projectId,
      entity_id: options.entityId,
      task_type_id: options.taskTypeId,
      task_status_id: await statusId(ctx, options.status ?? 'todo'),
      start_date: options.startDate ?? null,
      due_date: options.dueDate ?? null,
      end_date: options.endDate ?? null,
      done_date: options.doneDate ?? null,
      estimation: options.estimation ?? 0,
      duration: options.duration ?? 0,
    })
    .returning(['id', 'name', 'project_id', 'entity_id', 'task_type_id', 'task_status_id'])
    .executeTakeFirstOrThrow();
  if (options.assignees?.length) {
    await ctx.db.insertInto('assignations').values(options.assignees.map((person_id) => ({ task_id: task.id, person_id }))).execute();
  }
  return task;
}

export async function addComment(
  ctx: TestContext,
  options: { taskId: string; personId: string; text: string; createdAt?: string; status?: string },
) {
  return ctx.db
    .insertInto('comment')
    .values({
      object_id: options.taskId,
      person_id: options.personId,
      text: options.text,
      task_status_id: await statusId(ctx, options.status ?? 'todo'),
      ...(options.createdAt ? { created_at: options.createdAt } : {}),
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** A bot person and its API token (identity type `bot`). */
export async function createBot(ctx: TestContext, role: Role = 'manager') {
  const bot = await createPerson(ctx, { role, isBot: true });
  const token = await ctx.deps.tokens.issueApiToken({ id: bot.id, is_bot: true, expiration_date: null });
  return { ...bot, token };
}

export async function person(ctx: TestContext, role: Role = 'user') {
  const row = await createPerson(ctx, { role });
  return { ...row, token: await tokenFor(ctx, row) };
}

/**
 * One open project with a manager, two artists and an outsider (not in the team); a sequence with a
 * shot, an asset, and a task type for each kind.
 */
export async function productionSetup(ctx: TestContext) {
  const manager = await person(ctx, 'manager');
  const artist = await person(ctx, 'user');
  const otherArtist = await person(ctx, 'user');
  const outsider = await person(ctx, 'user');
  const project = await createProject(ctx, {
    team: [{ id: manager.id }, { id: artist.id }, { id: otherArtist.id }],
  });
  const sequence = await createEntity(ctx, { projectId: project.id, kind: 'Sequence', name: `SQ${uniqueSuffix()}` });
  const shot = await createEntity(ctx, { projectId: project.id, kind: 'Shot', parentId: sequence.id, name: `SH${uniqueSuffix()}` });
  const asset = await createEntity(ctx, { projectId: project.id, kind: 'Asset', name: `Hero ${uniqueSuffix()}` });
  const animation = await createTaskType(ctx, { forEntity: 'Shot', name: `Animation ${uniqueSuffix()}` });
  const modeling = await createTaskType(ctx, { forEntity: 'Asset', name: `Modeling ${uniqueSuffix()}` });
  return { manager, artist, otherArtist, outsider, project, sequence, shot, asset, animation, modeling };
}
