import {
  DayOffRow, MetadataDescriptorRow, MilestoneRow, ScheduleItemRow, TimeSpentRow,
} from '../../../../../packages/contracts/src/models/index.ts';
import { all, manager, member, notVendor, owner } from '../crud.policy.ts';
import { crudErrors } from '../crud.errors.ts';
import type { Collection, HookContext, Row, WriteResult } from '../crud.types.ts';
import type { DomainEvent } from '../../../platform/events/event-bus.ts';
import { lockTask, recomputeTaskDuration } from '../../time-spents/time-spents.repository.ts';
import { dayOffOverlaps, deleteTimeSpentsInPeriod } from '../model-rules.repository.ts';
import { adminPolicy } from './policies.ts';

/** Time, days off and the production schedule. */

/** A time spent written through CRUD keeps its task's duration (the sum of its time spents) exact. */
async function refreshTaskDurations(ctx: HookContext, taskIds: unknown[]): Promise<WriteResult> {
  const ids = [...new Set(taskIds.filter((id): id is string => typeof id === 'string'))];
  const events: DomainEvent[] = [];
  for (const taskId of ids) {
    const task = await lockTask(ctx.tx, taskId);
    if (!task) continue;
    await recomputeTaskDuration(ctx.tx, taskId);
    events.push({ name: 'task:update', data: { task_id: taskId }, projectId: task.project_id, actorId: ctx.actor.id });
  }
  return { events };
}

export const timeSpents: Collection = {
  name: 'time-spents', table: 'time_spent', typeName: 'TimeSpent', schema: TimeSpentRow,
  project: { via: 'task', column: 'task_id' }, policy: adminPolicy,
  // modules/time-spents deletes time spents (and recomputes the task duration).
  servedElsewhere: ['delete'],
  hooks: {
    afterCreate: (ctx, _id, values) => refreshTaskDurations(ctx, [values.task_id]),
    afterUpdate: (ctx, current, changes) => refreshTaskDurations(ctx, [current.task_id, changes.task_id]),
  },
};

/** A day off may not overlap another of the same person, and replaces the time logged in its period. */
async function checkDayOff(ctx: HookContext, day: Row, exceptId: string | null): Promise<void> {
  const { person_id: personId, date, end_date: endDate } = day;
  if (typeof personId !== 'string' || typeof date !== 'string' || typeof endDate !== 'string') return;
  if (await dayOffOverlaps(ctx.tx, personId, date, endDate, exceptId)) throw crudErrors.dayOffExists();
  await deleteTimeSpentsInPeriod(ctx.tx, personId, date, endDate);
}

const self = owner('person_id');

export const dayOffs: Collection = {
  name: 'day-offs',
  table: 'day_off',
  typeName: 'DayOff',
  schema: DayOffRow,
  policy: { list: 'admin', read: self, create: self, update: self, delete: self },
  constraintErrors: { day_off_person_id_date_key: crudErrors.dayOffExists },
  hooks: {
    async deriveCreate(ctx, values) {
      values.person_id ??= ctx.actor.id;
    },
    async beforeCreate(ctx, values) {
      values.end_date ??= values.date;
      await checkDayOff(ctx, values, null);
    },
    async beforeUpdate(ctx, current, changes) {
      // Only admins may move a day off to someone else.
      if (ctx.actor.role !== 'admin') delete changes.person_id;
      await checkDayOff(ctx, { ...current, ...changes }, String(current.id));
    },
  },
};

const projectManaged = { create: manager, update: manager, delete: manager } as const;

export const milestones: Collection = {
  name: 'milestones', table: 'milestone', typeName: 'Milestone', schema: MilestoneRow,
  project: { column: 'project_id' },
  policy: { list: 'admin', read: member, ...projectManaged },
};

export const scheduleItems: Collection = {
  name: 'schedule-items', table: 'schedule_item', typeName: 'ScheduleItem', schema: ScheduleItemRow,
  project: { column: 'project_id' },
  policy: { list: 'admin', read: all(member, notVendor), ...projectManaged },
  constraintErrors: { schedule_item_uniq: crudErrors.scheduleItemExists },
};

export const metadataDescriptors: Collection = {
  name: 'metadata-descriptors',
  table: 'metadata_descriptor',
  typeName: 'MetadataDescriptor',
  schema: MetadataDescriptorRow,
  project: { column: 'project_id' },
  relations: {
    departments: { link: 'metadata_descriptor_department_link', own: 'metadata_descriptor_id', other: 'department_id', target: 'department' },
  },
  policy: { list: { projects: 'member-open', vendors: 'none' }, read: all(member, notVendor), ...projectManaged },
  constraintErrors: {
    metadata_descriptor_name_key: crudErrors.metadataDescriptorExists,
    metadata_descriptor_field_key: crudErrors.metadataDescriptorExists,
  },
};
