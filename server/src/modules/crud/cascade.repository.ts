import type { Tx } from '../../platform/db/database.ts';

/**
 * Deletions never cascade in the database (§2.1): what `force=true` removes is listed here, children
 * first, each step one statement over all the ids involved.
 */

/** What hangs off comments: attachments, notifications, news (link rows cascade). */
export async function deleteCommentChildren(tx: Tx, commentIds: string[]): Promise<void> {
  if (commentIds.length === 0) return;
  await tx.deleteFrom('attachment_file').where('comment_id', 'in', commentIds).execute();
  await tx.deleteFrom('notification').where('comment_id', 'in', commentIds).execute();
  await tx.deleteFrom('news').where('comment_id', 'in', commentIds).execute();
}

export async function deleteComments(tx: Tx, commentIds: string[]): Promise<void> {
  if (commentIds.length === 0) return;
  await deleteCommentChildren(tx, commentIds);
  await tx.deleteFrom('comment').where('id', 'in', commentIds).execute();
}

/** Clears the references to preview files that have no foreign key (main thumbnails), and with `all` the others. */
export async function detachPreviewFiles(tx: Tx, previewIds: string[], all: boolean): Promise<void> {
  if (previewIds.length === 0) return;
  await tx.updateTable('entity').set({ preview_file_id: null }).where('preview_file_id', 'in', previewIds).execute();
  await tx.updateTable('task').set({ last_preview_file_id: null }).where('last_preview_file_id', 'in', previewIds).execute();
  if (!all) return;
  await tx.updateTable('news').set({ preview_file_id: null }).where('preview_file_id', 'in', previewIds).execute();
  await tx.updateTable('comment').set({ preview_file_id: null }).where('preview_file_id', 'in', previewIds).execute();
}

async function deleteWorkingFiles(tx: Tx, workingFileIds: string[]): Promise<void> {
  if (workingFileIds.length === 0) return;
  await tx.deleteFrom('output_file').where('source_file_id', 'in', workingFileIds).execute();
  await tx.deleteFrom('working_file').where('id', 'in', workingFileIds).execute();
}

/** Everything that belongs to tasks (files, comments, notifications, news, subscriptions, previews, time). */
export async function deleteTaskChildren(tx: Tx, taskIds: string[]): Promise<void> {
  if (taskIds.length === 0) return;
  const workingFiles = await tx.selectFrom('working_file').select('id').where('task_id', 'in', taskIds).execute();
  await deleteWorkingFiles(tx, workingFiles.map((row) => row.id));
  const comments = await tx.selectFrom('comment').select('id').where('object_id', 'in', taskIds).execute();
  await deleteComments(tx, comments.map((row) => row.id));
  await tx.deleteFrom('notification').where('task_id', 'in', taskIds).execute();
  await tx.deleteFrom('news').where('task_id', 'in', taskIds).execute();
  await tx.deleteFrom('subscription').where('task_id', 'in', taskIds).execute();
  await tx.deleteFrom('time_spent').where('task_id', 'in', taskIds).execute();
  const previews = await tx.selectFrom('preview_file').select('id').where('task_id', 'in', taskIds).execute();
  const previewIds = previews.map((row) => row.id);
  await detachPreviewFiles(tx, previewIds, true);
  if (previewIds.length > 0) await tx.deleteFrom('preview_file').where('id', 'in', previewIds).execute();
}

/** Whether a task has work logged against it (comments or time spents): deleting it needs force. */
export async function taskHasWork(tx: Tx, taskId: string): Promise<boolean> {
  const comment = await tx.selectFrom('comment').select('id').where('object_id', '=', taskId).limit(1).executeTakeFirst();
  if (comment) return true;
  const time = await tx.selectFrom('time_spent').select('id').where('task_id', '=', taskId).limit(1).executeTakeFirst();
  return time !== undefined;
}

/** Tasks of the entities and everything below them, then the entities' own files and watches. */
export async function deleteEntityChildren(tx: Tx, entityIds: string[]): Promise<void> {
  if (entityIds.length === 0) return;
  const tasks = await tx.selectFrom('task').select('id').where('entity_id', 'in', entityIds).execute();
  const taskIds = tasks.map((row) => row.id);
  await deleteTaskChildren(tx, taskIds);
  if (taskIds.length > 0) await tx.deleteFrom('task').where('id', 'in', taskIds).execute();
  const workingFiles = await tx.selectFrom('working_file').select('id').where('entity_id', 'in', entityIds).execute();
  await deleteWorkingFiles(tx, workingFiles.map((row) => row.id));
  await tx.deleteFrom('output_file').where((eb) => eb.or([eb('entity_id', 'in', entityIds), eb('temporal_entity_id', 'in', entityIds)])).execute();
  await tx.deleteFrom('subscription').where('entity_id', 'in', entityIds).execute();
}

