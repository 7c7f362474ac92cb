import { Type, type Static, type TSchema } from 'typebox';
import { ErrorResponse } from './auth.schema.ts';

/**
 * Playlists (#15), as Zou serves them to Gazu's `gazu.playlist`: the entities a review plays in order,
 * each with the preview revision chosen for it (Zou's `shots` list), and the movie builds made of them.
 */

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ description: 'UTC date-time, YYYY-MM-DDTHH:MM:SS' });
/** null first: with type coercion on, a null tried against a string schema would become "". */
const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

export const FOR_ENTITY_VALUES = ['shot', 'asset', 'sequence', 'edit', 'episode'] as const;
export const ForEntity = Type.Union([Type.Literal('shot'), Type.Literal('asset'), Type.Literal('sequence'), Type.Literal('edit'), Type.Literal('episode')], {
  description: 'The kind of entity the playlist reviews',
});
export type ForEntity = (typeof FOR_ENTITY_VALUES)[number];

/** One entry as stored and sent back by Gazu: the entity and the revision chosen for it. */
export const PlaylistEntry = Type.Object({
  entity_id: Type.String(),
  preview_file_id: Nullable(Type.String({ description: 'null: the entity had no preview when added' })),
});
export type PlaylistEntry = Static<typeof PlaylistEntry>;

const playlistColumns = {
  id: Type.String(),
  type: Type.Literal('Playlist'),
  name: Type.String(),
  project_id: Type.String(),
  episode_id: Nullable(Type.String({ description: 'null: a project-level playlist' })),
  task_type_id: Nullable(Type.String()),
  for_client: Type.Boolean({ description: 'Shown to the production\'s clients' }),
  for_entity: ForEntity,
  is_for_all: Type.Boolean({ description: 'Project-level playlist listed under "all" rather than "main"' }),
  is_daily: Type.Boolean({ description: 'A dailies playlist (kept in Zou\'s web app as a name convention; here a flag)' }),
  created_by: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
};

/** A playlist row with its entries in order (`data/playlists` lists, create and update answers). */
export const Playlist = Type.Object({ ...playlistColumns, shots: Type.Array(PlaylistEntry) });
export type Playlist = Static<typeof Playlist>;
export const Playlists = Type.Array(Playlist);

/** A playlist in a project's or episode's list: no entries, the first one's preview for a thumbnail. */
export const PlaylistSummary = Type.Object({
  ...playlistColumns,
  first_preview_file_id: Type.Optional(Type.String()),
});
export type PlaylistSummary = Static<typeof PlaylistSummary>;
export const PlaylistSummaries = Type.Array(PlaylistSummary);

/** `data/playlists?page=n`: Zou's paginated list shape. */
export const PlaylistPage = Type.Object({
  data: Playlists,
  total: Type.Integer(),
  nb_pages: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  page: Type.Integer(),
});

const revisionFileProperties = {
  id: Type.String(),
  revision: Type.Integer(),
  position: Type.Integer(),
  original_name: Nullable(Type.String()),
  extension: Nullable(Type.String()),
  width: Nullable(Type.Number()),
  height: Nullable(Type.Number()),
  duration: Type.Number({ description: 'Seconds; 0 for pictures' }),
  status: Type.String({ description: 'processing, ready, broken or missing' }),
  validation_status: Type.String(),
  created_at: Timestamp,
  task_id: Type.String(),
  task_type_id: Type.String(),
  annotations: Type.Optional(Type.Unknown({ description: 'Only on the entity preview-files route' })),
};
/** One file of a revision (a revision's extra files are its `previews`). */
export const PreviewRevisionFile = Type.Object(revisionFileProperties);
/** A preview revision: its first file, the others of the same revision in `previews`. */
export const PreviewRevision = Type.Object({ ...revisionFileProperties, previews: Type.Array(PreviewRevisionFile) });
export type PreviewRevision = Static<typeof PreviewRevision>;

/** `data/playlists/entities/<id>/preview-files`: revisions newest first, by task type id. */
export const EntityPreviewFiles = Type.Record(Type.String(), Type.Array(PreviewRevision), {
  description: 'Task type id → that task type\'s revisions of the entity, newest first',
});
export type EntityPreviewFiles = Static<typeof EntityPreviewFiles>;

