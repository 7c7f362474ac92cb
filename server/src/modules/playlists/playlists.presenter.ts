import type { Selectable } from 'kysely';
import type {
  BuildJob, BuildJobStatus, EntityPreviewFiles, ForEntity, Playlist, PlaylistEntryDetail, PlaylistSummary, PreviewRevision,
} from '../../../../packages/contracts/src/playlists.schema.ts';
import type { PlaylistBuildJob } from '../../platform/db/schema.ts';
import type { EntityFacts, RevisionFileRow } from './playlist-previews.repository.ts';
import type { PlaylistRow, PlaylistSummaryRow, StoredEntry } from './playlists.repository.ts';

export type BuildJobRow = Selectable<PlaylistBuildJob>;

function columns(row: PlaylistRow) {
  return {
    id: row.id,
    type: 'Playlist' as const,
    name: row.name,
    project_id: row.project_id,
    episode_id: row.episode_id,
    task_type_id: row.task_type_id,
    for_client: row.for_client,
    for_entity: row.for_entity as ForEntity,
    is_for_all: row.is_for_all,
    is_daily: row.is_daily,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export const presentPlaylist = (row: PlaylistRow, shots: StoredEntry[]): Playlist => ({ ...columns(row), shots });

export function presentSummary(row: PlaylistSummaryRow): PlaylistSummary {
  return row.first_preview_file_id ? { ...columns(row), first_preview_file_id: row.first_preview_file_id } : columns(row);
}

export function presentBuildJob(row: BuildJobRow): BuildJob {
  return {
    id: row.id,
    type: 'BuildJob',
    playlist_id: row.playlist_id,
    status: row.status as BuildJobStatus,
    job_type: row.job_type,
    progress: row.progress,
    error: row.error,
    ended_at: row.ended_at,
    file_size: row.file_size,
    duration: row.duration,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function revisionFile(row: RevisionFileRow, withAnnotations: boolean) {
  const file = {
    id: row.id,
    revision: row.revision,
    position: row.position,
    original_name: row.original_name,
    extension: row.extension,
    width: row.width,
    height: row.height,
    duration: Number(row.duration ?? 0),
    status: row.status,
    validation_status: row.validation_status,
    created_at: row.created_at,
    task_id: row.task_id,
    task_type_id: row.task_type_id,
  };
  return withAnnotations ? { ...file, annotations: row.annotations ?? [] } : file;
}

/**
 * Groups preview files by entity, then task type, one revision per item: its first file, the others of
 * that revision in `previews` (Zou's mix_preview_file_revisions). Rows come ordered by the repository.
 */
export function groupRevisions(rows: RevisionFileRow[], options: { annotations?: boolean } = {}): Map<string, EntityPreviewFiles> {
  const byEntity = new Map<string, EntityPreviewFiles>();
  const revisionOf = new Map<string, PreviewRevision>();
  for (const row of rows) {
    let byTaskType = byEntity.get(row.entity_id);
    if (!byTaskType) byEntity.set(row.entity_id, (byTaskType = {}));
    const revisions = (byTaskType[row.task_type_id] ??= []);
    // A revision is per task: two tasks of one task type (rare) keep their revisions apart.
    const key = `${row.task_id}:${row.revision}`;
    const head = revisionOf.get(key);
    if (head) head.previews.push(revisionFile(row, options.annotations === true));
    else {
      const revision: PreviewRevision = { ...revisionFile(row, options.annotations === true), previews: [] };
      revisionOf.set(key, revision);
      revisions.push(revision);
    }
  }
  return byEntity;
}

/** Sequence of a shot, episode of a sequence, asset type of an asset: what a reviewer reads first. */
export function parentNameOf(facts: EntityFacts): string {
  return facts.is_asset ? facts.entity_type_name : (facts.parent_name ?? '');
}

/** An entry of an opened playlist: the entity, the chosen revision spelled out, all its revisions. */
export function presentEntryDetail(
  entry: StoredEntry,
  facts: EntityFacts | undefined,
  revisions: EntityPreviewFiles | undefined,
  chosen: RevisionFileRow | undefined,
  chosenRevision: PreviewRevision | undefined,
): PlaylistEntryDetail {
  const detail: PlaylistEntryDetail = {
    id: entry.entity_id,
    entity_id: entry.entity_id,
    name: facts?.name ?? '',
    entity_type_name: facts?.entity_type_name ?? '',
    parent_id: facts?.parent_id ?? null,
    parent_name: facts ? parentNameOf(facts) : '',
    canceled: facts?.canceled ?? false,
    preview_files: revisions ?? {},
  };
  if (!chosen) return detail;
  return {
    ...detail,
    preview_file_id: chosen.id,
    preview_file_extension: chosen.extension,
    preview_file_revision: chosen.revision,
    preview_file_width: chosen.width,
    preview_file_height: chosen.height,
    preview_file_duration: Number(chosen.duration ?? 0),
    preview_file_status: chosen.status,
    preview_file_task_id: chosen.task_id,
    preview_file_previews: chosenRevision && chosenRevision.id === chosen.id ? chosenRevision.previews : [],
    task_type_id: chosen.task_type_id,
    task_status_id: chosen.task_status_id,
  };
}
