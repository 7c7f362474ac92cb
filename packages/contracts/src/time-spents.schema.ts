import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from './models/index.ts';
import * as Rows from './rows.schema.ts';

/**
 * Time spent (Zou contract §4.6, §4.7, §6.6). Durations are minutes. Path segments are declared as
 * plain strings: handlers validate them so that errors carry Zou's texts ("Wrong date format.") and
 * statuses (404 for a malformed task id on a feature route).
 */

export { Nullable, Uuid };

/**
 * Datetimes and dates computed by queries rather than read from a model column. They carry no
 * JSON-schema `format`: Zou's datetimes have no zone, which `date-time` would refuse wherever the
 * serialiser validates a value (the branches of a union).
 */
export const WireDateTime = () => Type.String({ description: 'UTC, YYYY-MM-DDTHH:MM:SS' });
export const WireDate = () => Type.String({ description: 'YYYY-MM-DD' });

export const TimeSpentRow = Type.Object(Rows.TimeSpentRow.properties, {
  description: 'One time spent row: the minutes a person logged on a task for a day.',
});
export type TimeSpentRow = Static<typeof TimeSpentRow>;

export const TimeSpentList = Type.Array(TimeSpentRow);

export const TaskTimeSpentsParams = Type.Object({
  task_id: Type.String({ description: 'Task id' }),
  date: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
});

export const TaskPersonTimeSpentParams = Type.Object({
  task_id: Type.String({ description: 'Task id' }),
  date: Type.String({ description: 'YYYY-MM-DD' }),
  person_id: Type.String({ description: 'Person who spent the time (must be an assignee of the task)' }),
});

export const TimeSpentBody = Type.Object(
  { duration: Type.Number({ exclusiveMinimum: 0, description: 'Minutes, > 0' }) },
  { additionalProperties: true },
);
export type TimeSpentBody = Static<typeof TimeSpentBody>;

/** `{"total": <minutes>, "<person_id>": [time spents]}` — Zou's shape for a task's time spents. */
export const TaskTimeSpents = Type.Unsafe<Record<string, number | TimeSpentRow[]>>({
  type: 'object',
  description: "Total minutes, plus one key per person id holding that person's time spents.",
  properties: { total: { type: 'number', description: 'Sum of the listed durations, in minutes' } },
  required: ['total'],
  additionalProperties: TimeSpentList,
});

export const IdParams = Type.Object({ id: Type.String() });
export const PersonParams = Type.Object({ person_id: Type.String() });
export const PersonDateParams = Type.Object({ person_id: Type.String(), date: Type.String({ description: 'YYYY-MM-DD' }) });
export const PersonYearParams = Type.Object({ person_id: Type.String(), year: Type.String() });
export const PersonYearMonthParams = Type.Object({ person_id: Type.String(), year: Type.String(), month: Type.String() });
export const PersonYearWeekParams = Type.Object({ person_id: Type.String(), year: Type.String(), week: Type.String() });
export const PersonDayParams = Type.Object({
  person_id: Type.String(),
  year: Type.String(),
  month: Type.String(),
  day: Type.String(),
});
export const YearParams = Type.Object({ year: Type.String() });
export const YearMonthParams = Type.Object({ year: Type.String(), month: Type.String() });

export const DateRangeQuery = Type.Object(
  {
    start_date: Type.Optional(Type.String({ description: 'YYYY-MM-DD; requires end_date' })),
    end_date: Type.Optional(Type.String({ description: 'YYYY-MM-DD; requires start_date' })),
  },
  { additionalProperties: true },
);
export type DateRangeQuery = Static<typeof DateRangeQuery>;

export const ProjectFilterQuery = Type.Object(
  { project_id: Type.Optional(Type.String({ description: 'Restrict to one project' })) },
  { additionalProperties: true },
);
export type ProjectFilterQuery = Static<typeof ProjectFilterQuery>;

/** A person's time aggregated per task over a period (Zou's time sheet rows). */
export const TaskTimeSheetRow = Type.Object({
  task_id: Uuid(),
  task_type_id: Uuid(),
  project_id: Uuid(),
  project_name: Type.String(),
  entity_name: Type.String(),
  entity_type_name: Type.String(),
  sequence_name: Nullable(Type.String()),
  episode_name: Nullable(Type.String()),
  duration: Type.Number({ description: 'Minutes over the period' }),
});
export const TaskTimeSheet = Type.Array(TaskTimeSheetRow);

/** `{"<unit>": {"<person_id>": <minutes>}}`: per-person totals by day, week, month or year. */
export const TimeSpentTable = Type.Record(Type.String(), Type.Record(Type.String(), Type.Number()), {
  description: 'Keys: day of month, ISO week, month number or year; values: minutes per person id.',
});