/** An entry of an opened playlist: the entity, its chosen revision spelled out, and every revision. */
export const PlaylistEntryDetail = Type.Object({
  id: Type.String({ description: 'The entity id (Zou\'s key for entries of an opened playlist)' }),
  entity_id: Type.String(),
  name: Type.String(),
  entity_type_name: Type.String(),
  parent_id: Nullable(Type.String()),
  parent_name: Type.String({ description: 'Sequence of a shot, episode of a sequence, asset type of an asset' }),
  canceled: Type.Boolean(),
  preview_file_id: Type.Optional(Type.String({ description: 'Absent when no revision is chosen' })),
  preview_file_extension: Type.Optional(Nullable(Type.String())),
  preview_file_revision: Type.Optional(Type.Integer()),
  preview_file_width: Type.Optional(Nullable(Type.Number())),
  preview_file_height: Type.Optional(Nullable(Type.Number())),
  preview_file_duration: Type.Optional(Type.Number()),
  preview_file_status: Type.Optional(Type.String()),
  preview_file_task_id: Type.Optional(Type.String()),
  preview_file_previews: Type.Optional(Type.Array(PreviewRevisionFile)),
  task_type_id: Type.Optional(Type.String({ description: 'Task type of the chosen revision' })),
  task_status_id: Type.Optional(Type.String({ description: 'Current status of the chosen revision\'s task' })),
  preview_files: EntityPreviewFiles,
});
export type PlaylistEntryDetail = Static<typeof PlaylistEntryDetail>;
export const EntryDetails = Type.Array(PlaylistEntryDetail);

export const BUILD_JOB_STATUSES = ['running', 'failed', 'succeeded'] as const;
export type BuildJobStatus = (typeof BUILD_JOB_STATUSES)[number];

/** A movie build of a playlist (Zou's build_job), with its progress and, when it failed, why. */
export const BuildJob = Type.Object({
  id: Type.String(),
  type: Type.Literal('BuildJob'),
  playlist_id: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('failed'), Type.Literal('succeeded')]),
  job_type: Type.String({ description: 'movie' }),
  progress: Type.Number({ minimum: 0, maximum: 1, description: 'Share of the entries encoded so far' }),
  error: Nullable(Type.String()),
  ended_at: Nullable(Timestamp),
  file_size: Nullable(Type.Integer()),
  duration: Nullable(Type.Number({ description: 'Seconds, of the built movie' })),
  created_by: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type BuildJob = Static<typeof BuildJob>;
export const BuildJobs = Type.Array(BuildJob);

/** An opened playlist (`data/playlists/<id>`): entries spelled out, with the builds, newest first. */
export const PlaylistDetail = Type.Object({
  ...playlistColumns,
  shots: Type.Array(PlaylistEntryDetail),
  build_jobs: BuildJobs,
});
export type PlaylistDetail = Static<typeof PlaylistDetail>;

const EpisodeChoice = Type.Union([Type.Null(), Uuid, Type.Literal('all'), Type.Literal('main')], {
  description: 'An episode id; "all", "main" or null: a project-level playlist',
});
const TaskTypeChoice = Type.Union([Type.Null(), Uuid, Type.Literal('')], { description: 'Restricts default revisions to this task type' });
const PreviewChoice = Type.Union([Type.Null(), Uuid, Type.Literal('')], { description: 'Omitted, "" or null: the latest revision' });

/** An entry as a client sends it: Gazu PUTs back the entries it read, so `id` stands for `entity_id`. */
export const PlaylistEntryInput = Type.Object({
  entity_id: Type.Optional(Uuid),
  id: Type.Optional(Uuid),
  preview_file_id: Type.Optional(PreviewChoice),
}, { additionalProperties: true });
export type PlaylistEntryInput = Static<typeof PlaylistEntryInput>;

const Entries = Type.Array(PlaylistEntryInput, { maxItems: 2000 });
const PlaylistName = Type.String({ minLength: 1, maxLength: 80 });

