import { sql, type RawBuilder } from 'kysely';
import type { Static } from 'typebox';
import type {
  EmbeddedTask,
  FullAsset,
  FullEpisode,
  FullSequence,
  FullShot,
} from '../../../../packages/contracts/src/breakdown.schema.ts';
import type { Executor } from '../../platform/db/database.ts';
import { TEMPORAL_KINDS } from './entity-kind.ts';
import { ENTITY_COLUMNS, presentEntity, type EntityRecord } from './entity.presenter.ts';

type TaskView = Static<typeof EmbeddedTask>;
interface Names {
  project_name: string;
  sequence_id: string | null;
  sequence_name: string | null;
  episode_id: string | null;
  episode_name: string | null;
  asset_type_name: string;
}
interface WithTasks {
  tasks: TaskView[];
  entities_out: string[];
  entities_in: string[];
  casting_episode_ids: string[];
}

/**
 * "Full" entity reads (`data/shots/<id>`, `data/assets/<id>`, `data/sequences/<id>`,
 * `data/episodes/<id>`): the entity with the names Gazu and the web app display and, for shots and
 * assets, the embedded task list. Each is one SQL statement whatever the number of tasks.
 */

const entityColumns = sql.join(ENTITY_COLUMNS.map((column) => sql.ref(`e.${column}`)));

/** The tasks of `e` as Zou's "with tasks" rows (dates in wire format, assignee ids, subscription flag). */
function embeddedTasks(actorId: string): RawBuilder<unknown> {
  return sql`coalesce((
    SELECT json_agg(json_build_object(
      'id', t.id, 'entity_id', t.entity_id, 'task_type_id', t.task_type_id, 'task_status_id', t.task_status_id,
      'priority', coalesce(t.priority, 0), 'difficulty', t.difficulty, 'estimation', t.estimation,
      'duration', t.duration, 'retake_count', t.retake_count, 'nb_assets_ready', t.nb_assets_ready,
      'nb_drawings', t.nb_drawings, 'start_date', wire_timestamp(t.start_date), 'due_date', wire_timestamp(t.due_date),
      'real_start_date', wire_timestamp(t.real_start_date), 'end_date', wire_timestamp(t.end_date),
      'done_date', wire_timestamp(t.done_date), 'last_comment_date', wire_timestamp(t.last_comment_date),
      'last_preview_file_id', t.last_preview_file_id, 'data', t.data,
      'assignees', coalesce((SELECT json_agg(a.person_id ORDER BY a.person_id) FROM assignations a WHERE a.task_id = t.id), '[]'::json),
      'is_subscribed', EXISTS (SELECT 1 FROM subscription s WHERE s.task_id = t.id AND s.person_id = ${actorId})
    ) ORDER BY t.created_at, t.id)
    FROM task t WHERE t.entity_id = e.id), '[]'::json)`;
}

const castingIds = sql`
  coalesce((SELECT json_agg(l.entity_out_id ORDER BY l.created_at, l.entity_out_id) FROM entity_link l WHERE l.entity_in_id = e.id), '[]'::json) AS entities_out,
  coalesce((SELECT json_agg(l.entity_in_id ORDER BY l.created_at, l.entity_in_id) FROM entity_link l WHERE l.entity_out_id = e.id), '[]'::json) AS entities_in`;

async function one<T>(db: Executor, query: RawBuilder<T>): Promise<T | undefined> {
  return (await query.execute(db)).rows[0];
}

