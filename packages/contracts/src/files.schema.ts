import { Type, type Static, type TSchema } from 'typebox';
import { OutputFileRow, OutputTypeRow, WorkingFileRow } from './models/index.ts';

/**
 * Working files, output files and file trees of the Zou-compatible API (§4.9 gazu.files, §8.8).
 * Bodies take Zou's defaults; keys Gazu adds besides (`task_id` on a new working file) are ignored.
 */

/** null first: with type coercion on, a null tried against a string schema would become "". */
const NullFirst = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
const OptionalId = Type.Optional(NullFirst(Type.String()));
const open = { additionalProperties: true } as const;

export const WorkingFile = Type.Object({ ...WorkingFileRow.properties, type: Type.Literal('WorkingFile') });
export type WorkingFile = Static<typeof WorkingFile>;

export const OutputFile = Type.Object({ ...OutputFileRow.properties, type: Type.Literal('OutputFile') });
export type OutputFile = Static<typeof OutputFile>;

/** A new output file also tells where it goes. */
export const NewOutputFile = Type.Object({ ...OutputFile.properties, folder_path: Type.String(), file_name: Type.String() });
export type NewOutputFile = Static<typeof NewOutputFile>;

export const OutputType = Type.Object({ ...OutputTypeRow.properties, type: Type.Literal('OutputType') });
export type OutputType = Static<typeof OutputType>;

/**
 * A file tree (§8.8): per mode (`working`, `output`, `preview`...), a mount point, a root, and the
 * folder and file name templates per entity kind, each map with an optional `style`.
 */
export const FileTreeTemplates = Type.Record(Type.String(), Type.String());
export const FileTreeMode = Type.Object(
  { mountpoint: Type.String(), root: Type.String(), folder_path: FileTreeTemplates, file_name: FileTreeTemplates },
  open,
);
export const FileTree = Type.Record(Type.String(), FileTreeMode);
export type FileTree = Static<typeof FileTree>;

export const SetFileTreeBody = Type.Object({ tree_name: Type.String({ minLength: 1, description: 'default or simple' }) }, open);

export const WorkingFilePathBody = Type.Object(
  {
    name: Type.Optional(Type.String({ default: 'main' })),
    mode: Type.Optional(Type.String({ default: 'working' })),
    software_id: OptionalId,
    comment: Type.Optional(NullFirst(Type.String())),
    revision: Type.Optional(Type.Integer({ default: 0, minimum: 0, description: '0: the next free revision' })),
    sep: Type.Optional(Type.String({ default: '/' })),
  },
  open,
);
export type WorkingFilePathBody = Static<typeof WorkingFilePathBody>;
export const WorkingFilePath = Type.Object({ path: Type.String({ description: 'the folder' }), name: Type.String({ description: 'the file name' }) });

export const OutputFilePathBody = Type.Object(
  {
    name: Type.Optional(Type.String({ default: 'main' })),
    mode: Type.Optional(Type.String({ default: 'output' })),
    output_type_id: Type.String({ minLength: 1 }),
    task_type_id: Type.String({ minLength: 1 }),
    revision: Type.Optional(Type.Integer({ default: 0, minimum: 0 })),
    extension: Type.Optional(Type.String({ default: '' })),
    representation: Type.Optional(Type.String({ default: '' })),
    nb_elements: Type.Optional(Type.Integer({ default: 1, minimum: 1 })),
    separator: Type.Optional(Type.String({ default: '/' })),
  },
  open,
);
export type OutputFilePathBody = Static<typeof OutputFilePathBody>;
export const OutputFilePath = Type.Object({ folder_path: Type.String(), file_name: Type.String() });

export const NewWorkingFileBody = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String({ default: '' })),
    mode: Type.Optional(Type.String({ default: 'working' })),
    comment: Type.Optional(Type.String({ default: '' })),
    person_id: OptionalId,
    software_id: OptionalId,
    revision: Type.Optional(Type.Integer({ default: 0, minimum: 0 })),
    sep: Type.Optional(Type.String({ default: '/' })),
  },
  open,
);
export type NewWorkingFileBody = Static<typeof NewWorkingFileBody>;

export const NewOutputFileBody = Type.Object(
  {
    name: Type.Optional(Type.String({ default: 'main' })),
    mode: Type.Optional(Type.String({ default: 'output' })),
    output_type_id: Type.String({ minLength: 1 }),
    task_type_id: Type.String({ minLength: 1 }),
    person_id: OptionalId,
    working_file_id: OptionalId,
    file_status_id: OptionalId,
    comment: Type.Optional(Type.String({ default: '' })),
    revision: Type.Optional(Type.Integer({ default: 0, minimum: 0 })),
    extension: Type.Optional(Type.String({ default: '' })),
    representation: Type.Optional(Type.String({ default: '' })),
    nb_elements: Type.Optional(Type.Integer({ default: 1, minimum: 1 })),
    sep: Type.Optional(Type.String({ default: '/' })),
  },
  open,
);
export type NewOutputFileBody = Static<typeof NewOutputFileBody>;

export const NextRevisionBody = Type.Object(
  { name: Type.Optional(Type.String({ default: 'main' })), output_type_id: Type.String({ minLength: 1 }), task_type_id: Type.String({ minLength: 1 }) },
  open,
);
export type NextRevisionBody = Static<typeof NextRevisionBody>;
export const NextRevision = Type.Object({ next_revision: Type.Integer() });

/** Filters of the output file lists (all optional, equality). */
export const OutputFileFilters = Type.Object(
  {
    output_type_id: Type.Optional(Type.String()),
    task_type_id: Type.Optional(Type.String()),
    representation: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    file_status_id: Type.Optional(Type.String()),
  },
  open,
);
export type OutputFileFilters = Static<typeof OutputFileFilters>;

export const WorkingFileFilters = Type.Object({ task_id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }, open);
export type WorkingFileFilters = Static<typeof WorkingFileFilters>;

export const WorkingFileCommentBody = Type.Object({ comment: Type.String({ minLength: 1 }) }, open);

export const GuessFromPathBody = Type.Object(
  { project_id: Type.String({ minLength: 1 }), file_path: Type.String({ minLength: 1 }), sep: Type.Optional(Type.String({ default: '/' })) },
  open,
);
export type GuessFromPathBody = Static<typeof GuessFromPathBody>;

/** One template the path matches: `Template` (the entity kind) and the ids of the tokens found (`Project`, `Shot`...). */
export const PathGuess = Type.Record(Type.String(), Type.String());
export type PathGuess = Static<typeof PathGuess>;

export const IdParam = Type.Object({ id: Type.String() });
export const EntityOutputTypeParams = Type.Object({ id: Type.String(), outputTypeId: Type.String() });

/** `POST data/tasks/<id>/working-file-path` and output paths: an unknown token or kind (400). */
export const MalformedTree = Type.Object({ message: Type.String(), received_data: Type.Unknown() });
