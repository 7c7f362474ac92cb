import type { Static } from 'typebox';
import type { TaskRow } from '@contracts/models/tasks.schema.ts';
import { http } from '@/lib/http';

/** A task as `GET /api/data/tasks/<id>` sends it: its row with the assignees' ids. */
export type LiveTask = Static<typeof TaskRow> & { assignees: string[] };

/** One task as it is now: what a live event about it asks to read again. */
export const fetchTask = (taskId: string) => http.get<LiveTask>(`/data/tasks/${encodeURIComponent(taskId)}`);
