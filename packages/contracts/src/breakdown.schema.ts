import { Type, type Static, type TSchema } from 'typebox';
import * as Model from './models/index.ts';
import * as Rows from './rows.schema.ts';
import { Nullable, Uuid } from './models/index.ts';

/**
 * Breakdown shapes (Zou contract §2.2 entity, §4.4 shots, §4.5 assets, §4.10 casting). Bodies accept
 * extra keys: Gazu posts whole dicts and Zou ignores what a route does not read. Response rows are
 * open objects too: the documented keys are the ones clients rely on, every entity column is sent.
 */

const open = { additionalProperties: true } as const;
/**
 * Nullable request fields stay `anyOf [T, null]`: under type coercion a null is then read as "" (or
 * false, 0), which the services expect. Response rows use the models' `Nullable`.
 */
const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Metadata = Type.Object({}, { ...open, description: 'Free metadata (`data`), e.g. frame_in, frame_out, fps' });

/** Feature routes take ids as plain segments and answer 404 (not 400) for malformed ones (§3.7). */
export const ProjectParams = Type.Object({ project_id: Type.String() });
export const ShotParams = Type.Object({ shot_id: Type.String() });
export const SequenceParams = Type.Object({ sequence_id: Type.String() });
export const EpisodeParams = Type.Object({ episode_id: Type.String() });
export const AssetParams = Type.Object({ asset_id: Type.String() });
export const ProjectAssetTypeParams = Type.Object({ project_id: Type.String(), asset_type_id: Type.String() });
export const ProjectEntityParams = Type.Object({ project_id: Type.String(), entity_id: Type.String() });
export const ProjectSequenceParams = Type.Object({ project_id: Type.String(), sequence_id: Type.String() });

/** `?force=True` (Gazu sends Python booleans): only a value lower-casing to `true` forces (§8.3). */
export const ForceQuery = Type.Object({ force: Type.Optional(Type.String()) }, open);

/** List filters: any entity column as an equality filter (`name` is ILIKE, `[...]` is IN). */
export const EntityFilterQuery = Type.Object(
  {
    project_id: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    sequence_id: Type.Optional(Type.String({ description: 'Shots: translated into parent_id + project_id' })),
    episode_id: Type.Optional(Type.String({ description: 'Sequences: parent; assets: source or cast in episode' })),
    entity_type_id: Type.Optional(Type.String()),
    source_id: Type.Optional(Type.String()),
  },
  open,
);
export type EntityFilterQuery = Static<typeof EntityFilterQuery>;

/** One entity row: every column of `entity` plus `type` ("Shot", "Sequence", "Episode", "Asset"...). */
export const EntityRow = Type.Object(Rows.EntityRow.properties, open);
export const EntityList = Type.Array(EntityRow);

/** A task as embedded in full shot/asset objects (Zou's "with tasks" rows): some task columns, assignees, subscription. */
export const EmbeddedTask = Type.Object(
  {
    ...Type.Pick(Model.TaskRow, [
      'id', 'entity_id', 'task_type_id', 'task_status_id', 'priority', 'difficulty', 'estimation', 'duration',
      'retake_count', 'nb_assets_ready', 'nb_drawings', 'start_date', 'due_date', 'real_start_date', 'end_date',
      'done_date', 'last_comment_date', 'last_preview_file_id', 'data',
    ]).properties,
    assignees: Type.Array(Uuid()),
    is_subscribed: Type.Boolean(),
  },
  open,
);

/** Names that full entity rows and shot lists add to the row. */
const projectName = Model.ProjectRow.properties.name;
const entityName = Model.EntityRow.properties.name;

/** What the full shot and asset reads add after their names: tasks and casting links. */
const tasksAndLinks = {
  tasks: Type.Array(EmbeddedTask),
  entities_out: Type.Array(Uuid()),
  entities_in: Type.Array(Uuid()),
  instance_casting: Type.Array(Type.String()),
  entity_concept_links: Type.Array(Type.String()),
};

/** `data/shots/<id>`: the shot with its tasks, names of its project/sequence/episode and relations. */
export const FullShot = Type.Object(
  {
    ...EntityRow.properties,
    project_name: projectName,
    sequence_id: Nullable(Uuid()),
    sequence_name: Nullable(entityName),
    episode_id: Nullable(Uuid()),
    episode_name: Type.String({ description: '"" when none' }),
    fps: Type.Unknown(),
    frame_in: Type.Unknown(),
    frame_out: Type.Unknown(),
    ...tasksAndLinks,
  },
  open,
);

/**
 * `data/assets/<id>`: the asset row without `source_id` and `nb_frames` (its episode is `episode_id`),
 * with its tasks, project and asset type names and the episodes it is cast in.
 */
export const FullAsset = Type.Object(
  {
    ...Type.Omit(EntityRow, ['source_id', 'nb_frames']).properties,
    project_name: projectName,
    asset_type_id: Uuid(),
    asset_type_name: Model.EntityTypeRow.properties.name,
    episode_id: Nullable(Uuid()),
    casting_episode_ids: Type.Array(Uuid()),
    ...tasksAndLinks,
  },
  open,
);

