import { Type, type Static } from 'typebox';

/**
 * Imports (Zou contract §8.7, seed 002): CSV files posted as multipart/form-data (field `file`), and
 * ShotGrid records posted as JSON lists.
 */

const open = { additionalProperties: true } as const;

export const CsvProjectParams = Type.Object({ project_id: Type.String({ description: 'Project UUID' }) });
export type CsvProjectParams = Static<typeof CsvProjectParams>;
export const CsvEstimationParams = Type.Object({ project_id: Type.String(), task_type_id: Type.String() });
export type CsvEstimationParams = Static<typeof CsvEstimationParams>;
export const CsvEpisodeEstimationParams = Type.Object({ project_id: Type.String(), episode_id: Type.String(), task_type_id: Type.String() });
export type CsvEpisodeEstimationParams = Static<typeof CsvEpisodeEstimationParams>;

export const CsvImportQuery = Type.Object(
  {
    update: Type.Optional(Type.String({ description: '`true`: rows matching an existing shot / asset / person update it (otherwise it is left as is)' })),
    dry_run: Type.Optional(Type.String({ description: '`true`: import the file in a transaction that is rolled back, and answer 200 with what it would change' })),
  },
  open,
);
export type CsvImportQuery = Static<typeof CsvImportQuery>;

/** 201: the imported rows, in file order (entities, people, casting links or tasks). */
export const ImportedRows = Type.Array(Type.Object({}, open));

/**
 * A dry run's row: the object as the import would answer it (a shot, an asset, a person...), plus
 * what would happen to it, the file line it comes from and, for shots and assets, where it goes.
 */
export const CsvImportPreviewRow = Type.Object(
  {
    import_action: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')], {
      description: '`created`: a new object; `updated`: an existing one whose values or tasks the file changes (with `update=true`; assets also '
        + 'when tasks of their workflow are missing); `unchanged`: the file holds what is stored (compared the way the import writes it: text '
        + 'trimmed, an empty cell as no value, numbers by value), and the import leaves it untouched',
    }),
    line_number: Type.Integer({ description: 'The file line of the row (where its record ends; header = 1), as in the 400 errors' }),
    sequence_name: Type.Optional(Type.String({ description: 'Shots: the sequence' })),
    episode_name: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Shots: the episode (null outside tv shows)' })),
    asset_type_name: Type.Optional(Type.String({ description: 'Assets: the asset type' })),
  },
  open,
);
export type CsvImportPreviewRow = Static<typeof CsvImportPreviewRow>;

/** 200 for `dry_run=true`: nothing was written; each row says what the import would do to it. */
export const CsvImportPreview = Type.Object({
  dry_run: Type.Literal(true),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rows: Type.Array(CsvImportPreviewRow),
});
export type CsvImportPreview = Static<typeof CsvImportPreview>;

/**
 * 400 for a bad row: nothing was imported (the file is imported in one transaction). `line_number`
 * counts the header as line 1; `imported_rows` is always 0 (Zou's partial imports report the rows kept).
 */
export const CsvImportError = Type.Object(
  {
    error: Type.Boolean(),
    message: Type.String(),
    line_number: Type.Optional(Type.Integer({ description: 'The failing line (header = 1); absent for errors about the request itself' })),
    imported_rows: Type.Optional(Type.Integer({ description: 'Always 0: a failing file imports nothing' })),
  },
  open,
);
export type CsvImportError = Static<typeof CsvImportError>;

export const ErrorBody = Type.Object({ error: Type.Boolean(), message: Type.String() }, open);

export const CSV_UPLOAD = 'Multipart/form-data with the CSV file in the field `file` (UTF-8, `;` or `,` delimited — sniffed from the header line). '
  + 'With `dry_run=true` the file is imported and rolled back: 200 `{dry_run, created, updated, unchanged, rows}` (each row with its `import_action`, '
  + '`line_number` and, for shots and assets, `sequence_name` / `episode_name` / `asset_type_name`) previews the change. '
  + 'Errors: 400 with `line_number` for a bad row (nothing imported), 413 past RUSHES_MAX_CSV_BYTES, 415 for a binary file (an image, a workbook...).';

