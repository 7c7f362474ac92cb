import type { FastifyRequest } from 'fastify';
import type { CsvImportPreview } from '../../../../packages/contracts/src/imports.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireAdmin, requireProjectManager } from '../../platform/auth/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { assetsImporter } from './assets-import.service.ts';
import { castingImporter } from './casting-import.service.ts';
import { runCsvImport, type CsvImporter, type ImportJournal, type ImportAction, type ImportedLine } from './csv-import.runner.ts';
import { openCsv } from './csv-reader.ts';
import { spoolCsvUpload } from './csv-upload.ts';
import { estimationsImporter, requireEstimationImporter } from './estimations-import.service.ts';
import { personsImporter } from './persons-import.service.ts';
import { shotsImporter } from './shots-import.service.ts';

type Deps = Pick<AppDeps, 'db' | 'events' | 'config'>;

export type CsvImportOutcome<Result> = { dryRun: false; rows: Result[] } | { dryRun: true; preview: CsvImportPreview };

/** A dry run's answer: each row as imported, with its action, its file line and where it goes (by name). */
function outcome<Result extends object>(results: Array<ImportedLine<Result>>, dryRun: boolean): CsvImportOutcome<Result> {
  if (!dryRun) return { dryRun: false, rows: results.map((item) => item.result) };
  const count = (action: ImportAction) => results.filter((item) => item.action === action).length;
  return {
    dryRun: true,
    preview: {
      dry_run: true, created: count('created'), updated: count('updated'), unchanged: count('unchanged'),
      rows: results.map((item) => ({ ...item.result, ...item.names, line_number: item.line, import_action: item.action })),
    },
  };
}

/**
 * The CSV import use-cases: authorize first (before a byte of the upload is stored), spool the
 * uploaded file, then import it in one transaction (rolled back for a dry run). The temporary file is
 * removed whatever happens.
 */
async function importCsvFile<Row, Result extends object>(
  deps: Deps,
  request: FastifyRequest,
  dryRun: boolean,
  authorize: () => Promise<unknown> | void,
  build: (tx: Tx, journal: ImportJournal) => Promise<CsvImporter<Row, Result>>,
): Promise<CsvImportOutcome<Result>> {
  await authorize();
  const upload = await spoolCsvUpload(request, deps.config.uploads.maxCsvBytes);
  try {
    const table = await openCsv(upload.path);
    try {
      return outcome(await runCsvImport(deps, table, build, { dryRun }), dryRun);
    } finally {
      table.close();
    }
  } finally {
    await upload.discard();
  }
}

export interface ProjectImportInput {
  projectId: string;
  update: boolean;
  dryRun: boolean;
}

/** Shots of a production (manager of the project). */
export function importShots(deps: Deps, actor: Actor, input: ProjectImportInput, request: FastifyRequest) {
  return importCsvFile(deps, request, input.dryRun, () => requireProjectManager(deps.db, actor, input.projectId),
    (tx, journal) => shotsImporter(tx, journal, actor, input));
}

/** Assets of a production (manager of the project). */
export function importAssets(deps: Deps, actor: Actor, input: ProjectImportInput, request: FastifyRequest) {
  return importCsvFile(deps, request, input.dryRun, () => requireProjectManager(deps.db, actor, input.projectId),
    (tx, journal) => assetsImporter(tx, journal, actor, input));
}

/** Casting of a production (manager of the project). */
export function importCasting(deps: Deps, actor: Actor, input: { projectId: string; dryRun: boolean }, request: FastifyRequest) {
  return importCsvFile(deps, request, input.dryRun, () => requireProjectManager(deps.db, actor, input.projectId),
    (tx, journal) => castingImporter(tx, journal, actor, input));
}

/** People of the studio (admins). */
export function importPersons(deps: Deps, actor: Actor, input: { update: boolean; dryRun: boolean }, request: FastifyRequest) {
  return importCsvFile(deps, request, input.dryRun, () => requireAdmin(actor),
    (tx, journal) => personsImporter(tx, journal, actor, { update: input.update, userLimit: deps.config.userLimit }));
}

/** Estimations of the tasks of one task type (manager, or supervisor of the task type's department). */
export function importEstimations(deps: Deps, actor: Actor, input: { projectId: string; taskTypeId: string; episodeId?: string; dryRun: boolean }, request: FastifyRequest) {
  return importCsvFile(deps, request, input.dryRun, () => requireEstimationImporter(deps.db, actor, input),
    (tx, journal) => estimationsImporter(tx, journal, actor, input));
}
