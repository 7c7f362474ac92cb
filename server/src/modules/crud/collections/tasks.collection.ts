import { TaskRow } from '../../../../../packages/contracts/src/models/index.ts';
import { isUuid } from '../../../platform/http/uuid.ts';
import { all, any, manager, member, onlyFields, supervisor, taskDepartment, vendorAssigned } from '../crud.policy.ts';
import { deleteTaskChildren, taskHasWork } from '../cascade.repository.ts';
import { crudErrors } from '../crud.errors.ts';
import type { Collection, Row } from '../crud.types.ts';
import { defaultTaskStatusId, entityWithType, taskTypeForEntity } from '../model-rules.repository.ts';
import { taskTypeMatchesEntity } from '../../breakdown/entity-kind.ts';
import { mergeData } from './merge-data.ts';
import { addToProjectTeams } from '../../tasks/task-assign.repository.ts';
import { insertNotifications, notificationEvents } from '../../comments/notifications.repository.ts';

/** What a supervisor of the task's department may change (§5.2 "supervisor task update"). */
const SUPERVISOR_FIELDS = ['priority', 'start_date', 'due_date', 'estimation', 'difficulty', 'data'];

export const tasks: Collection = {
  name: 'tasks',
  table: 'task',
  typeName: 'Task',
  schema: TaskRow,
  project: { column: 'project_id' },
  relations: { assignees: { link: 'assignations', own: 'task_id', other: 'person_id', target: 'person' } },
  policy: {
    list: { projects: 'member-open', vendors: { assignedTask: 'id' } },
    read: all(member, vendorAssigned({ task: 'id' })),
    create: manager,
    update: any(manager, all(supervisor, taskDepartment, onlyFields(...SUPERVISOR_FIELDS))),
    delete: manager,
  },
  deleteEventData: (task) => ({ entity_id: task.entity_id, task_type_id: task.task_type_id }),
  constraintErrors: { task_uniq: crudErrors.taskExists },
  deleteConflictError: crudErrors.taskHasWork,
  hooks: {
    /** The project comes from the entity when not given (the permission check needs it). */
    async deriveCreate(ctx, values) {
      if (values.project_id === undefined && isUuid(values.entity_id)) {
        const entity = await entityWithType(ctx.tx, values.entity_id);
        if (entity) values.project_id = entity.project_id;
      }
    },
    async beforeCreate(ctx, values) {
      const entity = isUuid(values.entity_id) ? await entityWithType(ctx.tx, values.entity_id) : undefined;
      if (entity) {
        if (values.project_id !== entity.project_id) throw crudErrors.taskProjectMismatch();
        const forEntity = isUuid(values.task_type_id) ? await taskTypeForEntity(ctx.tx, values.task_type_id) : undefined;
        if (forEntity && !taskTypeMatchesEntity(forEntity, entity.type_name)) throw crudErrors.taskTypeMismatch();
      }
      if (values.name === undefined || values.name === null || values.name === '') values.name = 'main';
      const projectId = typeof values.project_id === 'string' ? values.project_id : null;
      values.task_status_id ??= (await defaultTaskStatusId(ctx.tx, entity?.type_name === 'Concept', projectId)) ?? null;
      values.created_by ??= ctx.actor.id;
    },
    async beforeUpdate(_ctx, current, changes) {
      mergeData(current, changes);
    },
    /**
     * Assignment changes through PUT behave like the assign action: task:assign / task:unassign events
     * (§7.2), new assignees join the project team and get an `assignation` notification (not when
     * assigning oneself).
     */
    async afterUpdate(ctx, current, _changes, linkChanges) {
      const change = linkChanges.assignees;
      if (!change) return;
      const projectId = String(current.project_id);
      const taskId = String(current.id);
      for (const personId of change.added) await addToProjectTeams(ctx.tx, [projectId], personId);
      const notifications = await insertNotifications(
        ctx.tx,
        change.added
          .filter((personId) => personId !== ctx.actor.id)
          .map((personId) => ({ person_id: personId, author_id: ctx.actor.id, type: 'assignation' as const, task_id: taskId })),
      );
      const event = (name: string, personId: string) => ({
        name, data: { task_id: taskId, person_id: personId } as Row, projectId, actorId: ctx.actor.id,
      });
      return {
        events: [
          ...change.added.map((id) => event('task:assign', id)),
          ...change.removed.map((id) => event('task:unassign', id)),
          ...notificationEvents(notifications, projectId, ctx.actor.id),
        ],
      };
    },
    /** Without force, a task with logged work stays; with force, everything below it goes first. */
    async beforeDelete(ctx, current, force) {
      if (force) await deleteTaskChildren(ctx.tx, [String(current.id)]);
      else if (await taskHasWork(ctx.tx, String(current.id))) throw crudErrors.taskHasWork();
    },
  },
};
