import { Type, type Static } from 'typebox';
import * as Model from './models/index.ts';
import { Nullable, Uuid } from './models/index.ts';
import { WireDateTime } from './time-spents.schema.ts';

/**
 * Schedules beyond Zou: schedule risks, Gantt timelines and finish-to-start task dependencies.
 * Durations and estimations are minutes; datetimes are UTC `YYYY-MM-DDTHH:MM:SS`. Task, status,
 * entity and milestone values take their schemas from the models; the risk reasons, a union the
 * serialiser validates, keep format-free datetimes.
 */

const task = Model.TaskRow.properties;
const taskTypeName = Model.TaskTypeRow.properties.name;
const taskStatusShortName = Model.TaskStatusRow.properties.short_name;
const entityName = Model.EntityRow.properties.name;

const DaysLate = Type.Number({ description: 'Days late (fractional, 2 decimals)' });

export const OverdueReason = Type.Object(
  {
    kind: Type.Literal('overdue'),
    due_date: WireDateTime(),
    days_late: DaysLate,
  },
  { description: 'The due date has passed and the task status is not a done status.' },
);

export const OverEstimateReason = Type.Object(
  {
    kind: Type.Literal('over_estimate'),
    estimation: Type.Number({ description: 'Estimated minutes' }),
    duration: Type.Number({ description: 'Minutes spent so far (sum of time spents)' }),
    overrun: Type.Number({ description: 'duration - estimation, in minutes' }),
  },
  { description: 'More time was spent than estimated (only when an estimation is set).' },
);

export const PredecessorLateReason = Type.Object(
  {
    kind: Type.Literal('predecessor_late'),
    predecessor_task_id: Uuid(),
    predecessor_task_name: task.name,
    predecessor_entity_name: entityName,
    predecessor_task_type_name: taskTypeName,
    predecessor_end: WireDateTime(),
    due_date: WireDateTime(),
    days_late: Type.Number({ description: 'Days between the task due date and the predecessor end' }),
  },
  {
    description:
      "The task is due before one of its predecessors ends. A predecessor's end is its end date (or done date) when it is " +
      'done, else its due date; predecessors without such a date are ignored.',
  },
);

export const RiskReason = Type.Union([OverdueReason, OverEstimateReason, PredecessorLateReason]);

export const ScheduleRisk = Type.Object(
  {
    task_id: Uuid(),
    task_name: task.name,
    entity_id: Uuid(),
    entity_name: entityName,
    task_type_id: Uuid(),
    task_type_name: taskTypeName,
    task_status_id: Uuid(),
    task_status_short_name: taskStatusShortName,
    assignees: Type.Array(Uuid()),
    due_date: task.due_date,
    estimation: task.estimation,
    duration: task.duration,
    reasons: Type.Array(RiskReason, { minItems: 1, description: 'Why the task is at risk, most late first' }),
  },
  { description: 'A task at risk. Only tasks whose status is not done, on entities that are not canceled, are considered.' },
);
export type ScheduleRisk = Static<typeof ScheduleRisk>;
export const ScheduleRiskList = Type.Array(ScheduleRisk, {
  description: 'Sorted most late first (days late over every reason), then by estimate overrun, then by due date.',
});

export const ProjectParams = Type.Object({ project_id: Type.String({ description: 'Project id' }) });

export const GROUP_BY = ['task_type', 'sequence', 'episode', 'asset_type'] as const;
export type TimelineGroupBy = (typeof GROUP_BY)[number];

export const TimelineQuery = Type.Object(
  {
    task_type_id: Type.Optional(Type.String({ description: 'Only tasks of this task type (and milestones of it or of no type)' })),
    sequence_id: Type.Optional(Type.String({ description: 'Only tasks of this sequence and of its shots and scenes' })),
    episode_id: Type.Optional(Type.String({ description: 'Only tasks of this episode and of what it contains' })),
    asset_type_id: Type.Optional(Type.String({ description: 'Only tasks of assets of this type' })),
    group_by: Type.Optional(Type.Unsafe<TimelineGroupBy>({ type: 'string', enum: [...GROUP_BY], description: 'Adds `groups`' })),
  },
  { additionalProperties: true },
);
export type TimelineQuery = Static<typeof TimelineQuery>;

