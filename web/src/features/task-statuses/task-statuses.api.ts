import { http } from '@/lib/http';
import type { AllTaskStatuses, TaskStatusMutationResult } from '@/lib/api-types';
import type { StatusFlags } from './status-settings';

/** What the studio routes accept on a create or an update besides name, colour and default. */
type StatusSettingsBody = Partial<StatusFlags> & { short_name?: string };

const base = (projectId: string) => `/projects/${encodeURIComponent(projectId)}/task-statuses`;

export const fetchStatuses = (projectId: string) => http.get<AllTaskStatuses>(base(projectId));

export const createStatus = (projectId: string, body: { name: string; color: string; is_default?: boolean } & StatusSettingsBody) =>
  http.post<TaskStatusMutationResult>(base(projectId), body);

export const updateStatus = (projectId: string, statusId: string, body: { name?: string; color?: string; is_default?: boolean } & StatusSettingsBody) =>
  http.put<TaskStatusMutationResult>(`${base(projectId)}/${encodeURIComponent(statusId)}`, body);

export const deleteStatus = (projectId: string, statusId: string, reassignTo?: string) =>
  http.delete<TaskStatusMutationResult>(`${base(projectId)}/${encodeURIComponent(statusId)}`, { query: { reassign_to: reassignTo } });

export const reorderStatuses = (projectId: string, statusIds: string[]) =>
  http.patch<TaskStatusMutationResult>(`${base(projectId)}/reorder`, { status_ids: statusIds });
