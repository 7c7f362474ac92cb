import { Type, type Static } from 'typebox';
import { Choice, DateOnly, DateTime, Json, Nullable, Uuid } from './columns.ts';

/** Productions and their statuses. */

export const ProjectStatusRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 20 }),
  color: Type.String({ maxLength: 7 }),
});
export type ProjectStatus = Static<typeof ProjectStatusRow>;

export const ProjectRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 80 }),
  code: Nullable(Type.String({ maxLength: 80 })),
  description: Nullable(Type.String()),
  shotgun_id: Nullable(Type.Integer()),
  file_tree: Json(),
  data: Json(),
  has_avatar: Type.Boolean(),
  fps: Nullable(Type.String({ maxLength: 10 })),
  ratio: Nullable(Type.String({ maxLength: 10 })),
  resolution: Nullable(Type.String({ maxLength: 12 })),
  production_type: Nullable(Type.String({ maxLength: 20 })),
  production_style: Choice(['2d', '2dpaper', '3d', '2d3d', 'ar', 'vfx', 'stop-motion', 'motion-design', 'archviz', 'commercial', 'catalog', 'immersive', 'nft', 'video-game', 'vr']),
  start_date: Nullable(DateOnly()),
  end_date: Nullable(DateOnly()),
  man_days: Nullable(Type.Integer()),
  nb_episodes: Type.Integer(),
  episode_span: Type.Integer(),
  max_retakes: Type.Integer(),
  is_clients_isolated: Type.Boolean(),
  is_preview_download_allowed: Type.Boolean(),
  is_set_preview_automated: Type.Boolean(),
  is_publish_default_for_artists: Type.Boolean(),
  is_bot_collaboration_enabled: Type.Boolean(),
  is_single_preview_per_revision: Type.Boolean(),
  is_frame_in_numbering: Type.Boolean(),
  revision_padding: Type.Integer(),
  homepage: Nullable(Type.String({ maxLength: 80 })),
  hd_bitrate_compression: Nullable(Type.Integer()),
  ld_bitrate_compression: Nullable(Type.Integer()),
  project_status_id: Nullable(Uuid()),
  default_preview_background_file_id: Nullable(Uuid()),
  from_schedule_version_id: Nullable(Uuid()),
});
export type Project = Static<typeof ProjectRow>;

