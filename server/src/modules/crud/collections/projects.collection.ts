import { sql } from 'kysely';
import { ProjectRow } from '../../../../../packages/contracts/src/models/index.ts';
import { admin, manager, member } from '../crud.policy.ts';
import { deleteProjectChildren } from '../cascade.repository.ts';
import { crudErrors } from '../crud.errors.ts';
import type { Collection, HookContext, WriteResult } from '../crud.types.ts';
import { ensureFirstEpisode, projectIsOpen, projectStatusIdByName } from '../model-rules.repository.ts';

/** A tv show starts with an episode E01 (§2.2): its id is returned as `first_episode_id`. */
async function firstEpisode(ctx: HookContext, projectId: string): Promise<WriteResult | undefined> {
  const episodeId = await ensureFirstEpisode(ctx.tx, projectId, ctx.actor.id);
  if (!episodeId) return undefined;
  return {
    responseExtra: { first_episode_id: episodeId },
    events: [{ name: 'episode:new', data: { episode_id: episodeId }, projectId, actorId: ctx.actor.id }],
  };
}

/**
 * Productions. Non-admins list the open projects of their teams and read those they belong to;
 * managers of a project edit it; only admins create and delete (closed projects only).
 */
export const projects: Collection = {
  name: 'projects',
  table: 'project',
  typeName: 'Project',
  schema: ProjectRow,
  project: { self: true },
  relations: {
    team: { link: 'project_person_link', own: 'project_id', other: 'person_id', target: 'person' },
    asset_types: { link: 'project_asset_type_link', own: 'project_id', other: 'asset_type_id', target: 'entity_type' },
    task_types: { link: 'project_task_type_link', own: 'project_id', other: 'task_type_id', target: 'task_type' },
    task_statuses: { link: 'project_task_status_link', own: 'project_id', other: 'task_status_id', target: 'task_status' },
  },
  protectedOnUpdate: ['team'],
  detailSelects: {
    project_status_name: (t) => sql`(SELECT ps.name FROM project_status ps WHERE ps.id = ${sql.ref(`${t}.project_status_id`)})`,
  },
  policy: { list: { projects: 'member-open', vendors: 'all' }, read: member, create: admin, update: manager, delete: admin },
  hooks: {
    async beforeCreate(ctx, values) {
      values.project_status_id ??= (await projectStatusIdByName(ctx.tx, 'Open')) ?? null;
    },
    async afterCreate(ctx, id, values) {
      return values.production_type === 'tvshow' ? firstEpisode(ctx, id) : undefined;
    },
    async afterUpdate(ctx, current, changes) {
      return changes.production_type === 'tvshow' && current.production_type !== 'tvshow' ? firstEpisode(ctx, String(current.id)) : undefined;
    },
    async beforeDelete(ctx, current, force) {
      if (await projectIsOpen(ctx.tx, String(current.id))) throw crudErrors.onlyClosedProjects();
      if (force) await deleteProjectChildren(ctx.tx, String(current.id));
    },
  },
};