/** A whole production: its entities and tasks (with everything below), schedule and settings rows. */
export async function deleteProjectChildren(tx: Tx, projectId: string): Promise<void> {
  const strayTasks = await tx.selectFrom('task').select('id').where('project_id', '=', projectId).execute();
  await deleteTaskChildren(tx, strayTasks.map((row) => row.id));
  if (strayTasks.length > 0) await tx.deleteFrom('task').where('project_id', '=', projectId).execute();
  const entities = await tx.selectFrom('entity').select('id').where('project_id', '=', projectId).execute();
  const entityIds = entities.map((row) => row.id);
  await deleteEntityChildren(tx, entityIds);
  // One statement for all entities: parent/source links inside the project are checked at its end.
  if (entityIds.length > 0) await tx.deleteFrom('entity').where('project_id', '=', projectId).execute();
  await tx.deleteFrom('milestone').where('project_id', '=', projectId).execute();
  await tx.deleteFrom('schedule_item').where('project_id', '=', projectId).execute();
  await tx.deleteFrom('metadata_descriptor').where('project_id', '=', projectId).execute();
}

/** What `DELETE data/persons/<id>?force=true` removes or detaches besides the person row. */
export async function deletePersonData(tx: Tx, personId: string): Promise<void> {
  const comments = await tx.selectFrom('comment').select('id').where('person_id', '=', personId).execute();
  await deleteComments(tx, comments.map((row) => row.id));
  await tx.updateTable('comment').set({ editor_id: null }).where('editor_id', '=', personId).execute();
  await tx.deleteFrom('notification').where((eb) => eb.or([eb('person_id', '=', personId), eb('author_id', '=', personId)])).execute();
  await tx.deleteFrom('news').where('author_id', '=', personId).execute();
  await tx.deleteFrom('subscription').where('person_id', '=', personId).execute();
  await tx.deleteFrom('time_spent').where('person_id', '=', personId).execute();
  await tx.deleteFrom('day_off').where('person_id', '=', personId).execute();
  await tx.deleteFrom('project_person_link').where('person_id', '=', personId).execute();
  await tx.deleteFrom('assignations').where('person_id', '=', personId).execute();
  await tx.deleteFrom('auth_session').where('person_id', '=', personId).execute();
  await tx.updateTable('task').set({ assigner_id: null }).where('assigner_id', '=', personId).execute();
  await tx.updateTable('task').set({ created_by: null }).where('created_by', '=', personId).execute();
  await tx.updateTable('entity').set({ created_by: null }).where('created_by', '=', personId).execute();
  await tx.updateTable('preview_file').set({ person_id: null }).where('person_id', '=', personId).execute();
  await tx.updateTable('working_file').set({ person_id: null }).where('person_id', '=', personId).execute();
  await tx.updateTable('output_file').set({ person_id: null }).where('person_id', '=', personId).execute();
}

/** Whether a person still takes part in productions (assigned, in a team): deleting needs force. */
export async function personHasMemberships(tx: Tx, personId: string): Promise<boolean> {
  const assigned = await tx.selectFrom('assignations').select('task_id').where('person_id', '=', personId).limit(1).executeTakeFirst();
  if (assigned) return true;
  const member = await tx.selectFrom('project_person_link').select('project_id').where('person_id', '=', personId).limit(1).executeTakeFirst();
  return member !== undefined;
}

/** Projects a task type is enabled in, and how many tasks use it. */
export async function taskTypeUsage(tx: Tx, taskTypeId: string): Promise<{ projects: string[]; tasks: number }> {
  const projects = await tx
    .selectFrom('project_task_type_link as l')
    .innerJoin('project as p', 'p.id', 'l.project_id')
    .select('p.name')
    .where('l.task_type_id', '=', taskTypeId)
    .orderBy('p.name')
    .execute();
  const tasks = await tx.selectFrom('task').select((eb) => eb.fn.countAll<number>().as('n')).where('task_type_id', '=', taskTypeId).executeTakeFirst();
  return { projects: projects.map((row) => row.name), tasks: Number(tasks?.n ?? 0) };
}

/** Detaches a task type from projects, asset-type workflows, schedules and the rows that merely point at it. */
export async function detachTaskType(tx: Tx, taskTypeId: string): Promise<void> {
  await tx.deleteFrom('project_task_type_link').where('task_type_id', '=', taskTypeId).execute();
  await tx.deleteFrom('entity_type_task_type_link').where('task_type_id', '=', taskTypeId).execute();
  await tx.deleteFrom('schedule_item').where('task_type_id', '=', taskTypeId).execute();
  await tx.deleteFrom('subscription').where('task_type_id', '=', taskTypeId).execute();
  await tx.updateTable('milestone').set({ task_type_id: null }).where('task_type_id', '=', taskTypeId).execute();
  await tx.updateTable('entity').set({ ready_for: null }).where('ready_for', '=', taskTypeId).execute();
  await tx.updateTable('output_file').set({ task_type_id: null }).where('task_type_id', '=', taskTypeId).execute();
}
