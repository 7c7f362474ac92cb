import { http } from '@/lib/http';
import type { EntityKind } from '@/features/productions/productions.store';

/** What the breakdown dialogs read of an episode, sequence, shot or asset row. */
export interface BreakdownEntity {
  id: string;
  name: string;
  parent_id: string | null;
  entity_type_id: string;
  description: string | null;
  nb_frames: number | null;
  data: Record<string, unknown> | null;
}

const projectPath = (projectId: string) => `/data/projects/${encodeURIComponent(projectId)}`;

export const fetchEpisodes = (projectId: string) => http.get<BreakdownEntity[]>(`${projectPath(projectId)}/episodes`);
export const fetchSequences = (projectId: string) => http.get<BreakdownEntity[]>(`${projectPath(projectId)}/sequences`);

/** The route is get-or-create: a name that exists returns the existing episode (the dialog checks first). */
export const createEpisode = (projectId: string, body: { name: string; description?: string | null }) =>
  http.post<BreakdownEntity>(`${projectPath(projectId)}/episodes`, body);

export const createSequence = (projectId: string, body: { name: string; episode_id?: string | null; description?: string | null }) =>
  http.post<BreakdownEntity>(`${projectPath(projectId)}/sequences`, body);

export interface NewShot {
  name: string;
  sequence_id: string;
  nb_frames?: number | null;
  description?: string | null;
  data?: { frame_in?: number; frame_out?: number };
}

/** Creates a shot; the server gives it the tasks of the production's shot task template. */
export const createShot = (projectId: string, body: NewShot) => http.post<BreakdownEntity>(`${projectPath(projectId)}/shots`, body);

/** Creates an asset (always a new one); the server gives it the tasks of the asset task template. */
export const createAsset = (projectId: string, assetTypeId: string, body: { name: string; description?: string | null }) =>
  http.post<BreakdownEntity>(`${projectPath(projectId)}/asset-types/${encodeURIComponent(assetTypeId)}/assets/new`, body);

export const fetchShot = (shotId: string) => http.get<BreakdownEntity>(`/data/shots/${encodeURIComponent(shotId)}`);

export interface ShotChanges {
  name?: string;
  description?: string | null;
  nb_frames?: number | null;
  data?: Record<string, unknown>;
}

/** `data` replaces the stored one: send it whole (the dialog merges the frame range into the shot's data). */
export const updateShot = (shotId: string, changes: ShotChanges) => http.put<BreakdownEntity>(`/data/shots/${encodeURIComponent(shotId)}`, changes);

export const updateAsset = (assetId: string, changes: { name?: string; description?: string | null }) =>
  http.put<BreakdownEntity>(`/data/entities/${encodeURIComponent(assetId)}`, changes);

/** Deletes the shot or asset with its tasks (force: without it, an entity with tasks is only canceled). */
export function deleteEntity(kind: EntityKind, entityId: string): Promise<void> {
  const collection = kind === 'Shot' ? 'shots' : 'assets';
  return http.delete(`/data/${collection}/${encodeURIComponent(entityId)}`, { query: { force: true } });
}

/** Renames an episode or a sequence (the generic entity route; the table's headings follow on reload). */
export const renameEntity = (entityId: string, name: string) =>
  http.put<BreakdownEntity>(`/data/entities/${encodeURIComponent(entityId)}`, { name });

/** Deletes an episode or a sequence with everything under it: sequences, shots, their tasks. */
export function deleteParent(kind: 'Episode' | 'Sequence', entityId: string): Promise<void> {
  const collection = kind === 'Episode' ? 'episodes' : 'sequences';
  return http.delete(`/data/${collection}/${encodeURIComponent(entityId)}`, { query: { force: true } });
}
