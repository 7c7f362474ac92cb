import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  IdParams,
  TaskPersonTimeSpentParams,
  TaskTimeSpents,
  TaskTimeSpentsParams,
  TimeSpentBody,
  TimeSpentRow,
} from '../../../../packages/contracts/src/time-spents.schema.ts';
import { deleteTimeSpentOfDay, getTaskTimeSpents, logTimeSpent, removeTimeSpent } from './time-spents.service.ts';

const tags = ['time-spents'];
const TaskOnlyParams = Type.Pick(TaskTimeSpentsParams, ['task_id']);
const TaskDateParams = Type.Object({ task_id: Type.String(), date: Type.String({ description: 'YYYY-MM-DD' }) });

/** Time logged on a task (Gazu `get_time_spent`, `set_time_spent`, `add_time_spent`, `remove_time_spent`). */
export const timeSpentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/actions/tasks/:task_id/time-spents', {
    schema: { tags, summary: "A task's time spents by person, with the total", params: TaskOnlyParams, response: { 200: TaskTimeSpents } },
  }, async (request) => getTaskTimeSpents(deps, actorOf(request), request.params.task_id));

  app.get('/actions/tasks/:task_id/time-spents/:date', {
    schema: { tags, summary: "A task's time spents of one day, by person", params: TaskDateParams, response: { 200: TaskTimeSpents } },
  }, async (request) => getTaskTimeSpents(deps, actorOf(request), request.params.task_id, request.params.date));

  app.post('/actions/tasks/:task_id/time-spents/:date/persons/:person_id', {
    schema: {
      tags,
      summary: 'Set the minutes a person spent on a task that day (upsert)',
      description: 'The person must be an assignee; the caller that person, an admin or a manager of the project.',
      params: TaskPersonTimeSpentParams,
      body: TimeSpentBody,
      response: { 201: TimeSpentRow },
    },
  }, async (request, reply) => {
    const { task_id: taskId, person_id: personId, date } = request.params;
    const row = await logTimeSpent(deps, actorOf(request), { taskId, personId, date, duration: request.body.duration, mode: 'set' });
    return reply.status(201).send(row);
  });

  app.post('/actions/tasks/:task_id/time-spents/:date/persons/:person_id/add', {
    schema: {
      tags,
      summary: 'Add minutes to what a person spent on a task that day',
      params: TaskPersonTimeSpentParams,
      body: TimeSpentBody,
      response: { 201: TimeSpentRow },
    },
  }, async (request, reply) => {
    const { task_id: taskId, person_id: personId, date } = request.params;
    const row = await logTimeSpent(deps, actorOf(request), { taskId, personId, date, duration: request.body.duration, mode: 'add' });
    return reply.status(201).send(row);
  });

  app.delete('/actions/tasks/:task_id/time-spents/:date/persons/:person_id', {
    schema: {
      tags,
      summary: "Delete a person's time spent on a task for that day",
      description: 'Answers 201 with the deleted row, its duration zeroed (as Zou does).',
      params: TaskPersonTimeSpentParams,
      response: { 201: TimeSpentRow },
    },
  }, async (request, reply) => {
    const { task_id: taskId, person_id: personId, date } = request.params;
    return reply.status(201).send(await deleteTimeSpentOfDay(deps, actorOf(request), { taskId, personId, date }));
  });

  app.delete('/data/time-spents/:id', {
    schema: {
      tags,
      summary: 'Delete a time spent (its assignee himself, an admin or a manager of the project)',
      params: IdParams,
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await removeTimeSpent(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });
};