/** `data/sequences/<id>` and `data/episodes/<id>`: the row plus project (and episode) names. */
export const FullSequence = Type.Object(
  {
    ...EntityRow.properties,
    project_name: projectName,
    episode_id: Type.Optional(Uuid()),
    episode_name: Type.Optional(Type.String()),
  },
  open,
);
export const FullEpisode = Type.Object({ ...EntityRow.properties, project_name: projectName }, open);

/** Shot lists of `data/shots/all` and `data/sequences/<id>/shots` add the project and sequence names. */
export const NamedShotList = Type.Array(
  Type.Object({ ...EntityRow.properties, project_name: projectName, sequence_name: Nullable(entityName) }, open),
);

export const NewShotBody = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    sequence_id: Type.Optional(OrNull(Uuid())),
    data: Type.Optional(OrNull(Metadata)),
    nb_frames: Type.Optional(OrNull(Type.Integer())),
    description: Type.Optional(OrNull(Type.String())),
  },
  open,
);
export type NewShotBody = Static<typeof NewShotBody>;

export const NewSequenceBody = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    episode_id: Type.Optional(OrNull(Uuid())),
    description: Type.Optional(OrNull(Type.String())),
    data: Type.Optional(OrNull(Metadata)),
  },
  open,
);
export type NewSequenceBody = Static<typeof NewSequenceBody>;

export const NewEpisodeBody = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    status: Type.Optional(OrNull(Type.String())),
    description: Type.Optional(OrNull(Type.String())),
    data: Type.Optional(OrNull(Metadata)),
  },
  open,
);
export type NewEpisodeBody = Static<typeof NewEpisodeBody>;

export const NewAssetBody = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(OrNull(Type.String())),
    data: Type.Optional(OrNull(Metadata)),
    is_shared: Type.Optional(OrNull(Type.Boolean())),
    episode_id: Type.Optional(OrNull(Uuid())),
  },
  open,
);
export type NewAssetBody = Static<typeof NewAssetBody>;

/** `PUT data/shots/<id>` (Gazu `restore_shot` sends `{canceled: false}`); unknown keys are ignored. */
export const ShotUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1 })),
    code: Type.Optional(OrNull(Type.String())),
    description: Type.Optional(OrNull(Type.String())),
    canceled: Type.Optional(Type.Boolean()),
    nb_frames: Type.Optional(OrNull(Type.Integer())),
    data: Type.Optional(OrNull(Metadata)),
    status: Type.Optional(Type.Union([Type.Literal('standby'), Type.Literal('running'), Type.Literal('complete'), Type.Literal('canceled')])),
    is_casting_standby: Type.Optional(Type.Boolean()),
  },
  open,
);
export type ShotUpdateBody = Static<typeof ShotUpdateBody>;

/** An asset type row: an entity type (every type but the temporal kinds) with `type: "AssetType"`. */
export const AssetTypeRow = Type.Object(Rows.AssetTypeRow.properties, open);
export const AssetTypeList = Type.Array(AssetTypeRow);

/** One entry of a casting update: an asset and how many times it appears. */
export const CastingEntry = Type.Object(
  {
    asset_id: Type.String(),
    nb_occurences: Type.Integer({ minimum: 0 }),
    label: Type.Optional(OrNull(Type.String())),
  },
  open,
);
/** The PUT body is validated by hand: Zou answers its own message when it is not an array. */
export const CastingBody = Type.Unknown({ description: 'JSON array of {asset_id, nb_occurences, label?}' });

/** One casting entry: an asset cast in a shot, asset or episode, and how many times (routes add context keys). */
export const CastingEntryRow = Type.Object(
  {
    asset_id: Uuid(),
    asset_name: entityName,
    asset_type_name: Model.EntityTypeRow.properties.name,
    ...Type.Pick(Model.EntityLinkRow, ['nb_occurences', 'label']).properties,
  },
  open,
);
/** `GET .../entities/<id>/casting`: the assets cast in a shot, asset or episode. */
export const CastingList = Type.Array(CastingEntryRow);
/** Sequence / asset-type casting: a map from shot (or asset) id to its casting entries. */
export const CastingMap = Type.Record(Type.String(), CastingList);

/** `data/assets/<id>/cast-in`: shots (then assets) the asset is cast in. */
export const CastInList = Type.Array(Type.Object(Type.Pick(Model.EntityLinkRow, ['nb_occurences']).properties, open));

/** `data/entities/<id>/preview-files`: Zou's presented preview file (a subset of the row). */
export const EntityPreviewFile = Type.Object({
  ...Type.Pick(Model.PreviewFileRow, [
    'id', 'name', 'original_name', 'extension', 'revision', 'position', 'file_size', 'status', 'validation_status', 'task_id', 'person_id',
    'created_at', 'token_in', 'token_out',
  ]).properties,
});
export type EntityPreviewFile = Static<typeof EntityPreviewFile>;
export const EntityPreviewFileList = Type.Array(EntityPreviewFile);
