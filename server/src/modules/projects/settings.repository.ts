import type { Static } from 'typebox';
import type { ProjectTaskTypeList } from '../../../../packages/contracts/src/projects.schema.ts';
import type { Executor } from '../../platform/db/database.ts';

type ProjectTaskType = Static<typeof ProjectTaskTypeList>[number];
import { TASK_STATUS_COLUMNS, presentTaskStatus, type TaskStatusView } from './project.presenter.ts';

/** The three project setting lists Gazu edits one item at a time (§4.3): asset types, task types, statuses. */
export type SettingList = 'asset-types' | 'task-types' | 'task-status';

/** Does the referenced row exist (entity type, task type or task status)? */
export async function settingTargetExists(db: Executor, list: SettingList, id: string): Promise<boolean> {
  const table = list === 'asset-types' ? 'entity_type' : list === 'task-types' ? 'task_type' : 'task_status';
  return (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Adds an item to a setting list; an item already there is left as is (its priority kept). */
export async function addSetting(db: Executor, list: SettingList, projectId: string, id: string, priority?: number | null): Promise<boolean> {
  const result =
    list === 'asset-types'
      ? await db.insertInto('project_asset_type_link').values({ project_id: projectId, asset_type_id: id })
        .onConflict((c) => c.doNothing()).executeTakeFirst()
      : list === 'task-types'
        ? await db.insertInto('project_task_type_link').values({ project_id: projectId, task_type_id: id, priority: priority ?? null })
          .onConflict((c) => c.doNothing()).executeTakeFirst()
        : await db.insertInto('project_task_status_link').values({ project_id: projectId, task_status_id: id })
          .onConflict((c) => c.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes an item from a setting list; returns whether it was there. */
export async function removeSetting(db: Executor, list: SettingList, projectId: string, id: string): Promise<boolean> {
  const result =
    list === 'asset-types'
      ? await db.deleteFrom('project_asset_type_link').where('project_id', '=', projectId).where('asset_type_id', '=', id).executeTakeFirst()
      : list === 'task-types'
        ? await db.deleteFrom('project_task_type_link').where('project_id', '=', projectId).where('task_type_id', '=', id).executeTakeFirst()
        : await db.deleteFrom('project_task_status_link').where('project_id', '=', projectId).where('task_status_id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
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
