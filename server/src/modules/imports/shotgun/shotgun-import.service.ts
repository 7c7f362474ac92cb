import type { Actor } from '../../../platform/auth/actor.ts';
import { requireAdmin } from '../../../platform/auth/permissions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/unit-of-work.ts';
import { errors } from '../../../platform/errors/index.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import { importAssets, importEpisodes, importSequences, importShots } from './shotgun-breakdown.service.ts';
import type { Outcome } from './shotgun-import.ts';
import { importPersons, importProjects, importStatuses, importSteps } from './shotgun-studio.service.ts';
import { importNotes, importTasks, importVersions } from './shotgun-tracking.service.ts';
import { deleteImportError, insertImportError, listImportErrors, recordFailures, type ImportErrorRecord } from './import-errors.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events' | 'config'>;
type Importer = (tx: Tx, entries: unknown[], context: { actor: Actor; userLimit: number }) => Promise<Outcome>;

/** The ShotGrid kinds of `POST import/shotgun/<kind>` (seed 002), in the order a sync imports them. */
export const SHOTGUN_IMPORTERS = {
  projects: (tx, entries) => importProjects(tx, entries),
  persons: (tx, entries, { userLimit }) => importPersons(tx, entries, userLimit),
  steps: (tx, entries) => importSteps(tx, entries),
  status: (tx, entries) => importStatuses(tx, entries),
  episodes: (tx, entries, { actor }) => importEpisodes(tx, entries, actor.id),
  sequences: (tx, entries, { actor }) => importSequences(tx, entries, actor.id),
  assets: (tx, entries, { actor }) => importAssets(tx, entries, actor.id),
  shots: (tx, entries, { actor }) => importShots(tx, entries, actor.id),
  tasks: (tx, entries, { actor }) => importTasks(tx, entries, actor.id),
  versions: (tx, entries) => importVersions(tx, entries),
  notes: (tx, entries) => importNotes(tx, entries),
} satisfies Record<string, Importer>;

export type ShotgunKind = keyof typeof SHOTGUN_IMPORTERS;

/**
 * Imports a list of ShotGrid records of one kind (admins), idempotently: records are upserted by their
 * ShotGrid id and a record whose values did not change is not written. Records that cannot be
 * imported are skipped and stored in `data_import_error`; the others are returned, with counts.
 */
export async function importShotgunRecords(deps: Deps, actor: Actor, kind: ShotgunKind, entries: unknown[]): Promise<Outcome> {
  requireAdmin(actor);
  return inTransaction(deps, async (tx) => {
    const outcome = await SHOTGUN_IMPORTERS[kind](tx, entries, { actor, userLimit: deps.config.userLimit });
    await recordFailures(tx, kind, outcome.failures);
    if (outcome.created + outcome.updated + outcome.failures.length > 0) {
      await recordAudit(tx, {
        actorId: actor.id, action: 'shotgun-import', objectType: kind, objectId: null,
        after: { created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged, failed: outcome.failures.length },
      });
    }
    return outcome;
  });
}

export function presentImportError(row: ImportErrorRecord) {
  return { id: row.id, created_at: row.created_at, updated_at: row.updated_at, event_data: row.event_data, source: row.source, type: 'DataImportError' as const };
}

export async function getImportErrors(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  return (await listImportErrors(deps.db)).map(presentImportError);
}

/** Zou's `POST import/shotgun/errors`: a sync script stores what it could not send. */
export async function saveImportError(deps: Deps, actor: Actor, eventData: unknown) {
  requireAdmin(actor);
  return presentImportError(await insertImportError(deps.db, eventData));
}

export async function removeImportError(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  if (!(await deleteImportError(deps.db, id))) throw errors.notFound();
}