export const IMPORT_COLUMNS = {
  shots: 'Columns: Name and Sequence (required), Episode (tv shows, required), Description, Nb Frames or Frames, Frame In or In, Frame Out or Out '
    + '(Frames = Out − In + 1 when absent), FPS, Resolution, one column per Shot metadata descriptor (its display name), and per shot task type of the project: '
    + '`<Task Type>` (status name or short name), `<Task Type> comment`, `<Task Type> assignations` (names, emails or ids, comma-separated; a bare '
    + '`Assignations` right after the status column, as exported, works too). Episodes and sequences are created on the fly; new shots get every shot task type.',
  assets: 'Columns: Name and Type (required; asset types are created on the fly), Episode (tv shows; MP or empty = main pack), Description, Resolution, '
    + 'Ready for (a shot task type), Asset metadata columns, and the task columns of the project\'s asset task types. Assets are matched by name.',
  casting: 'Columns: [Episode;]Parent;Name;Asset Type;Asset;Occurences;Label — Parent is the sequence of a shot, the asset type of an asset, or "Episode".',
  persons: 'Columns: First Name, Last Name, Email (required; people are matched by email), Phone, Role, Contract Type, Position, Seniority (codes or labels), '
    + 'Country (ISO alpha-2), Daily Salary, Studio, Departments (existing names, comma-separated), Active (yes/no).',
  estimations: 'Columns: Parent (sequence or asset type) and Entity (required), Estimation (days), Drawings, Start date, Due date (YYYY-MM-DD), Difficulty (1-5), '
    + 'and the task type\'s metadata columns.',
} as const;

/** A list of ShotGrid records as `sg.find()` returns them (dicts with `id`, `type` and the requested fields). */
export const ShotgunRecords = Type.Array(Type.Object({ id: Type.Integer({ description: 'ShotGrid id' }) }, open), {
  description: 'ShotGrid records of one entity type, as returned by the ShotGrid API',
});
export type ShotgunRecords = Static<typeof ShotgunRecords>;

export const ShotgunErrorParams = Type.Object({ error_id: Type.String() });
export type ShotgunErrorParams = Static<typeof ShotgunErrorParams>;

export const ShotgunImportError = Type.Object(
  {
    id: Type.String(),
    type: Type.Literal('DataImportError'),
    source: Type.String(),
    event_data: Type.Unknown({ description: 'Recorded by an import: {import: kind, message, data: the record}; posted by a client: what it sent' }),
    created_at: Type.String(),
    updated_at: Type.String(),
  },
  open,
);

/** The ShotGrid fields each import reads (other `sg_*` custom fields go to `data` where noted). */
export const SHOTGUN_FIELDS = {
  projects: 'Project records: id, name, sg_status (project status, created when missing; Open when empty), other sg_* fields → data.',
  persons: 'HumanUser records: id, firstname, lastname, email (matches an existing person), login, sg_status_list ("act" = active), permission_rule_set.name (Admin / Manager; new people only), department.name (created when missing). changeme@email.com entries are rejected.',
  steps: 'Step records → task types: id, code (name; its first word is the department), short_name, color ("r,g,b"), entity_type (Asset, Shot, Sequence...).',
  status: 'Status records → task statuses: id, name, code (short name, matches an existing status), bg_color ("r,g,b").',
  episodes: 'Episode records: id, code, description, project {id, name}.',
  sequences: 'Sequence records: id, code, description, project {id, name}, episode {id}.',
  assets: 'Asset records: id, code, description, sg_asset_type (created when missing), project {id}, parents [{id}] (cast into those assets).',
  shots: 'Shot records: id, code, description, project {id, name}, sg_sequence {id}, sg_scene {id}, sg_cut_in, sg_cut_duration (frame_in, frame_out, frames), assets [{id}] (the casting), other sg_* fields → data.',
  tasks: 'Task records: id, content (or cached_display_name), step {id}, project {id}, entity {type, id}, sg_status_list (status code), task_assignees [{type: HumanUser, id}], created_by {id}, start_date, due_date, sg_sort_order, duration (minutes). Tasks without step or project are skipped.',
  versions: 'Version records → preview files (no media): id, code, description, sg_task {id}, user {id}, sg_uploaded_movie {url, name}. Versions without task are skipped.',
  notes: 'Note records → comments on their first task: id, content, tasks [{id}], user {id}, created_at. Notes without task are skipped.',
} as const;
