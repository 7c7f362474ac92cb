import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from './models/columns.ts';
import { TaskRow } from './tasks.schema.ts';

/**
 * The planning of many tasks in one request (#18): what the bulk Dates…, Estimate… and Priority… of
 * the shots and assets tables send, and what their Undo sends back (each task its own values).
 */

const Day = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$',
  description: 'YYYY-MM-DD (a time part is accepted and kept)',
});

export const TaskPlan = Type.Object(
  {
    id: Uuid(),
    start_date: Type.Optional(Nullable(Day)),
    due_date: Type.Optional(Nullable(Day)),
    estimation: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000, description: 'Minutes' })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    difficulty: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  },
  { additionalProperties: false, description: 'One task and the planning fields to set on it; absent fields stay as they are' },
);
export type TaskPlan = Static<typeof TaskPlan>;

export const PlanTasksBody = Type.Object(
  { tasks: Type.Array(TaskPlan, { minItems: 1, maxItems: 2000 }) },
  { additionalProperties: false },
);
export type PlanTasksBody = Static<typeof PlanTasksBody>;

export const PlannedTasks = Type.Array(TaskRow, { description: 'The tasks as they are now, with their assignees, in the order asked' });
