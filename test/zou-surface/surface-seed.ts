/**
 * A small production whose ids fill the route list's placeholders, so that a route that exists is
 * called on real rows (a project, episode, sequence, shot, asset, task, person, comment, preview...).
 */
import { randomUUID } from 'node:crypto';
import {
  addTeamMember, bearer, createAssetEntity, createDepartment, createPerson, createProject, createShotEntity,
  createTaskType, createTestTask, entityTypeId, linkProjectTaskTypes, personWithToken, taskStatusId,
} from '../support/factories.ts';
import type { TestContext } from '../support/test-app.ts';

export interface SurfaceSeed {
  adminToken: string;
  /** Seeded ids by what they are (`project`, `shot`, `task`...). */
  ids: Record<string, string>;
}

/** Seeds the rows and returns their ids, plus an admin's token to call every route with. */
export async function seedSurface(ctx: TestContext): Promise<SurfaceSeed> {
  const admin = await personWithToken(ctx, 'admin');
  const artist = await createPerson(ctx, { role: 'user' });
  const project = await createProject(ctx, { team: [{ id: admin.id }, { id: artist.id }] });
  const episode = await ctx.db
    .insertInto('entity')
    .values({ name: 'EP01', project_id: project.id, entity_type_id: await entityTypeId(ctx, 'Episode') })
    .returning('id')
    .executeTakeFirstOrThrow();
  const shot = await createShotEntity(ctx, project.id);
  await ctx.db.updateTable('entity').set({ parent_id: episode.id }).where('id', '=', shot.sequence_id).execute();
  const asset = await createAssetEntity(ctx, project.id);
  const shotTaskType = await createTaskType(ctx, { forEntity: 'Shot' });
  await linkProjectTaskTypes(ctx, project.id, [shotTaskType.id]);
  const task = await createTestTask(ctx, { projectId: project.id, entityId: shot.id, taskTypeId: shotTaskType.id, assignees: [artist.id] });
  const department = await createDepartment(ctx, { members: [artist.id] });
  await addTeamMember(ctx, project.id, artist.id);
  const headers = bearer(admin.token);
  const comment = await ctx.app.inject({
    method: 'POST', url: `/api/actions/tasks/${task.id}/comment`, headers,
    payload: { task_status_id: await taskStatusId(ctx, 'wip'), comment: 'First pass' },
  });
  if (comment.statusCode !== 201 && comment.statusCode !== 200) throw new Error(`seeding a comment: ${comment.statusCode} ${comment.body}`);
  const commentId = (comment.json() as { id: string }).id;
  const preview = await ctx.app.inject({ method: 'POST', url: `/api/actions/tasks/${task.id}/comments/${commentId}/add-preview`, headers, payload: {} });
  if (preview.statusCode >= 300) throw new Error(`seeding a preview: ${preview.statusCode} ${preview.body}`);
  return {
    adminToken: admin.token,
    ids: {
      project: project.id, episode: episode.id, sequence: shot.sequence_id, shot: shot.id, asset: asset.id,
      asset_type: asset.entity_type_id, task_type: shotTaskType.id, task_status: task.task_status_id, task: task.id,
      person: artist.id, department: department.id, comment: commentId, preview_file: (preview.json() as { id: string }).id,
    },
  };
}

/** Placeholder names (without `_id`) that stand for a seeded row of another name. */
const SYNONYMS: Record<string, string> = {
  production: 'project', entity: 'shot', temporal_entity: 'shot', object: 'task', entity_type: 'asset_type',
  user: 'person', preview: 'preview_file', status: 'task_status',
};

/** Collection segments, for placeholders named only `id` (`projects/:id`). */
const COLLECTIONS: Record<string, string> = {
  projects: 'project', episodes: 'episode', sequences: 'sequence', shots: 'shot', assets: 'asset', entities: 'shot',
  tasks: 'task', persons: 'person', comments: 'comment', departments: 'department', 'preview-files': 'preview_file',
  'task-types': 'task_type', 'task-status': 'task_status', 'asset-types': 'asset_type', 'entity-types': 'asset_type',
};

/** Values that are not ids. */
const VALUES: Record<string, string> = {
  date: '2026-01-05', year: '2026', month: '1', week: '2', day: '5', frame_number: '1', extension: 'png',
  field_name: 'notes', name: 'file.png', token: 'not-a-share-token',
};

/**
 * The value for a placeholder: a seeded row when its name (or, for a bare `id`, the collection before
 * it) says which, a plain value for dates and the like, else a fresh UUID (the route then answers
 * "no such object", which still tells that it exists).
 */
export function placeholderValue(seed: SurfaceSeed, name: string, previousSegment: string | undefined): string {
  if (name in VALUES) return VALUES[name];
  const base = name.replace(/_id$/, '');
  const kind = SYNONYMS[base] ?? base;
  if (seed.ids[kind]) return seed.ids[kind];
  const fromCollection = previousSegment ? COLLECTIONS[previousSegment] : undefined;
  if ((name === 'id' || base === 'data') && fromCollection) return seed.ids[fromCollection];
  return randomUUID();
}
