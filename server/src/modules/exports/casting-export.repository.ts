import { sql, type RawBuilder } from 'kysely';

/**
 * The casting CSV export (Zou's `casting.csv`), one streamed query per mode:
 * - `shots`: assets cast in shots (Parent = sequence, Name = shot);
 * - `assets` (default): assets cast in other assets (Parent = asset type, Name = asset) and, in a tv
 *   show, per episode then the main pack ("MP");
 * - `main-pack`: tv shows, the casting of assets that belong to no episode;
 * - `episodes`: tv shows, assets cast in episodes (Parent = "Episode", Name = episode).
 */

export type CastingMode = 'shots' | 'assets' | 'main-pack' | 'episodes';

export interface CastingFilter {
  projectId: string;
  mode: CastingMode;
  isTvShow: boolean;
  episodeId?: string;
}

export interface CastingExportRow {
  episode: string | null;
  parent: string;
  name: string;
  asset_type: string;
  asset: string;
  nb_occurences: number;
  label: string;
}

/** Whether the file starts with an Episode column (tv shows, except the episodes casting). */
export const castingHasEpisodeColumn = (filter: CastingFilter): boolean => filter.isTvShow && filter.mode !== 'episodes';

function modeClauses(filter: CastingFilter): { episode: RawBuilder<unknown>; parent: RawBuilder<unknown>; where: RawBuilder<unknown>; order: RawBuilder<unknown> } {
  const byEpisode = filter.episodeId === undefined ? sql`` : sql`AND ep.id = ${filter.episodeId}`;
  const assetOrder = sql`tgt_type.name COLLATE "C", tgt.name COLLATE "C", a_type.name COLLATE "C", a.name COLLATE "C"`;
  const mainPack = sql`tgt.source_id IS NULL AND tgt_type.name NOT IN ('Shot', 'Episode')`;
  switch (filter.mode) {
    case 'shots':
      return {
        episode: sql`ep.name`,
        parent: sql`sq.name`,
        where: filter.isTvShow
          ? sql`tgt_type.name = 'Shot' AND sq.id IS NOT NULL AND ep.id IS NOT NULL ${byEpisode}`
          : sql`tgt_type.name = 'Shot' AND sq.id IS NOT NULL`,
        order: sql`${filter.isTvShow ? sql`ep.name COLLATE "C",` : sql``} sq.name COLLATE "C", tgt.name COLLATE "C", a_type.name COLLATE "C", a.name COLLATE "C"`,
      };
    case 'main-pack':
      return { episode: sql`'MP'`, parent: sql`tgt_type.name`, where: mainPack, order: assetOrder };
    case 'episodes':
      return { episode: sql`NULL`, parent: sql`tgt_type.name`, where: sql`tgt_type.name = 'Episode' AND tgt.source_id IS NULL`, order: assetOrder };
    case 'assets':
      if (!filter.isTvShow) return { episode: sql`NULL`, parent: sql`tgt_type.name`, where: sql`tgt_type.name <> 'Shot'`, order: assetOrder };
      return {
        episode: sql`coalesce(ep.name, 'MP')`,
        parent: sql`tgt_type.name`,
        where: sql`((tgt_type.name <> 'Shot' AND ep.id IS NOT NULL ${byEpisode}) OR (${mainPack}))`,
        order: sql`(ep.id IS NULL), ep.name COLLATE "C", ${assetOrder}`,
      };
  }
}

export function castingRowsQuery(filter: CastingFilter): RawBuilder<CastingExportRow> {
  const clauses = modeClauses(filter);
  return sql<CastingExportRow>`
    SELECT ${clauses.episode} AS episode, ${clauses.parent} AS parent, tgt.name, a_type.name AS asset_type, a.name AS asset,
           l.nb_occurences, coalesce(l.label, '') AS label
      FROM entity_link l
      JOIN entity tgt ON tgt.id = l.entity_in_id
      JOIN entity_type tgt_type ON tgt_type.id = tgt.entity_type_id
      JOIN entity a ON a.id = l.entity_out_id
      JOIN entity_type a_type ON a_type.id = a.entity_type_id
      LEFT JOIN entity sq ON tgt_type.name = 'Shot' AND sq.id = tgt.parent_id
      LEFT JOIN entity ep ON ep.id = CASE WHEN tgt_type.name = 'Shot' THEN sq.parent_id ELSE tgt.source_id END
     WHERE tgt.project_id = ${filter.projectId} AND ${clauses.where}
     ORDER BY ${clauses.order}, l.entity_in_id, l.entity_out_id`;
}
