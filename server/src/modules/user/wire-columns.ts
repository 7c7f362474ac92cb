import { sql, type RawBuilder } from 'kysely';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';

/**
 * Whitelisted columns of the rows the user views return, and SQL builders that select them — as
 * columns (the driver formats timestamps) or as a JSON object (timestamps through `wire_timestamp`).
 * A column added to a table later is not exposed until it is listed here.
 */
export interface WireColumns {
  plain: readonly string[];
  timestamps: readonly string[];
}

export const TASK_COLUMNS: WireColumns = {
  plain: [
    'id', 'name', 'description', 'priority', 'difficulty', 'duration', 'estimation', 'completion_rate', 'retake_count',
    'sort_order', 'nb_assets_ready', 'nb_drawings', 'data', 'shotgun_id', 'last_preview_file_id', 'project_id',
    'task_type_id', 'task_status_id', 'entity_id', 'assigner_id',
  ],
  timestamps: ['created_at', 'updated_at', 'start_date', 'due_date', 'real_start_date', 'end_date', 'done_date', 'last_comment_date'],
};

export const ENTITY_COLUMNS: WireColumns = {
  plain: [
    'id', 'name', 'code', 'description', 'shotgun_id', 'canceled', 'nb_frames', 'nb_entities_out', 'is_casting_standby',
    'is_shared', 'status', 'project_id', 'entity_type_id', 'parent_id', 'source_id', 'preview_file_id', 'data',
    'ready_for', 'created_by',
  ],
  timestamps: ['created_at', 'updated_at'],
};

export const TASK_TYPE_COLUMNS: WireColumns = {
  plain: ['id', 'name', 'short_name', 'description', 'color', 'priority', 'for_entity', 'allow_timelog', 'archived', 'shotgun_id', 'department_id'],
  timestamps: ['created_at', 'updated_at'],
};

export const TASK_STATUS_COLUMNS: WireColumns = {
  plain: [
    'id', 'name', 'short_name', 'color', 'description', 'priority', 'is_done', 'is_artist_allowed', 'is_client_allowed',
    'is_retake', 'is_feedback_request', 'is_default', 'is_wip', 'for_concept', 'archived', 'shotgun_id', 'project_id',
  ],
  timestamps: ['created_at', 'updated_at'],
};

export const ASSET_TYPE_COLUMNS: WireColumns = {
  plain: ['id', 'name', 'short_name', 'description', 'archived'],
  timestamps: ['created_at', 'updated_at'],
};

export const PROJECT_COLUMNS: WireColumns = {
  plain: [
    'id', 'name', 'code', 'description', 'shotgun_id', 'file_tree', 'data', 'has_avatar', 'fps', 'ratio', 'resolution',
    'production_type', 'production_style', 'start_date', 'end_date', 'man_days', 'nb_episodes', 'episode_span',
    'max_retakes', 'is_clients_isolated', 'is_preview_download_allowed', 'is_set_preview_automated',
    'is_publish_default_for_artists', 'is_bot_collaboration_enabled', 'is_single_preview_per_revision',
    'is_frame_in_numbering', 'revision_padding', 'homepage', 'hd_bitrate_compression', 'ld_bitrate_compression',
    'project_status_id', 'default_preview_background_file_id', 'from_schedule_version_id',
  ],
  timestamps: ['created_at', 'updated_at'],
};

export const NAMED_COLUMNS: WireColumns = { plain: ['id', 'name', 'color'], timestamps: ['created_at', 'updated_at'] };
export const DEPARTMENT_COLUMNS: WireColumns = { plain: ['id', 'name', 'color', 'archived'], timestamps: ['created_at', 'updated_at'] };

const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/** `alias.col1, alias.col2, …` — timestamps come back formatted by the driver. */
export function selectColumns(alias: string, columns: WireColumns): RawBuilder<unknown> {
  return sql.join([...columns.plain, ...columns.timestamps].map((column) => ref(alias, column)));
}

/**
 * `jsonb_build_object(...)` of the whitelisted columns plus `type`. Built in chunks because a call
 * takes at most 100 arguments.
 */
export function jsonObject(alias: string, columns: WireColumns, type?: string): RawBuilder<Record<string, unknown>> {
  const pairs: RawBuilder<unknown>[] = [
    ...columns.plain.map((column) => sql`${sql.lit(column)}, ${ref(alias, column)}`),
    ...columns.timestamps.map((column) => sql`${sql.lit(column)}, wire_timestamp(${ref(alias, column)})`),
    ...(type ? [sql`'type', ${sql.lit(type)}::text`] : []),
  ];
  const chunks: RawBuilder<unknown>[] = [];
  for (let i = 0; i < pairs.length; i += 40) chunks.push(sql`jsonb_build_object(${sql.join(pairs.slice(i, i + 40))})`);
  return sql<Record<string, unknown>>`(${sql.join(chunks, sql` || `)})`;
}

/** Zou's `type` of an entity row: the temporal kind's own name, else "Asset". */
export function entityTypeLabel(entityTypeAlias: string): RawBuilder<string> {
  const kinds = sql.join(TEMPORAL_KINDS.map((kind) => sql.lit(kind)));
  const name = ref(entityTypeAlias, 'name');
  return sql<string>`(CASE WHEN ${name} IN (${kinds}) THEN ${name} ELSE 'Asset' END)`;
}
