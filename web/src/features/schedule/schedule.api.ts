import { http } from '@/lib/http';
import type { ScheduleRisk, Timeline, TimelineGroupBy } from '@/lib/api-types';

export const fetchTimeline = (projectId: string, groupBy: TimelineGroupBy) =>
  http.get<Timeline>(`/data/projects/${encodeURIComponent(projectId)}/timeline`, { query: { group_by: groupBy } });

/** Tasks at risk, most late first. */
export const fetchScheduleRisks = (projectId: string) => http.get<ScheduleRisk[]>(`/data/projects/${encodeURIComponent(projectId)}/schedule-risks`);

/** New planned dates of a task (`PUT data/tasks/<id>`, the route Gazu's update_task uses). */
export const updateTaskDates = (taskId: string, dates: { start_date: string; due_date: string }) =>
  http.put<{ id: string; start_date: string | null; due_date: string | null }>(`/data/tasks/${encodeURIComponent(taskId)}`, dates);
