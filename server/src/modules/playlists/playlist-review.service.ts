import type { Actor } from '../../platform/auth/actor.ts';
import { requireEntityAccess, requireProjectMember } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import type {
  EntityPreviewFiles, PlaylistDetail, PreviewRevision, TempPlaylistBody,
} from '../../../../packages/contracts/src/playlists.schema.ts';
import { listBuildJobs } from './playlist-build-jobs.repository.ts';
import { entitiesAssignedTo, entityFactsOf, revisionFilesOf, tasksOf, type EntityFacts } from './playlist-previews.repository.ts';
import { groupRevisions, parentNameOf, presentBuildJob, presentEntryDetail, presentPlaylist } from './playlists.presenter.ts';
import { entriesOf, type PlaylistRow } from './playlists.repository.ts';
import { readablePlaylist } from './playlists.service.ts';

/** Reading playlists for review: an opened playlist, an entity's revisions, a temporary playlist. */

/**
 * `GET data/playlists/<id>` (and `data/projects/<pid>/playlists/<id>`): the playlist with each entry's
 * entity, chosen revision, that revision's task status, every revision by task type, and the builds.
 * Five queries however long the playlist; annotations are left out (the player loads them per preview).
 */
export async function openPlaylist(actor: Actor, id: string, db: Executor, projectId?: string): Promise<PlaylistDetail> {
  return presentOpened(db, await readablePlaylist(actor, id, db, projectId));
}

/** The opened playlist, for whoever was let in (a reader, or a guest with a share link). */
export async function presentOpened(db: Executor, row: PlaylistRow): Promise<PlaylistDetail> {
  const entries = (await entriesOf(db, [row.id])).get(row.id) ?? [];
  const entityIds = [...new Set(entries.map((entry) => entry.entity_id))];
  const [facts, files, builds] = await Promise.all([entityFactsOf(db, entityIds), revisionFilesOf(db, entityIds), listBuildJobs(db, row.id)]);
  const revisions = groupRevisions(files);
  const fileById = new Map(files.map((file) => [file.id, file]));
  const revisionById = new Map<string, PreviewRevision>();
  for (const byTaskType of revisions.values()) for (const list of Object.values(byTaskType)) for (const revision of list) revisionById.set(revision.id, revision);
  const shots = entries.map((entry) => presentEntryDetail(
    entry,
    facts.get(entry.entity_id),
    revisions.get(entry.entity_id),
    entry.preview_file_id ? fileById.get(entry.preview_file_id) : undefined,
    entry.preview_file_id ? revisionById.get(entry.preview_file_id) : undefined,
  ));
  return { ...presentPlaylist(row, []), shots, build_jobs: builds.map(presentBuildJob) };
}

/** `GET data/playlists/entities/<id>/preview-files`: the entity's revisions by task type, with annotations. */
export async function entityPreviewFiles(actor: Actor, entityId: string, db: Executor): Promise<EntityPreviewFiles> {
  const id = uuidOr404(entityId);
  const facts = (await entityFactsOf(db, [id])).get(id);
  if (!facts) throw errors.notFound();
  const access = await requireProjectMember(db, actor, facts.project_id);
  await requireEntityAccess(db, actor, id, access.effectiveRole);
  const files = await revisionFilesOf(db, [id], { annotations: true });
  return groupRevisions(files, { annotations: true }).get(id) ?? {};
}

function tempEntryBase(facts: EntityFacts, taskId: string) {
  const episode = facts.entity_type_name === 'Shot' ? { id: facts.grandparent_id, name: facts.grandparent_name }
    : facts.entity_type_name === 'Sequence' || facts.entity_type_name === 'Edit' ? { id: facts.parent_id, name: facts.parent_name }
      : { id: null, name: null };
  const sequence = facts.entity_type_name === 'Shot' ? { id: facts.parent_id, name: facts.parent_name } : { id: null, name: null };
  return {
    id: facts.id,
    name: facts.name,
    parent_name: parentNameOf(facts),
    episode_id: episode.id ?? '',
    episode_name: episode.name ?? '',
    sequence_id: sequence.id ?? '',
    sequence_name: sequence.name ?? '',
    asset_type_id: facts.is_asset ? facts.entity_type_id : '',
    asset_type_name: facts.is_asset ? facts.entity_type_name : '',
    preview_file_task_id: taskId,
  };
}

/**
 * `POST data/projects/<id>/playlists/temp` (Gazu's generate_temp_playlist): nothing is stored; each
 * task's entity with its latest revision of that task's type (or of another task type when it has
 * none), ordered by episode, sequence or asset type then name with `?sort=true`.
 */
export async function tempPlaylist(actor: Actor, projectId: string, input: TempPlaylistBody, sort: boolean, db: Executor) {
  const project = uuidOr404(projectId);
  const access = await requireProjectMember(db, actor, project);
  const taskIds = [...new Set(input.task_ids.map((taskId) => taskId.toLowerCase()))];
  const tasks = await tasksOf(db, taskIds);
  if (tasks.length !== taskIds.length || tasks.some((task) => task.project_id !== project)) {
    throw errors.unprocessable('Every task must be a task of this production.', { field: 'task_ids' });
  }
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const entityIds = [...new Set(tasks.map((task) => task.entity_id))];
  // Vendors reach only the entities of their tasks (check_entity_access), checked in one query.
  if (access.effectiveRole === 'vendor') {
    const reachable = await entitiesAssignedTo(db, actor.id, entityIds);
    if (entityIds.some((id) => !reachable.has(id))) throw errors.forbidden();
  }
  const [facts, files] = await Promise.all([entityFactsOf(db, entityIds), revisionFilesOf(db, entityIds)]);
  const revisions = groupRevisions(files);
  const entries = taskIds.map((taskId) => {
    const task = byId.get(taskId)!;
    const previewFiles = revisions.get(task.entity_id) ?? {};
    const chosen = previewFiles[task.task_type_id]?.[0] ?? Object.values(previewFiles).find((list) => list.length > 0)?.[0];
    const base = { ...tempEntryBase(facts.get(task.entity_id)!, taskId), preview_files: previewFiles };
    if (!chosen) return base;
    return {
      ...base,
      preview_file_id: chosen.id, preview_file_extension: chosen.extension, preview_file_revision: chosen.revision,
      preview_file_width: chosen.width, preview_file_height: chosen.height, preview_file_duration: chosen.duration,
      preview_file_status: chosen.status, preview_file_previews: chosen.previews,
    };
  });
  if (!sort) return entries;
  const key = (entry: (typeof entries)[number]) => entry.episode_name || entry.sequence_name || entry.asset_type_name;
  return entries.sort((a, b) => key(a).localeCompare(key(b)) || a.name.localeCompare(b.name));
}
