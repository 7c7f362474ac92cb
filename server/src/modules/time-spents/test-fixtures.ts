import type { Role } from '../../platform/auth/actor.ts';
import {
  createPerson,
  createProject,
  createTaskType,
  entityTypeId,
  personWithToken,
  taskStatusId,
  uniqueSuffix,
} from '../../../../test/support/factories.ts';
import type { TestContext } from '../../../../test/support/test-app.ts';

/**
 * Test data for the time, user-view and schedule suites, written straight to the database so that
 * these suites do not depend on other modules' routes. Each call makes uniquely named rows. Persons,
 * task types, tasks and status ids come from test/support/factories.ts.
 */

export type Kind = 'Shot' | 'Sequence' | 'Episode' | 'Asset';

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
      task_status_id: await taskStatusId(ctx, options.status ?? 'todo'),
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

/**
 * One open project with a manager, two artists and an outsider (not in the team); a sequence with a
 * shot, an asset, and a task type for each kind.
 */
export async function productionSetup(ctx: TestContext) {
  const manager = await personWithToken(ctx, 'manager');
  const artist = await personWithToken(ctx, 'user');
  const otherArtist = await personWithToken(ctx, 'user');
  const outsider = await personWithToken(ctx, 'user');
  const project = await createProject(ctx, {
    team: [{ id: manager.id }, { id: artist.id }, { id: otherArtist.id }],
  });
  const sequence = await createEntity(ctx, { projectId: project.id, kind: 'Sequence', name: `SQ${uniqueSuffix()}` });
  const shot = await createEntity(ctx, { projectId: project.id, kind: 'Shot', parentId: sequence.id, name: `SH${uniqueSuffix()}` });
  const asset = await createEntity(ctx, { projectId: project.id, kind: 'Asset', name: `Hero ${uniqueSuffix()}` });
  const animation = await createTaskType(ctx, { forEntity: 'Shot', name: `Animation ${uniqueSuffix()}`, shortName: null, color: '#112233' });
  const modeling = await createTaskType(ctx, { forEntity: 'Asset', name: `Modeling ${uniqueSuffix()}`, shortName: null, color: '#112233' });
  return { manager, artist, otherArtist, outsider, project, sequence, shot, asset, animation, modeling };
}