/** `POST data/playlists` (Gazu's new_playlist body); unknown keys are refused, as Zou's create does. */
export const CreatePlaylistBody = Type.Object({
  name: PlaylistName,
  project_id: Uuid,
  episode_id: Type.Optional(EpisodeChoice),
  task_type_id: Type.Optional(TaskTypeChoice),
  for_client: Type.Optional(Type.Boolean({ default: false })),
  for_entity: Type.Optional(ForEntity),
  is_for_all: Type.Optional(Type.Boolean({ default: false })),
  is_daily: Type.Optional(Type.Boolean({ default: false })),
  shots: Type.Optional(Entries),
}, { additionalProperties: false });
export type CreatePlaylistBody = Static<typeof CreatePlaylistBody>;

/**
 * `PUT data/playlists/<id>`: Gazu sends back the whole dict it read, so keys that are not settable
 * (id, type, project_id, build_jobs...) are ignored. `shots` replaces the entries, in its order.
 */
export const UpdatePlaylistBody = Type.Object({
  name: Type.Optional(PlaylistName),
  episode_id: Type.Optional(EpisodeChoice),
  task_type_id: Type.Optional(TaskTypeChoice),
  for_client: Type.Optional(Type.Boolean()),
  for_entity: Type.Optional(ForEntity),
  is_for_all: Type.Optional(Type.Boolean()),
  is_daily: Type.Optional(Type.Boolean()),
  shots: Type.Optional(Entries),
}, { additionalProperties: true });
export type UpdatePlaylistBody = Static<typeof UpdatePlaylistBody>;

/** `actions/playlists/<id>/add-entity` (Gazu's add_entity_to_playlist). */
export const AddEntityBody = Type.Object({
  entity_id: Uuid,
  preview_file_id: Type.Optional(PreviewChoice),
});
export type AddEntityBody = Static<typeof AddEntityBody>;

export const AddEntitiesBody = Type.Object({
  entities: Type.Array(AddEntityBody, { minItems: 1, maxItems: 1000 }),
});
export type AddEntitiesBody = Static<typeof AddEntitiesBody>;

export const RemoveEntityBody = Type.Object({
  entity_id: Uuid,
  preview_file_id: Type.Optional(Type.Union([Type.Null(), Uuid], { description: 'Only the entry with this revision; omitted: every entry of the entity' })),
});
export type RemoveEntityBody = Static<typeof RemoveEntityBody>;

export const MoveEntryBody = Type.Object({
  entity_id: Uuid,
  preview_file_id: Type.Optional(Type.Union([Type.Null(), Uuid], { description: 'Which entry of the entity, when it is in the playlist more than once' })),
  position: Type.Integer({ minimum: 0, description: 'New place, from 0; past the end means last' }),
});
export type MoveEntryBody = Static<typeof MoveEntryBody>;

export const TempPlaylistBody = Type.Object({
  task_ids: Type.Array(Uuid, { maxItems: 1000 }),
});
export type TempPlaylistBody = Static<typeof TempPlaylistBody>;

export const TempPlaylistQuery = Type.Object({
  sort: Type.Optional(Type.String({ description: '"true": ordered by episode, sequence or asset type, then name' })),
});

/** An entry of a temporary playlist: the task's entity and its latest revision for that task type. */
export const TempPlaylistEntry = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parent_name: Type.String(),
  episode_id: Type.String(),
  episode_name: Type.String(),
  sequence_id: Type.String(),
  sequence_name: Type.String(),
  asset_type_id: Type.String(),
  asset_type_name: Type.String(),
  preview_file_task_id: Type.String(),
  preview_file_id: Type.Optional(Type.String()),
  preview_file_extension: Type.Optional(Nullable(Type.String())),
  preview_file_revision: Type.Optional(Type.Integer()),
  preview_file_width: Type.Optional(Nullable(Type.Number())),
  preview_file_height: Type.Optional(Nullable(Type.Number())),
  preview_file_duration: Type.Optional(Type.Number()),
  preview_file_status: Type.Optional(Type.String()),
  preview_file_previews: Type.Optional(Type.Array(PreviewRevisionFile)),
  preview_files: EntityPreviewFiles,
});
export const TempPlaylist = Type.Array(TempPlaylistEntry);

/** `data/playlists/<id>/notify-clients` (Gazu sends {}): only the clients of a studio or department when given. */
export const NotifyClientsBody = Type.Object({
  studio_id: Type.Optional(Type.Union([Type.Null(), Uuid, Type.Literal('')])),
  department_id: Type.Optional(Type.Union([Type.Null(), Uuid, Type.Literal('')])),
}, { additionalProperties: true });
export type NotifyClientsBody = Static<typeof NotifyClientsBody>;
export const NotifyClientsAnswer = Type.Object({ status: Type.Literal('success'), notified: Type.Integer({ description: 'Clients notified' }) });

