import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EXPORT_COLUMNS, ExportProjectParams, ProjectExportQuery, csvResponse } from '../../../../packages/contracts/src/exports.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { featureId } from '../breakdown/ids.ts';
import { exportAssets, exportCasting, exportProjectTasks, exportShots } from './breakdown-exports.service.ts';
import { sendCsv } from './export-stream.ts';

const tags = ['exports'];
const WHO = 'Team members of the project, vendors excepted.';

/** CSV exports of one production (§8.7): shots, assets, casting and tasks, streamed through a cursor. */
export const projectExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const route = (file: string, summary: string, columns: string, build: typeof exportShots) =>
    app.get(`/export/csv/projects/:project_id/${file}`, {
      schema: {
        tags, summary, description: `${WHO} Columns: ${columns}`,
        params: ExportProjectParams, querystring: ProjectExportQuery, produces: ['text/csv'],
        response: { 200: csvResponse(columns) },
      },
    }, async (request, reply) => {
      const csv = await build(app.deps, actorOf(request), featureId(request.params.project_id), request.query);
      return sendCsv(reply, csv);
    });

  route('shots.csv', 'Export the shots of a production as CSV (Gazu export_shots_with_csv)', EXPORT_COLUMNS.shots, exportShots);
  route('assets.csv', 'Export the assets of a production as CSV (Gazu export_assets_with_csv)', EXPORT_COLUMNS.assets, exportAssets);
  route('casting.csv', 'Export the casting of a production as CSV', EXPORT_COLUMNS.casting, exportCasting);
  route('tasks.csv', 'Export the tasks of a production as CSV', EXPORT_COLUMNS.tasks, exportProjectTasks);
};