/** The shot with its tasks, project/sequence/episode names, frame fields and casting ids. */
export async function fullShot(db: Executor, shotId: string, actorId: string): Promise<Static<typeof FullShot> | undefined> {
  const row = await one(db, sql<EntityRecord & Names & WithTasks>`
    SELECT ${entityColumns}, p.name AS project_name, sq.id AS sequence_id, sq.name AS sequence_name,
           ep.id AS episode_id, ep.name AS episode_name, ${embeddedTasks(actorId)} AS tasks, ${castingIds}
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
      JOIN project p ON p.id = e.project_id
      LEFT JOIN entity sq ON sq.id = e.parent_id
      LEFT JOIN entity ep ON ep.id = sq.parent_id
     WHERE e.id = ${shotId}`);
  if (!row) return undefined;
  const data = (typeof row.data === 'object' && row.data !== null && !Array.isArray(row.data) ? row.data : {}) as Record<string, unknown>;
  return {
    ...presentEntity(row, 'Shot'),
    project_name: row.project_name,
    sequence_id: row.sequence_id,
    sequence_name: row.sequence_name,
    episode_id: row.episode_id,
    episode_name: row.episode_name ?? '',
    fps: data.fps ?? null,
    frame_in: data.frame_in ?? null,
    frame_out: data.frame_out ?? null,
    tasks: row.tasks,
    entities_out: row.entities_out,
    entities_in: row.entities_in,
    instance_casting: [],
    entity_concept_links: [],
  };
}

/**
 * The asset with its tasks, project and asset type names, its episode (`episode_id` = source_id,
 * what Gazu's update_asset copies back) and the episodes it is cast in.
 */
export async function fullAsset(db: Executor, assetId: string, actorId: string): Promise<Static<typeof FullAsset> | undefined> {
  const row = await one(db, sql<EntityRecord & Names & WithTasks>`
    SELECT ${entityColumns}, p.name AS project_name, et.name AS asset_type_name, ${embeddedTasks(actorId)} AS tasks,
           coalesce((SELECT json_agg(l.entity_in_id ORDER BY ep.name)
                       FROM entity_link l
                       JOIN entity ep ON ep.id = l.entity_in_id
                       JOIN entity_type ept ON ept.id = ep.entity_type_id AND ept.name = 'Episode'
                      WHERE l.entity_out_id = e.id), '[]'::json) AS casting_episode_ids,
           ${castingIds}
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id
      JOIN project p ON p.id = e.project_id
     WHERE e.id = ${assetId}
       AND et.name <> ALL(${[...TEMPORAL_KINDS]}::text[])`);
  if (!row) return undefined;
  const { source_id: sourceId, nb_frames: _nbFrames, ...asset } = presentEntity(row, 'Asset');
  return {
    ...asset,
    project_name: row.project_name,
    asset_type_id: row.entity_type_id,
    asset_type_name: row.asset_type_name,
    episode_id: sourceId ?? null,
    casting_episode_ids: row.casting_episode_ids,
    tasks: row.tasks,
    entities_out: row.entities_out,
    entities_in: row.entities_in,
    instance_casting: [],
    entity_concept_links: [],
  };
}

/** The sequence with its project name and, when it belongs to one, its episode id and name. */
export async function fullSequence(db: Executor, sequenceId: string): Promise<Static<typeof FullSequence> | undefined> {
  const row = await one(db, sql<EntityRecord & Names>`
    SELECT ${entityColumns}, p.name AS project_name, ep.id AS episode_id, ep.name AS episode_name
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Sequence'
      JOIN project p ON p.id = e.project_id
      LEFT JOIN entity ep ON ep.id = e.parent_id
     WHERE e.id = ${sequenceId}`);
  if (!row) return undefined;
  return {
    ...presentEntity(row, 'Sequence'),
    project_name: row.project_name,
    ...(row.episode_id ? { episode_id: row.episode_id, episode_name: row.episode_name ?? '' } : {}),
  };
}

/** The episode with its project name. */
export async function fullEpisode(db: Executor, episodeId: string): Promise<Static<typeof FullEpisode> | undefined> {
  const row = await one(db, sql<EntityRecord & Names>`
    SELECT ${entityColumns}, p.name AS project_name
      FROM entity e
      JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Episode'
      JOIN project p ON p.id = e.project_id
     WHERE e.id = ${episodeId}`);
  return row ? { ...presentEntity(row, 'Episode'), project_name: row.project_name } : undefined;
}
