import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EXPORT_COLUMNS, csvResponse } from '../../../../packages/contracts/src/exports.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { sendCsv, type CsvExport } from './export-stream.ts';
import { exportPersons, exportProjects, exportTasks, exportTaskTypes } from './studio-exports.service.ts';

const tags = ['exports'];
const WHO = 'Admins and production managers (global role).';

/** Studio-wide CSV exports (Zou's `export/csv/*.csv`): persons, task types, projects, open tasks. */
export const studioExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const route = (file: string, summary: string, columns: string, build: (deps: typeof app.deps, actor: ReturnType<typeof actorOf>) => CsvExport) =>
    app.get(`/export/csv/${file}`, {
      schema: { tags, summary, description: `${WHO} Columns: ${columns}`, produces: ['text/csv'], response: { 200: csvResponse(columns) } },
    }, async (request, reply) => sendCsv(reply, build(app.deps, actorOf(request))));

  route('persons.csv', 'Export people as CSV (bots and guests excluded)', EXPORT_COLUMNS.persons, exportPersons);
  route('task-types.csv', 'Export task types as CSV', EXPORT_COLUMNS.taskTypes, exportTaskTypes);
  route('projects.csv', 'Export projects as CSV', EXPORT_COLUMNS.projects, exportProjects);
  route('tasks.csv', 'Export the tasks of every open production as CSV', EXPORT_COLUMNS.tasks, exportTasks);
};
