import { http } from '@/lib/http';

/** The three studio libraries a production picks from (the API's settings route names). */
export type SettingsLibrary = 'task-types' | 'asset-types' | 'task-status';

const BODY_KEY: Record<SettingsLibrary, string> = { 'task-types': 'task_type_id', 'asset-types': 'asset_type_id', 'task-status': 'task_status_id' };

const settingsPath = (projectId: string, library: SettingsLibrary) => `/data/projects/${encodeURIComponent(projectId)}/settings/${library}`;

/** Links a task type (with its column priority), an asset type or a task status to the production. */
export function addToProduction(projectId: string, library: SettingsLibrary, id: string, priority?: number): Promise<unknown> {
  return http.post(settingsPath(projectId, library), { [BODY_KEY[library]]: id, ...(priority !== undefined ? { priority } : {}) });
}

export function removeFromProduction(projectId: string, library: SettingsLibrary, id: string): Promise<void> {
  return http.delete(`${settingsPath(projectId, library)}/${encodeURIComponent(id)}`);
}

export interface TemplateTaskType {
  id: string;
  name: string;
  short_name: string | null;
}

/** The task types each new shot and asset of the production gets. */
export interface TaskTemplates {
  shot: TemplateTaskType[];
  asset: TemplateTaskType[];
}

const templatesPath = (projectId: string) => `/projects/${encodeURIComponent(projectId)}/task-templates`;

export const fetchTaskTemplates = (projectId: string) => http.get<TaskTemplates>(templatesPath(projectId));

/** Replaces the templates of the kinds given (task type ids). */
export const saveTaskTemplates = (projectId: string, templates: { shot?: string[]; asset?: string[] }) => http.put<TaskTemplates>(templatesPath(projectId), templates);
