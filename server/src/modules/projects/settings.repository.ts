import type { Static } from 'typebox';
import type { ProjectTaskTypeList } from '../../../../packages/contracts/src/projects.schema.ts';
import type { Executor } from '../../platform/db/database.ts';

type ProjectTaskType = Static<typeof ProjectTaskTypeList>[number];
import { TASK_STATUS_COLUMNS, presentTaskStatus, type TaskStatusView } from './project.presenter.ts';

/**
 * The project setting lists edited one item at a time (§4.3): asset types, task types, statuses, and
 * the status automations and preview backgrounds the production uses (#14).
 */
export type SettingList = 'asset-types' | 'task-types' | 'task-status' | 'status-automations' | 'preview-background-files';

const TARGET_TABLES = {
  'asset-types': 'entity_type', 'task-types': 'task_type', 'task-status': 'task_status',
  'status-automations': 'status_automation', 'preview-background-files': 'preview_background_file',
} as const;

/** Does the referenced row exist (entity type, task type, task status, status automation, background)? */
export async function settingTargetExists(db: Executor, list: SettingList, id: string): Promise<boolean> {
  return (await db.selectFrom(TARGET_TABLES[list]).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Adds an item to a setting list; an item already there is left as is (its priority kept). */
export async function addSetting(db: Executor, list: SettingList, projectId: string, id: string, priority?: number | null): Promise<boolean> {
  const insert = () => {
    switch (list) {
      case 'asset-types': return db.insertInto('project_asset_type_link').values({ project_id: projectId, asset_type_id: id });
      case 'task-types': return db.insertInto('project_task_type_link').values({ project_id: projectId, task_type_id: id, priority: priority ?? null });
      case 'task-status': return db.insertInto('project_task_status_link').values({ project_id: projectId, task_status_id: id });
      case 'status-automations': return db.insertInto('project_status_automation_link').values({ project_id: projectId, status_automation_id: id });
      case 'preview-background-files':
        return db.insertInto('project_preview_background_file_link').values({ project_id: projectId, preview_background_file_id: id });
    }
  };
  const result = await insert().onConflict((c) => c.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes an item from a setting list; returns whether it was there. */
export async function removeSetting(db: Executor, list: SettingList, projectId: string, id: string): Promise<boolean> {
  const remove = () => {
    switch (list) {
      case 'asset-types': return db.deleteFrom('project_asset_type_link').where('project_id', '=', projectId).where('asset_type_id', '=', id);
      case 'task-types': return db.deleteFrom('project_task_type_link').where('project_id', '=', projectId).where('task_type_id', '=', id);
      case 'task-status': return db.deleteFrom('project_task_status_link').where('project_id', '=', projectId).where('task_status_id', '=', id);
      case 'status-automations':
        return db.deleteFrom('project_status_automation_link').where('project_id', '=', projectId).where('status_automation_id', '=', id);
      case 'preview-background-files':
        return db.deleteFrom('project_preview_background_file_link').where('project_id', '=', projectId).where('preview_background_file_id', '=', id);
    }
  };
  const result = await remove().executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The status automations a production uses, oldest first. */
export async function projectStatusAutomations(db: Executor, projectId: string) {
  const rows = await db
    .selectFrom('project_status_automation_link as l')
    .innerJoin('status_automation as sa', 'sa.id', 'l.status_automation_id')
    .selectAll('sa')
    .where('l.project_id', '=', projectId)
    .orderBy('sa.created_at')
    .execute();
  return rows.map((row) => ({ ...row, out_field_type: row.out_field_type as 'status' | 'ready_for', type: 'StatusAutomation' as const }));
}

/** The preview backgrounds a production offers, by name. */
export async function projectPreviewBackgrounds(db: Executor, projectId: string) {
  const rows = await db
    .selectFrom('project_preview_background_file_link as l')
    .innerJoin('preview_background_file as b', 'b.id', 'l.preview_background_file_id')
    .selectAll('b')
    .where('l.project_id', '=', projectId)
    .orderBy('b.name')
    .execute();
  return rows.map((row) => ({ ...row, type: 'PreviewBackgroundFile' as const }));
}

/** The task statuses chosen for a project, in the project's order. */
export async function projectTaskStatuses(db: Executor, projectId: string): Promise<TaskStatusView[]> {
  const rows = await db
    .selectFrom('project_task_status_link as l')
    .innerJoin('task_status as ts', 'ts.id', 'l.task_status_id')
    .select(TASK_STATUS_COLUMNS.map((column) => `ts.${column}` as const))
    .where('l.project_id', '=', projectId)
    .orderBy('l.priority', (ob) => ob.asc().nullsLast())
    .orderBy('ts.priority')
    .orderBy('ts.name')
    .execute();
  return rows.map(presentTaskStatus);
}

/** The task types chosen for a project (Zou's `data/projects/<id>/task-types`), by link priority then name. */
export async function projectTaskTypes(db: Executor, projectId: string): Promise<ProjectTaskType[]> {
  const rows = await db
    .selectFrom('project_task_type_link as l')
    .innerJoin('task_type as tt', 'tt.id', 'l.task_type_id')
    .selectAll('tt')
    .select('l.priority as project_priority')
    .where('l.project_id', '=', projectId)
    .orderBy('l.priority', (ob) => ob.asc().nullsLast())
    .orderBy('tt.name')
    .execute();
  return rows.map((row) => ({ ...row, for_entity: row.for_entity as ProjectTaskType['for_entity'], type: 'TaskType' as const }));
}