export const ListPlaylistsQuery = Type.Object({
  project_id: Type.Optional(Type.String()),
  episode_id: Type.Optional(Type.String()),
  task_type_id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String({ maxLength: 200, description: 'Case-insensitive match, % and _ as wildcards (Zou\'s ILIKE)' })),
  id: Type.Optional(Type.String()),
  for_client: Type.Optional(Type.String({ description: 'true or false' })),
  for_entity: Type.Optional(Type.String()),
  is_daily: Type.Optional(Type.String({ description: 'true or false' })),
  page: Type.Optional(Type.String({ description: 'Page number (from 1): switches to {data, total, nb_pages, limit, offset, page}' })),
  limit: Type.Optional(Type.String({ description: 'Page size (default 100)' })),
}, { additionalProperties: true, description: 'Other keys are ignored' });
export type ListPlaylistsQuery = Static<typeof ListPlaylistsQuery>;

export const ProjectPlaylistsQuery = Type.Object({
  page: Type.Optional(Type.String({ description: 'Page of 20, from 1 (default 1)' })),
  sort_by: Type.Optional(Type.Union([Type.Literal('updated_at'), Type.Literal('created_at'), Type.Literal('name')], { default: 'updated_at' })),
  task_type_id: Type.Optional(Type.String()),
}, { additionalProperties: true });
export type ProjectPlaylistsQuery = Static<typeof ProjectPlaylistsQuery>;

export const PlaylistParams = Type.Object({ playlist_id: Type.String({ description: 'Playlist UUID' }) });
export const ProjectParams = Type.Object({ project_id: Type.String({ description: 'Project UUID' }) });
export const ProjectPlaylistParams = Type.Object({ project_id: Type.String(), playlist_id: Type.String() });
export const EpisodeParams = Type.Object({ project_id: Type.String(), episode_id: Type.String({ description: 'Episode UUID, or "main" / "all"' }) });
export const EntityParams = Type.Object({ entity_id: Type.String() });
export const BuildJobParams = Type.Object({ playlist_id: Type.String(), build_job_id: Type.String() });
export const BareBuildJobParams = Type.Object({ build_job_id: Type.String() });

/** A share link as managers see it: never its password, only whether it has one. */
export const ShareLink = Type.Object({
  id: Type.String(),
  type: Type.Literal('PlaylistShareLink'),
  token: Type.String({ description: 'Opens the playlist at shared/playlists/<token>' }),
  playlist_id: Type.String(),
  created_by: Nullable(Type.String()),
  expiration_date: Nullable(Timestamp),
  is_active: Type.Boolean(),
  can_comment: Type.Boolean(),
  has_password: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ShareLink = Static<typeof ShareLink>;
export const ShareLinks = Type.Array(ShareLink);

/** `POST data/playlists/<id>/share` (Gazu's new_share_link). */
export const CreateShareLinkBody = Type.Object({
  expiration_date: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 40, description: 'ISO 8601 date (its whole day) or date-time; "" or null: never' })])),
  can_comment: Type.Optional(Type.Boolean({ default: true })),
  password: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200, description: '"" or null: none' })])),
}, { additionalProperties: true });
export type CreateShareLinkBody = Static<typeof CreateShareLinkBody>;

export const ShareLinkParams = Type.Object({ playlist_id: Type.String(), token: Type.String({ maxLength: 100 }) });
export const SharedParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
export const SharedFileParams = Type.Object({ token: Type.String({ maxLength: 100 }), file: Type.String({ description: '<preview id>.<extension>' }) });
export const SharedQuery = Type.Object({ password: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: true });

/** What a guest opening a share link gets: the playlist opened, and whether they may comment. */
export const SharedPlaylist = Type.Object({
  playlist: PlaylistDetail,
  can_comment: Type.Boolean(),
  expiration_date: Nullable(Timestamp),
});

/** Failures, in Zou's `{error: true, message}` envelope. */
export const playlistErrorResponses = {
  400: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
} as const;
