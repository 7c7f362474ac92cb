import { http } from '@/lib/http';
import type { ScheduleRisk, Timeline, TimelineGroupBy } from '@/lib/api-types';

export const fetchTimeline = (projectId: string, groupBy: TimelineGroupBy) =>
  http.get<Timeline>(`/data/projects/${encodeURIComponent(projectId)}/timeline`, { query: { group_by: groupBy } });

/** Tasks at risk, most late first. */
export const fetchScheduleRisks = (projectId: string) => http.get<ScheduleRisk[]>(`/data/projects/${encodeURIComponent(projectId)}/schedule-risks`);
