import type { Executor } from '../../../platform/db/database.ts';

export interface MediaRow {
  id: string;
  created_at: string;
  resource_type: string;
  storage_key: string;
  thumbnail_key: string | null;
  content_hash: string;
  mime_type: string;
  extension: string;
  file_size: number;
  width: number | null;
  height: number | null;
  aspect_ratio: number | null;
  orientation: string | null;
  dominant_color: string | null;
  color_profile: string | null;
  duration: number | null;
  alt_text: string | null;
  caption: string | null;
  protected: boolean;
}

const columns = [
  'id', 'created_at', 'resource_type', 'storage_key', 'thumbnail_key', 'content_hash', 'mime_type', 'extension', 'file_size',
  'width', 'height', 'aspect_ratio', 'orientation', 'dominant_color', 'color_profile', 'duration', 'alt_text', 'caption', 'protected',
] as const;

export async function findMedia(db: Executor, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media_resource').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function findMediaByHash(db: Executor, contentHash: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media_resource').select(columns).where('content_hash', '=', contentHash).executeTakeFirst();
}

export async function findMediaByIds(db: Executor, ids: string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('media_resource').select(columns).where('id', 'in', ids).execute();
}

export type NewMedia = Omit<MediaRow, 'created_at' | 'duration'> & { created_by: string | null };

/** Inserts unless the same bytes are already stored (unique content_hash): then returns undefined. */
export async function insertMediaUnlessKnown(db: Executor, values: NewMedia): Promise<MediaRow | undefined> {
  return db
    .insertInto('media_resource')
    .values(values)
    .onConflict((oc) => oc.column('content_hash').doNothing())
    .returning(columns)
    .executeTakeFirst();
}

/** Gives a shared resource the alt text and caption it lacks; never overwrites another uploader's. */
export async function fillMediaTexts(db: Executor, id: string, texts: { alt_text?: string | null; caption?: string | null }): Promise<void> {
  if (texts.alt_text) await db.updateTable('media_resource').set({ alt_text: texts.alt_text }).where('id', '=', id).where('alt_text', 'is', null).execute();
  if (texts.caption) await db.updateTable('media_resource').set({ caption: texts.caption }).where('id', '=', id).where('caption', 'is', null).execute();
}