export const TimelineTask = Type.Object({
  task_id: Uuid(),
  task_name: task.name,
  entity_id: Uuid(),
  entity_name: entityName,
  entity_type_name: Type.String({ description: 'Shot, Sequence, Episode… or the asset type name' }),
  sequence_id: Nullable(Uuid()),
  sequence_name: Nullable(entityName),
  episode_id: Nullable(Uuid()),
  episode_name: Nullable(entityName),
  asset_type_id: Nullable(Uuid()),
  asset_type_name: Nullable(Model.EntityTypeRow.properties.name),
  task_type_id: Uuid(),
  task_type_name: taskTypeName,
  task_type_color: Model.TaskTypeRow.properties.color,
  task_status_id: Uuid(),
  task_status_short_name: taskStatusShortName,
  task_status_color: Model.TaskStatusRow.properties.color,
  is_done: Model.TaskStatusRow.properties.is_done,
  assignees: Type.Array(Uuid()),
  ...Type.Pick(Model.TaskRow, ['start_date', 'due_date', 'real_start_date', 'end_date', 'estimation', 'duration']).properties,
});
export type TimelineTask = Static<typeof TimelineTask>;

export const TimelineMilestone = Type.Pick(Model.MilestoneRow, ['id', 'name', 'date', 'task_type_id']);
export type TimelineMilestone = Static<typeof TimelineMilestone>;

export const TimelineGroup = Type.Object({
  id: Nullable(Uuid()),
  name: Nullable(Type.String()),
  start_date: Nullable(Type.String({ description: 'Earliest planned or real start of the group (UTC)' })),
  end_date: Nullable(Type.String({ description: 'Latest due or end date of the group (UTC)' })),
  task_ids: Type.Array(Uuid()),
});

export const Timeline = Type.Object(
  {
    project_id: Uuid(),
    project_start_date: Model.ProjectRow.properties.start_date,
    project_end_date: Model.ProjectRow.properties.end_date,
    tasks: Type.Array(TimelineTask),
    milestones: Type.Array(TimelineMilestone),
    groups: Type.Optional(Type.Array(TimelineGroup, { description: 'Present with `group_by`, in task order' })),
  },
  { description: 'Task date ranges for Gantt views: planned (start/due) and real (real start/end), with milestones.' },
);
export type Timeline = Static<typeof Timeline>;

export const TaskParams = Type.Object({ task_id: Type.String({ description: 'Task id' }) });
export const DependencyParams = Type.Object({
  task_id: Type.String({ description: 'Task id' }),
  depends_on_task_id: Type.String({ description: 'Predecessor task id' }),
});

export const DependencyBody = Type.Object(
  { depends_on_task_id: Type.String({ description: 'The predecessor: a task of the same project' }) },
  { additionalProperties: true },
);
export type DependencyBody = Static<typeof DependencyBody>;

export const TaskDependency = Type.Object(
  {
    id: Uuid(),
    type: Type.Literal('TaskDependency'),
    created_at: WireDateTime(),
    updated_at: WireDateTime(),
    project_id: Uuid(),
    task_id: Uuid(),
    depends_on_task_id: Uuid(),
    created_by: Nullable(Uuid()),
    depends_on_task_name: task.name,
    depends_on_entity_name: entityName,
    depends_on_task_type_name: taskTypeName,
    depends_on_task_status_short_name: taskStatusShortName,
    depends_on_due_date: task.due_date,
    depends_on_end_date: task.end_date,
  },
  { description: 'A finish-to-start link: `task_id` cannot end before `depends_on_task_id` ends.' },
);
export type TaskDependency = Static<typeof TaskDependency>;
export const TaskDependencyList = Type.Array(TaskDependency);
