import { Type, type Static } from 'typebox';
import { Choice, DateTime, Json, Nullable, Uuid } from './columns.ts';

/** Files: previews, working and output files, and their reference lists. */

export const PreviewFileRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Nullable(Type.String({ maxLength: 250 })),
  original_name: Nullable(Type.String({ maxLength: 250 })),
  revision: Type.Integer(),
  position: Type.Integer(),
  extension: Nullable(Type.String({ maxLength: 6 })),
  description: Nullable(Type.String()),
  path: Nullable(Type.String({ maxLength: 400 })),
  source: Nullable(Type.String({ maxLength: 40 })),
  file_size: Type.Integer(),
  status: Choice(['processing', 'ready', 'broken', 'missing']),
  validation_status: Choice(['validated', 'rejected', 'neutral']),
  annotations: Json(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  duration: Nullable(Type.Number()),
  data: Json(),
  token_in: Nullable(Type.Integer()),
  token_out: Nullable(Type.Integer()),
  is_movie: Type.Boolean(),
  url: Nullable(Type.String({ maxLength: 600 })),
  uploaded_movie_url: Nullable(Type.String({ maxLength: 600 })),
  uploaded_movie_name: Nullable(Type.String({ maxLength: 150 })),
  shotgun_id: Nullable(Type.Integer()),
  task_id: Nullable(Uuid()),
  person_id: Nullable(Uuid()),
  source_file_id: Nullable(Uuid()),
});
export type PreviewFile = Static<typeof PreviewFileRow>;

export const WorkingFileRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  shotgun_id: Nullable(Type.Integer()),
  name: Nullable(Type.String({ maxLength: 250 })),
  description: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  revision: Nullable(Type.Integer()),
  size: Nullable(Type.Integer()),
  checksum: Nullable(Type.Integer()),
  path: Nullable(Type.String({ maxLength: 400 })),
  data: Json(),
  task_id: Nullable(Uuid()),
  entity_id: Nullable(Uuid()),
  person_id: Nullable(Uuid()),
  software_id: Nullable(Uuid()),
});
export type WorkingFile = Static<typeof WorkingFileRow>;

export const OutputFileRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  shotgun_id: Nullable(Type.Integer()),
  name: Type.String({ maxLength: 250 }),
  canceled: Type.Boolean(),
  size: Nullable(Type.Integer()),
  checksum: Nullable(Type.String({ maxLength: 32 })),
  description: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  extension: Nullable(Type.String({ maxLength: 10 })),
  revision: Type.Integer(),
  representation: Nullable(Type.String({ maxLength: 20 })),
  nb_elements: Nullable(Type.Integer()),
  source: Nullable(Type.String({ maxLength: 40 })),
  path: Nullable(Type.String({ maxLength: 400 })),
  data: Json(),
  file_status_id: Uuid(),
  entity_id: Nullable(Uuid()),
  asset_instance_id: Nullable(Uuid()),
  output_type_id: Nullable(Uuid()),
  task_type_id: Nullable(Uuid()),
  person_id: Nullable(Uuid()),
  source_file_id: Nullable(Uuid()),
  temporal_entity_id: Nullable(Uuid()),
});
export type OutputFile = Static<typeof OutputFileRow>;

export const OutputTypeRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 40 }),
  short_name: Type.String({ maxLength: 20 }),
});
export type OutputType = Static<typeof OutputTypeRow>;

export const SoftwareRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 40 }),
  short_name: Type.String({ maxLength: 20 }),
  file_extension: Type.String({ maxLength: 20 }),
  version: Nullable(Type.String({ maxLength: 20 })),
  secondary_extensions: Json(),
  archived: Type.Boolean(),
  monthly_cost: Nullable(Type.Integer()),
  inventory_amount: Nullable(Type.Integer()),
});
export type Software = Static<typeof SoftwareRow>;

export const FileStatusRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 40 }),
  color: Type.String({ maxLength: 7 }),
});
export type FileStatus = Static<typeof FileStatusRow>;

