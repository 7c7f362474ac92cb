import { http } from '@/lib/http';
import type { AssetWithTasks, ShotWithTasks, TaskStatusInfo } from '@/lib/api-types';
import type { EntityKind } from '@/features/productions/productions.store';

/** Shots of a production with their tasks, one row per shot (revalidated with its ETag: unchanged, it answers 304). */
export const fetchShotsWithTasks = (projectId: string) =>
  http.get<ShotWithTasks[]>('/data/shots/with-tasks', { query: { project_id: projectId }, revalidate: true });

/** Assets of a production with their tasks, one row per asset. */
export const fetchAssetsWithTasks = (projectId: string) =>
  http.get<AssetWithTasks[]>('/data/assets/with-tasks', { query: { project_id: projectId }, revalidate: true });

/** Creates (or finds: the route is idempotent) the task of a task type on a shot or an asset. */
export function createEntityTask(kind: EntityKind, entityId: string, taskTypeName: string): Promise<TaskStatusInfo> {
  const collection = kind === 'Shot' ? 'shots' : 'assets';
  return http.post<TaskStatusInfo>(`/${collection}/${encodeURIComponent(entityId)}/tasks`, {}, { query: { task_type: taskTypeName } });
}

export interface BulkItem {
  shot_id?: string;
  asset_id?: string;
  task_type: string;
  created: boolean;
  task_id: string | null;
  status: string | null;
  error?: string;
}

/** Creates the tasks of one task type on many entities in one transaction. */
export function bulkCreateTasks(kind: EntityKind, entityIds: string[], taskTypeName: string): Promise<{ results: BulkItem[] }> {
  return kind === 'Shot'
    ? http.post('/shots/tasks/bulk', { shot_ids: entityIds, task_types: [taskTypeName] })
    : http.post('/assets/tasks/bulk', { asset_ids: entityIds, task_types: [taskTypeName] });
}
