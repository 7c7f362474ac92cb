import type { Readable } from 'node:stream';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { previewKeys } from '../../platform/storage/layout.ts';
import type { Storage } from '../../platform/storage/index.ts';
import { movieKeyOf } from '../previews/preview-frame.service.ts';
import type { PreviewRow } from '../previews/preview.repository.ts';
import { entityFactsOf, previewOwnersOf, revisionFilesOf } from './playlist-previews.repository.ts';
import { requireZipDownloader } from './playlists.policy.ts';
import { parentNameOf } from './playlists.presenter.ts';
import { entriesOf } from './playlists.repository.ts';
import { playlistOr404 } from './playlists.service.ts';
import { zipStream, type ZipSource } from './zip-stream.ts';

const safe = (text: string) => text.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'file';

/** Where a preview file's bytes are: the movie, the PNG of a picture, or the stored production file. */
function keyOf(file: { id: string; extension: string | null; is_movie: boolean; data: unknown }): { key: string; extension: string } {
  if (file.is_movie) return { key: movieKeyOf({ id: file.id, data: file.data as PreviewRow['data'] }), extension: file.extension ?? 'mp4' };
  if (file.extension === 'png') return { key: previewKeys(file.id).original, extension: 'png' };
  return { key: previewKeys(file.id).source, extension: file.extension ?? 'bin' };
}

/**
 * `GET data/playlists/<id>/download/zip` (Gazu's download_playlist_zip): every file of each entry's
 * chosen revision, named <parent>_<entity>_<task type>_v<revision>, streamed as it is read; files
 * missing from the storage are left out. Managers, supervisors, and clients on client playlists.
 */
export async function playlistZip(actor: Actor, playlistId: string, db: Executor, storage: Storage): Promise<{ stream: Readable; fileName: string }> {
  const playlist = await playlistOr404(db, playlistId);
  await requireZipDownloader(db, actor, playlist);
  const entries = (await entriesOf(db, [playlist.id])).get(playlist.id) ?? [];
  const chosen = await previewOwnersOf(db, entries.flatMap((entry) => (entry.preview_file_id ? [entry.preview_file_id] : [])));
  const entityIds = [...new Set([...chosen.values()].map((owner) => owner.entity_id))];
  const [facts, files] = await Promise.all([entityFactsOf(db, entityIds), revisionFilesOf(db, entityIds)]);
  const revisionKeys = new Set([...chosen.values()].map((owner) => `${owner.task_id}:${owner.revision}`));
  const inRevisions = files.filter((file) => revisionKeys.has(`${file.task_id}:${file.revision}`));
  const owners = await previewOwnersOf(db, inRevisions.map((file) => file.id));
  const taskTypes = new Map((await db.selectFrom('task_type').select(['id', 'name']).where('id', 'in', [...new Set(inRevisions.map((file) => file.task_type_id)), '00000000-0000-0000-0000-000000000000']).execute()).map((row) => [row.id, row.name]));

  const sources: ZipSource[] = [];
  const used = new Set<string>();
  for (const entry of entries) {
    const pick = entry.preview_file_id ? chosen.get(entry.preview_file_id) : undefined;
    if (!pick) continue;
    for (const file of inRevisions.filter((candidate) => candidate.task_id === pick.task_id && candidate.revision === pick.revision)) {
      const owner = owners.get(file.id);
      if (!owner) continue;
      const { key, extension } = keyOf(owner);
      const stat = await storage.stat(key);
      if (!stat) continue;
      const entity = facts.get(owner.entity_id);
      const base = safe([entity ? parentNameOf(entity) : '', entity?.name ?? owner.entity_id, taskTypes.get(file.task_type_id) ?? '', `v${file.revision}`, file.position > 1 ? String(file.position) : ''].filter(Boolean).join('_'));
      if (used.has(`${base}.${extension}`)) continue;
      used.add(`${base}.${extension}`);
      sources.push({ name: `${base}.${extension}`, size: stat.size, open: () => storage.get(key) });
    }
  }
  const project = await db.selectFrom('project').select('name').where('id', '=', playlist.project_id).executeTakeFirstOrThrow();
  return { stream: zipStream(sources), fileName: `${safe(project.name)}_${safe(playlist.name)}.zip` };
}
