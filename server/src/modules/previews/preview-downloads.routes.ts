import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { errors } from '../../platform/errors/index.ts';
import { sandboxDownloads, sendStoredFile } from '../../platform/http/file-download.ts';
import { previewKeys } from '../../platform/storage/layout.ts';
import { FileNameParam, IdParam } from '../../../../packages/contracts/src/previews.schema.ts';
import { movieKeyOf } from './preview-frame.service.ts';
import type { PreviewRow } from './preview.repository.ts';
import { readablePreview } from './preview.service.ts';

const tags = ['previews'];

const MOVIE_TYPES: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo', wmv: 'video/x-ms-wmv',
};
const FILE_TYPES: Record<string, string> = { pdf: 'application/pdf', gif: 'image/gif', mp3: 'audio/mpeg', wav: 'audio/wav', png: 'image/png' };

/** `<uuid>.<extension>` of a download path (404 for anything else). */
function splitFile(file: string): { id: string; extension: string } {
  const match = /^([0-9a-f-]{36})\.([a-z0-9]{1,6})$/i.exec(file);
  if (!match?.[1] || !match[2]) throw errors.notFound();
  return { id: match[1], extension: match[2].toLowerCase() };
}

const downloadName = (preview: PreviewRow, extension: string) => `${preview.original_name || preview.id}.${extension}`;

/**
 * Preview downloads (§6.2, §4.9): pictures (thumbnails, square thumbnails, web copies, originals) and
 * movies, with byte ranges. Task access; files are served with a sandboxing CSP.
 */
export const previewDownloadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, storage } = app.deps;
  sandboxDownloads(app);

  const picture = (variant: 'thumbnail' | 'thumbnailSquare' | 'preview' | 'original') =>
    async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
      const { id, extension } = splitFile(request.params.file);
      if (extension !== 'png') throw errors.notFound();
      const preview = await readablePreview(actorOf(request), id, db);
      return sendStoredFile(request, reply, storage, {
        key: previewKeys(preview.id)[variant], contentType: 'image/png', fileName: `${preview.id}.png`, lastModified: preview.updated_at,
      });
    };

  app.get('/pictures/thumbnails/preview-files/:file', { schema: { tags, summary: 'Thumbnail of a preview, 150×100 PNG', params: FileNameParam } }, picture('thumbnail'));
  app.get('/pictures/thumbnails-square/preview-files/:file', { schema: { tags, summary: 'Square thumbnail of a preview, 100×100 PNG', params: FileNameParam } }, picture('thumbnailSquare'));
  app.get('/pictures/previews/preview-files/:file', { schema: { tags, summary: 'Web-sized picture of a preview, 1200 wide PNG', params: FileNameParam } }, picture('preview'));

  app.get('/pictures/originals/preview-files/:file', {
    schema: { tags, summary: 'The original of a preview: its PNG (pictures, movie posters) or the stored production file', params: FileNameParam },
  }, async (request, reply) => {
    const { id, extension } = splitFile(request.params.file);
    const preview = await readablePreview(actorOf(request), id, db);
    if (extension === 'png') {
      return sendStoredFile(request, reply, storage, {
        key: previewKeys(preview.id).original, contentType: 'image/png', fileName: `${preview.id}.png`, lastModified: preview.updated_at,
      });
    }
    if (extension !== preview.extension) throw errors.notFound();
    // Gazu asks this route for every extension but mp4: a movie kept as uploaded (.mov...) is served here too.
    if (preview.is_movie) {
      return sendStoredFile(request, reply, storage, {
        key: movieKeyOf(preview), contentType: MOVIE_TYPES[extension] ?? 'application/octet-stream',
        fileName: downloadName(preview, extension), lastModified: preview.updated_at,
      });
    }
    return sendStoredFile(request, reply, storage, {
      key: previewKeys(preview.id).source, contentType: FILE_TYPES[extension] ?? 'application/octet-stream',
      fileName: downloadName(preview, extension), lastModified: preview.updated_at,
    });
  });

  app.get('/pictures/originals/preview-files/:id/download', {
    schema: { tags, summary: 'Download the original of a preview (picture, movie or file)', params: IdParam },
  }, async (request, reply) => {
    const preview = await readablePreview(actorOf(request), request.params.id, db);
    const extension = preview.extension ?? 'bin';
    const key = preview.is_movie ? movieKeyOf(preview) : extension === 'png' ? previewKeys(preview.id).original : previewKeys(preview.id).source;
    const contentType = MOVIE_TYPES[extension] ?? FILE_TYPES[extension] ?? 'application/octet-stream';
    return sendStoredFile(request, reply, storage, { key, contentType, fileName: downloadName(preview, extension), lastModified: preview.updated_at, download: true });
  });

  const movie = (download: boolean) => async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
    const { id, extension } = splitFile(request.params.file);
    const preview = await readablePreview(actorOf(request), id, db);
    if (!preview.is_movie || extension !== preview.extension) throw errors.notFound();
    return sendStoredFile(request, reply, storage, {
      key: movieKeyOf(preview), contentType: MOVIE_TYPES[extension] ?? 'application/octet-stream',
      fileName: downloadName(preview, extension), lastModified: preview.updated_at, download,
    });
  };

  app.get('/movies/originals/preview-files/:file', { schema: { tags, summary: 'The movie of a preview (byte ranges)', params: FileNameParam } }, movie(false));
  // Rushes keeps one movie per preview: the low-definition path serves it too.
  app.get('/movies/low/preview-files/:file', { schema: { tags, summary: 'The movie of a preview (same as originals)', params: FileNameParam } }, movie(false));

  app.get('/movies/originals/preview-files/:id/download', {
    schema: { tags, summary: 'Download the movie of a preview', params: IdParam },
  }, async (request, reply) => {
    const preview = await readablePreview(actorOf(request), request.params.id, db);
    if (!preview.is_movie) throw errors.notFound();
    const extension = preview.extension ?? 'mp4';
    return sendStoredFile(request, reply, storage, {
      key: movieKeyOf(preview), contentType: MOVIE_TYPES[extension] ?? 'application/octet-stream',
      fileName: downloadName(preview, extension), lastModified: preview.updated_at, download: true,
    });
  });
};
