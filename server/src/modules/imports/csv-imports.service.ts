import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireAdmin, requireProjectManager } from '../../platform/auth/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { assetsImporter } from './assets-import.service.ts';
import { castingImporter } from './casting-import.service.ts';
import { runCsvImport, type CsvImporter } from './csv-import.runner.ts';
import { openCsv } from './csv-reader.ts';
import { spoolCsvUpload } from './csv-upload.ts';
import { estimationsImporter, requireEstimationImporter } from './estimations-import.service.ts';
import { personsImporter } from './persons-import.service.ts';
import { shotsImporter } from './shots-import.service.ts';

type Deps = Pick<AppDeps, 'db' | 'events' | 'config'>;

/**
 * The CSV import use-cases: authorize first (before a byte of the upload is stored), spool the
 * uploaded file, then import it in one transaction. The temporary file is removed whatever happens.
 */
async function importCsvFile<Row, Result>(
  deps: Deps,
  request: FastifyRequest,
  authorize: () => Promise<unknown> | void,
  build: (tx: Tx, events: DomainEvent[]) => Promise<CsvImporter<Row, Result>>,
): Promise<Result[]> {
  await authorize();
  const upload = await spoolCsvUpload(request, deps.config.uploads.maxCsvBytes);
  try {
    const table = await openCsv(upload.path);
    try {
      return await runCsvImport(deps, table, build);
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
}

/** Shots of a production (manager of the project). */
export function importShots(deps: Deps, actor: Actor, input: ProjectImportInput, request: FastifyRequest) {
  return importCsvFile(deps, request, () => requireProjectManager(deps.db, actor, input.projectId),
    (tx, events) => shotsImporter(tx, events, actor, input));
}

/** Assets of a production (manager of the project). */
export function importAssets(deps: Deps, actor: Actor, input: ProjectImportInput, request: FastifyRequest) {
  return importCsvFile(deps, request, () => requireProjectManager(deps.db, actor, input.projectId),
    (tx, events) => assetsImporter(tx, events, actor, input));
}

/** Casting of a production (manager of the project). */
export function importCasting(deps: Deps, actor: Actor, input: { projectId: string }, request: FastifyRequest) {
  return importCsvFile(deps, request, () => requireProjectManager(deps.db, actor, input.projectId),
    (tx, events) => castingImporter(tx, events, actor, input));
}

/** People of the studio (admins). */
export function importPersons(deps: Deps, actor: Actor, input: { update: boolean }, request: FastifyRequest) {
  return importCsvFile(deps, request, () => requireAdmin(actor),
    (tx, events) => personsImporter(tx, events, actor, { ...input, userLimit: deps.config.userLimit }));
}

/** Estimations of the tasks of one task type (manager, or supervisor of the task type's department). */
export function importEstimations(deps: Deps, actor: Actor, input: { projectId: string; taskTypeId: string; episodeId?: string }, request: FastifyRequest) {
  return importCsvFile(deps, request, () => requireEstimationImporter(deps.db, actor, input),
    (tx, events) => estimationsImporter(tx, events, actor, input));
}
