import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';

/** Reads and writes of the casting CSV import. */

export interface CastingTarget {
  id: string;
  kind: string;
  name: string;
  /** Shots: sequence name; assets: asset type name; episodes: "Episode". */
  parent: string;
  /** Shots: episode name through the sequence, else null. */
  episode: string | null;
}

const TEMPORAL_NAMES = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));

/** Every shot, asset and episode of the project, with the names a casting row refers to them by. */
export async function findCastingTargets(tx: Tx, projectId: string): Promise<CastingTarget[]> {
  const result = await sql<CastingTarget>`
    SELECT e.id, CASE WHEN et.name IN (${TEMPORAL_NAMES}) THEN et.name ELSE 'Asset' END AS kind, e.name,
           CASE WHEN et.name = 'Shot' THEN sq.name ELSE et.name END AS parent,
           CASE WHEN et.name = 'Shot' THEN ep.name END AS episode
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id
      LEFT JOIN entity sq ON et.name = 'Shot' AND sq.id = e.parent_id
      LEFT JOIN entity ep ON ep.id = sq.parent_id
     WHERE e.project_id = ${projectId} AND (et.name IN ('Shot', 'Episode') OR et.name NOT IN (${TEMPORAL_NAMES}))
     ORDER BY e.created_at, e.id`.execute(tx);
  return result.rows;
}

export interface CastingLink {
  entityInId: string;
  entityOutId: string;
  nbOccurences: number;
  label: string;
}

export interface CastingLinkRow {
  id: string;
  entity_in_id: string;
  entity_out_id: string;
  nb_occurences: number;
  label: string | null;
}

/**
 * Adds or updates casting links (occurrences and label of an existing link are replaced); a link that
 * already holds them (a null label reads as the export's empty one) is not written, nor returned.
 */
export async function upsertCastingLinks(tx: Tx, links: CastingLink[]): Promise<Array<CastingLinkRow & { inserted: boolean }>> {
  if (links.length === 0) return [];
  const result = await sql<CastingLinkRow & { inserted: boolean }>`
    INSERT INTO entity_link (entity_in_id, entity_out_id, nb_occurences, label)
    SELECT * FROM unnest(${links.map((l) => l.entityInId)}::uuid[], ${links.map((l) => l.entityOutId)}::uuid[],
                         ${links.map((l) => l.nbOccurences)}::int[], ${links.map((l) => l.label)}::text[])
    ON CONFLICT (entity_in_id, entity_out_id) DO UPDATE SET nb_occurences = excluded.nb_occurences, label = excluded.label
      WHERE (entity_link.nb_occurences, coalesce(entity_link.label, '')) IS DISTINCT FROM (excluded.nb_occurences, excluded.label)
    RETURNING id, entity_in_id, entity_out_id, nb_occurences, label, (xmax = 0) AS inserted`.execute(tx);
  return result.rows;
}

export async function findCastingLinks(tx: Tx, links: CastingLink[]): Promise<CastingLinkRow[]> {
  if (links.length === 0) return [];
  const result = await sql<CastingLinkRow>`
    SELECT l.id, l.entity_in_id, l.entity_out_id, l.nb_occurences, l.label FROM entity_link l
      JOIN unnest(${links.map((l) => l.entityInId)}::uuid[], ${links.map((l) => l.entityOutId)}::uuid[]) AS x(entity_in_id, entity_out_id)
        ON l.entity_in_id = x.entity_in_id AND l.entity_out_id = x.entity_out_id`.execute(tx);
  return result.rows;
}

/** Recounts `nb_entities_out` of the entities whose casting changed; returns the new counts. */
export async function recountCasting(tx: Tx, entityIds: string[]): Promise<Map<string, number>> {
  if (entityIds.length === 0) return new Map();
  const rows = await sql<{ id: string; nb: number }>`
    UPDATE entity e SET nb_entities_out = (SELECT count(*) FROM entity_link l WHERE l.entity_in_id = e.id)
     WHERE e.id = ANY(${entityIds}::uuid[]) RETURNING e.id, e.nb_entities_out AS nb`.execute(tx);
  return new Map(rows.rows.map((row) => [row.id, row.nb]));
}
