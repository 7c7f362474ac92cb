import { createReadStream } from 'node:fs';
import sharp from 'sharp';
import type { Storage } from '../../platform/storage/index.ts';
import { previewKeys } from '../../platform/storage/layout.ts';

/**
 * Pictures derived from an image file with sharp: the PNG original, the thumbnails and the web-sized
 * copy of a preview (Zou's sizes), and avatars. Each is rendered from the file on disk and streamed
 * into the Storage, never held whole in memory.
 */

/** Refuses pixel bombs before sharp allocates their pixels, and fails on corrupt data. */
const INPUT = { limitInputPixels: 100_000_000, failOn: 'error' } as const;
const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

export class UnreadableImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableImageError';
  }
}

/** Width and height as displayed (EXIF orientation applied); UnreadableImageError when sharp cannot read it. */
export async function imageSize(file: string): Promise<{ width: number; height: number }> {
  try {
    const metadata = await sharp(file, INPUT).metadata();
    const size = metadata.autoOrient ?? { width: metadata.width, height: metadata.height };
    if (!size.width || !size.height) throw new UnreadableImageError('The image has no size.');
    return { width: size.width, height: size.height };
  } catch (error) {
    if (error instanceof UnreadableImageError) throw error;
    throw new UnreadableImageError(`The file is not a readable image: ${(error as Error).message}`);
  }
}

/** A box-fitted PNG: the image scaled to fit `width`×`height`, centred on transparent margins. */
const boxed = (file: string, width: number, height: number) =>
  sharp(file, INPUT).autoOrient().resize(width, height, { fit: 'contain', background: TRANSPARENT }).png();

/**
 * The four pictures of a preview from an image file: `original` (PNG of the full image), `thumbnail`
 * (150×100), `thumbnailSquare` (100×100) and `preview` (1200 wide, never enlarged). Returns the size.
 */
export async function storePreviewPictures(storage: Storage, previewFileId: string, file: string): Promise<{ width: number; height: number }> {
  const size = await imageSize(file);
  const keys = previewKeys(previewFileId);
  const png = { contentType: 'image/png' };
  await storage.put(keys.original, sharp(file, INPUT).autoOrient().png(), png);
  await storage.put(keys.thumbnail, boxed(file, 150, 100), png);
  await storage.put(keys.thumbnailSquare, boxed(file, 100, 100), png);
  await storage.put(keys.preview, sharp(file, INPUT).autoOrient().resize({ width: 1200, withoutEnlargement: true }).png(), png);
  return size;
}

/** An avatar: 400×400 PNG, the image fitted inside on transparent margins. */
export async function storeAvatar(storage: Storage, key: string, file: string): Promise<void> {
  await imageSize(file);
  await storage.put(key, boxed(file, 400, 400), { contentType: 'image/png' });
}

/** A 150×100 PNG thumbnail (a preview's size), the image fitted inside on transparent margins. */
export async function storeThumbnail(storage: Storage, key: string, file: string): Promise<void> {
  await imageSize(file);
  await storage.put(key, boxed(file, 150, 100), { contentType: 'image/png' });
}

/** Streams a file on disk into the Storage as it is (a movie, a poster frame). */
export async function storeFile(storage: Storage, key: string, file: string, contentType: string): Promise<number> {
  return (await storage.put(key, createReadStream(file), { contentType })).size;
}
