import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** Casting writes (§4.10): set-based statements on `entity_link`, counts kept in `nb_entities_out`. */

export interface CastingEntryInput {
  assetId: string;
  nbOccurences: number;
  label: string;
}

/**
 * Replaces the casting of an entity: the previous links go, the given ones (unknown assets and the
 * entity itself skipped) are inserted, and `nb_entities_out` becomes their number.
 */
export async function replaceCasting(
  db: Executor,
  entityId: string,
  entries: CastingEntryInput[],
): Promise<{ previous: string[]; current: string[] }> {
  const previous = await sql<{ id: string }>`
    DELETE FROM entity_link WHERE entity_in_id = ${entityId} RETURNING entity_out_id AS id`.execute(db);
  const current = await sql<{ id: string }>`
    INSERT INTO entity_link (entity_in_id, entity_out_id, nb_occurences, label)
    SELECT ${entityId}::uuid, a.id, x.nb, x.label
      FROM unnest(${entries.map((e) => e.assetId)}::uuid[], ${entries.map((e) => e.nbOccurences)}::int[],
                  ${entries.map((e) => e.label)}::text[]) AS x(asset_id, nb, label)
      JOIN entity a ON a.id = x.asset_id
     WHERE a.id <> ${entityId}
    RETURNING entity_out_id AS id`.execute(db);
  await db.updateTable('entity').set({ nb_entities_out: current.rows.length }).where('id', '=', entityId).execute();
  return { previous: previous.rows.map((row) => row.id), current: current.rows.map((row) => row.id) };
}

/** The episode a shot belongs to through its sequence, or null. */
export async function episodeOfShot(db: Executor, shotId: string): Promise<string | null> {
  const row = await sql<{ episode_id: string | null }>`
    SELECT sq.parent_id AS episode_id FROM entity s JOIN entity sq ON sq.id = s.parent_id WHERE s.id = ${shotId}`.execute(db);
  return row.rows[0]?.episode_id ?? null;
}

/** Casting an asset in a shot casts it in the shot's episode too; returns the newly linked assets. */
export async function castInEpisode(db: Executor, episodeId: string, assetIds: string[]): Promise<string[]> {
  if (assetIds.length === 0) return [];
  const added = await sql<{ id: string }>`
    INSERT INTO entity_link (entity_in_id, entity_out_id, nb_occurences, label)
    SELECT ${episodeId}::uuid, unnest(${assetIds}::uuid[]), 1, ''
    ON CONFLICT DO NOTHING
    RETURNING entity_out_id AS id`.execute(db);
  await recountCasting(db, [episodeId]);
  return added.rows.map((row) => row.id);
}

/** Assets removed from a shot leave its episode unless another shot of the episode still casts them. */
export async function detachFromEpisodeIfUnused(
  db: Executor,
  episodeId: string,
  assetIds: string[],
): Promise<{ detached: string[]; nbEntitiesOut: number }> {
  if (assetIds.length === 0) return { detached: [], nbEntitiesOut: 0 };
  const removed = await sql<{ id: string }>`
    DELETE FROM entity_link l
     WHERE l.entity_in_id = ${episodeId} AND l.entity_out_id = ANY(${assetIds}::uuid[])
       AND NOT EXISTS (SELECT 1 FROM entity_link l2 JOIN entity s ON s.id = l2.entity_in_id JOIN entity sq ON sq.id = s.parent_id
                        WHERE sq.parent_id = ${episodeId} AND l2.entity_out_id = l.entity_out_id)
    RETURNING l.entity_out_id AS id`.execute(db);
  const counts = removed.rows.length > 0 ? await recountCasting(db, [episodeId]) : new Map<string, number>();
  return { detached: removed.rows.map((row) => row.id), nbEntitiesOut: counts.get(episodeId) ?? 0 };
}

/** Assets removed from an episode are removed from the casting of its shots; returns the shots touched. */
export async function uncastFromEpisodeShots(
  db: Executor,
  episodeId: string,
  assetIds: string[],
): Promise<Array<{ shotId: string; assetIds: string[]; nbEntitiesOut: number }>> {
  if (assetIds.length === 0) return [];
  const removed = await sql<{ shot_id: string; asset_id: string }>`
    DELETE FROM entity_link l USING entity s, entity sq
     WHERE s.id = l.entity_in_id AND sq.id = s.parent_id AND sq.parent_id = ${episodeId}
       AND l.entity_out_id = ANY(${assetIds}::uuid[])
    RETURNING l.entity_in_id AS shot_id, l.entity_out_id AS asset_id`.execute(db);
  const byShot = new Map<string, string[]>();
  for (const row of removed.rows) byShot.set(row.shot_id, [...(byShot.get(row.shot_id) ?? []), row.asset_id]);
  const counts = await recountCasting(db, [...byShot.keys()]);
  await refreshAssetsReady(db, [...byShot.keys()]);
  return [...byShot.entries()].map(([shotId, ids]) => ({ shotId, assetIds: ids, nbEntitiesOut: counts.get(shotId) ?? 0 }));
}

async function recountCasting(db: Executor, entityIds: string[]): Promise<Map<string, number>> {
  if (entityIds.length === 0) return new Map();
  const rows = await sql<{ id: string; nb: number }>`
    UPDATE entity e SET nb_entities_out = (SELECT count(*) FROM entity_link l WHERE l.entity_in_id = e.id)
     WHERE e.id = ANY(${entityIds}::uuid[]) RETURNING e.id, e.nb_entities_out AS nb`.execute(db);
  return new Map(rows.rows.map((row) => [row.id, row.nb]));
}

/**
 * Casting readiness of shot tasks (`nb_assets_ready`): a cast asset counts when it is a shared asset
 * of another project, or when its `ready_for` step comes at or after the task's step in the
 * project's shot task type order (Zou's `refresh_shot_casting_stats`).
 */
export async function refreshAssetsReady(db: Executor, shotIds: string[]): Promise<void> {
  if (shotIds.length === 0) return;
  await sql`
    UPDATE task t SET nb_assets_ready = (
      SELECT count(*) FROM entity_link l JOIN entity a ON a.id = l.entity_out_id
       WHERE l.entity_in_id = t.entity_id AND NOT a.canceled
         AND ((a.is_shared AND a.project_id <> t.project_id)
          OR (a.ready_for IS NOT NULL AND
              coalesce((SELECT nullif(p.priority, 0) FROM project_task_type_link p JOIN task_type tt ON tt.id = p.task_type_id
                         WHERE p.project_id = t.project_id AND p.task_type_id = t.task_type_id AND tt.for_entity = 'Shot'), 0)
              <= coalesce((SELECT nullif(p.priority, 0) FROM project_task_type_link p JOIN task_type tt ON tt.id = p.task_type_id
                         WHERE p.project_id = t.project_id AND p.task_type_id = a.ready_for AND tt.for_entity = 'Shot'), -1))))
     WHERE t.entity_id = ANY(${shotIds}::uuid[])`.execute(db);
}
