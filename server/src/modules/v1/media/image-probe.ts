import { createHash } from 'node:crypto';
import sharp from 'sharp';

/** Formats Rushes stores as images. SVG is left out on purpose: it can carry scripts. */
const FORMATS: Record<string, { extension: string; mime: string }> = {
  jpeg: { extension: 'jpg', mime: 'image/jpeg' },
  png: { extension: 'png', mime: 'image/png' },
  webp: { extension: 'webp', mime: 'image/webp' },
  gif: { extension: 'gif', mime: 'image/gif' },
  avif: { extension: 'avif', mime: 'image/avif' },
  heif: { extension: 'avif', mime: 'image/avif' },
  tiff: { extension: 'tiff', mime: 'image/tiff' },
};

/** MIME types the media route may answer with; anything else is sent as a download. */
export const SERVED_IMAGE_TYPES = new Set(Object.values(FORMATS).map((format) => format.mime));

/** Decoding limit: larger images are refused before sharp allocates their pixels (pixel bombs). */
const MAX_PIXELS = 100_000_000;

export class NotAnImageError extends Error {
  constructor(message = 'The file is not an image Rushes accepts (JPEG, PNG, WebP, GIF, AVIF or TIFF).') {
    super(message);
    this.name = 'NotAnImageError';
  }
}

/** True when the first bytes are those of an accepted image format (the name is not trusted). */
export function hasImageMagic(bytes: Buffer): boolean {
  const at = (offset: number, signature: number[]) => signature.every((byte, i) => bytes[offset + i] === byte);
  const ascii = (offset: number, text: string) => bytes.subarray(offset, offset + text.length).toString('latin1') === text;
  return (
    at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || // PNG
    at(0, [0xff, 0xd8, 0xff]) || // JPEG
    ascii(0, 'GIF87a') || ascii(0, 'GIF89a') ||
    (ascii(0, 'RIFF') && ascii(8, 'WEBP')) ||
    (ascii(4, 'ftyp') && ['avif', 'avis', 'mif1', 'heic'].includes(bytes.subarray(8, 12).toString('latin1'))) ||
    at(0, [0x49, 0x49, 0x2a, 0x00]) || at(0, [0x4d, 0x4d, 0x00, 0x2a]) // TIFF
  );
}

export interface ImageFacts {
  contentHash: string;
  mime: string;
  extension: string;
  fileSize: number;
  /** As displayed, EXIF orientation applied. */
  width: number;
  height: number;
  aspectRatio: number;
  orientation: 'landscape' | 'portrait' | 'square';
  dominantColor: string;
  colorProfile: string | null;
  thumbnail: Buffer;
}

const hex = (value: number) => Math.round(value).toString(16).padStart(2, '0');

/**
 * Checks that `bytes` really are an accepted image (magic bytes, then a full decode by sharp, which
 * fails on truncated or corrupt data) and measures it; also renders a WebP thumbnail.
 */
export async function probeImage(bytes: Buffer): Promise<ImageFacts> {
  if (!hasImageMagic(bytes)) throw new NotAnImageError();
  const options = { limitInputPixels: MAX_PIXELS, failOn: 'error' as const };
  try {
    const metadata = await sharp(bytes, options).metadata();
    const format = FORMATS[metadata.format ?? ''];
    if (!format || !metadata.width || !metadata.height) throw new NotAnImageError();
    const { width, height } = metadata.autoOrient ?? { width: metadata.width, height: metadata.height };
    const stats = await sharp(bytes, options).stats();
    const thumbnail = await sharp(bytes, options)
      .autoOrient()
      .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return {
      contentHash: createHash('sha256').update(bytes).digest('hex'),
      mime: format.mime,
      extension: format.extension,
      fileSize: bytes.length,
      width,
      height,
      aspectRatio: Math.round((width / height) * 10_000) / 10_000,
      orientation: width > height ? 'landscape' : width < height ? 'portrait' : 'square',
      dominantColor: `#${hex(stats.dominant.r)}${hex(stats.dominant.g)}${hex(stats.dominant.b)}`,
      colorProfile: metadata.space ?? null,
      thumbnail,
    };
  } catch (error) {
    if (error instanceof NotAnImageError) throw error;
    throw new NotAnImageError(`The file is not a readable image: ${(error as Error).message}`);
  }
}
