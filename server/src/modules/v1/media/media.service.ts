import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { AppDeps } from '../../../platform/http/types.ts';
import type { ImageInput } from '../../../../../packages/contracts/src/set-designs/media.schema.ts';
import { v1Errors } from '../organizations/v1-errors.ts';
import { fetchImage, ImageFetchError } from './image-fetch.ts';
import { NotAnImageError, probeImage, type ImageFacts } from './image-probe.ts';
import { fillMediaTexts, findMedia, findMediaByHash, insertMediaUnlessKnown, type MediaRow, type NewMedia } from './media.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'storage' | 'config'>;

export interface MediaTexts {
  alt_text?: string | null;
  caption?: string | null;
  protected?: boolean;
}

function newMedia(
  id: string,
  keys: { storageKey: string; thumbnailKey: string },
  facts: ImageFacts,
  createdBy: string | null,
  texts: MediaTexts,
): NewMedia {
  return {
    id,
    resource_type: 'image',
    storage_key: keys.storageKey,
    thumbnail_key: keys.thumbnailKey,
    content_hash: facts.contentHash,
    mime_type: facts.mime,
    extension: facts.extension,
    file_size: facts.fileSize,
    width: facts.width,
    height: facts.height,
    aspect_ratio: facts.aspectRatio,
    orientation: facts.orientation,
    dominant_color: facts.dominantColor,
    color_profile: facts.colorProfile,
    alt_text: texts.alt_text ?? null,
    caption: texts.caption ?? null,
    protected: texts.protected ?? false,
    created_by: createdBy,
  };
}

/**
 * Stores image bytes as a media resource, once per content: the same bytes give back the resource
 * already stored. Checks they are an image first (NotAnImageError otherwise). Storage keys come from
 * the new row's id, never from a file name. Two uploads of the same new bytes racing: the unique
 * content_hash lets one insert win; the loser removes its stored copy and returns the winner's row.
 */
export async function storeImage(deps: Deps, bytes: Buffer, createdBy: string | null, texts: MediaTexts = {}): Promise<MediaRow> {
  const facts = await probeImage(bytes);
  const known = await findMediaByHash(deps.db, facts.contentHash);
  if (known) {
    await fillMediaTexts(deps.db, known.id, texts);
    return known;
  }
  const id = randomUUID();
  const storageKey = `media/${id}/original.${facts.extension}`;
  const thumbnailKey = `media/${id}/thumbnail.webp`;
  await deps.storage.put(storageKey, Readable.from([bytes]), { contentType: facts.mime });
  await deps.storage.put(thumbnailKey, Readable.from([facts.thumbnail]), { contentType: 'image/webp' });
  const row = await deps.db.transaction().execute(async (tx) => {
    const inserted = await insertMediaUnlessKnown(tx, newMedia(id, { storageKey, thumbnailKey }, facts, createdBy, texts));
    if (inserted) {
      const after = { content_hash: inserted.content_hash, file_size: inserted.file_size };
      await recordAudit(tx, { actorId: createdBy, action: 'create', objectType: 'media_resource', objectId: inserted.id, after });
    }
    return inserted;
  });
  if (row) return row;
  await Promise.all([deps.storage.delete(storageKey), deps.storage.delete(thumbnailKey)]);
  const winner = await findMediaByHash(deps.db, facts.contentHash);
  if (!winner) throw new Error('media resource vanished during deduplication');
  return winner;
}

/** An uploaded file becomes a media resource; a non-image is a 422. */
export async function uploadImage(deps: Deps, actor: Actor, bytes: Buffer, texts: MediaTexts): Promise<MediaRow> {
  try {
    return await storeImage(deps, bytes, actor.id, texts);
  } catch (error) {
    if (error instanceof NotAnImageError) throw v1Errors.invalidField(['body', 'file'], error.message, 'image_invalid');
    throw error;
  }
}

export async function getMedia(deps: Deps, id: string): Promise<MediaRow> {
  const row = await findMedia(deps.db, id);
  if (!row) throw v1Errors.notFound('Media resource');
  return row;
}

export interface ResolvedImage {
  /** The URL the image was given by, if any. */
  imageUrl: string | null;
  media: MediaRow | null;
}

/**
 * "URL or MediaInput" (seed 003) to a stored media resource: a URL is downloaded and stored, a
 * `media_resource_id` must exist. Failures are 422s located at `loc` in the request body.
 */
export async function resolveImageInput(deps: Deps, actor: Actor, input: ImageInput | undefined, loc: Array<string | number>): Promise<ResolvedImage> {
  if (input === null || input === undefined) return { imageUrl: null, media: null };
  const url = typeof input === 'string' ? input : (input.url ?? null);
  const texts: MediaTexts = typeof input === 'string' ? {} : { alt_text: input.alt_text, caption: input.caption, protected: input.protected };
  if (typeof input !== 'string' && input.media_resource_id) {
    const media = await findMedia(deps.db, input.media_resource_id);
    if (!media) throw v1Errors.invalidField([...loc, 'media_resource_id'], 'Media resource not found', 'not_found');
    await fillMediaTexts(deps.db, media.id, texts);
    return { imageUrl: url, media };
  }
  if (!url) return { imageUrl: null, media: null };
  try {
    const bytes = await fetchImage(url, deps.config.uploads);
    return { imageUrl: url, media: await storeImage(deps, bytes, actor.id, texts) };
  } catch (error) {
    if (error instanceof ImageFetchError || error instanceof NotAnImageError) {
      throw v1Errors.invalidField(typeof input === 'string' ? loc : [...loc, 'url'], error.message, 'image_invalid');
    }
    throw error;
  }
}
