import type { TimeSpentRow } from '../../../../packages/contracts/src/time-spents.schema.ts';
import type { TimeSpentRecord } from './time-spents.repository.ts';

/** A time spent as Zou serialises it: its columns (whitelisted) and `type`. */
export function presentTimeSpent(row: TimeSpentRecord): TimeSpentRow {
  return {
    id: row.id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    duration: row.duration,
    date: row.date,
    task_id: row.task_id,
    person_id: row.person_id,
    type: 'TimeSpent',
  };
}

/** `{"total": minutes, "<person_id>": [rows]}` (Zou's `get_time_spents`). */
export function presentTaskTimeSpents(rows: TimeSpentRecord[]): Record<string, number | TimeSpentRow[]> {
  const byPerson: Record<string, TimeSpentRow[]> = {};
  let total = 0;
  for (const row of rows) {
    (byPerson[row.person_id] ??= []).push(presentTimeSpent(row));
    total += row.duration;
  }
  return { total, ...byPerson };
}
