import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { errors } from '../../platform/errors/index.ts';
import { sandboxDownloads, sendStoredFile } from '../../platform/http/file-download.ts';
import { receiveFile, registerStreamedUploads } from '../../platform/http/uploads.ts';
import type { AvatarOwner } from '../../platform/storage/layout.ts';
import { FileNameParam, IdParam, ThumbnailPath } from '../../../../packages/contracts/src/previews.schema.ts';
import { avatarForDownload, uploadAvatar } from './thumbnail.service.ts';

const tags = ['thumbnails'];
const OWNERS: AvatarOwner[] = ['persons', 'projects', 'organisations'];
const WHO: Record<AvatarOwner, string> = { persons: 'the person or an admin', projects: 'managers of the project', organisations: 'admins' };

/** Avatars (§4.9): `POST pictures/thumbnails/<owner>/<id>` (multipart `file`) and `GET …/<id>.png`. */
export const thumbnailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { storage, config, db } = app.deps;
  const maxBytes = config.uploads.maxImageBytes;
  await registerStreamedUploads(app, { maxBytes, maxFiles: 1 });
  sandboxDownloads(app);

  for (const owner of OWNERS) {
    app.post(`/pictures/thumbnails/${owner}/:id`, {
      schema: {
        tags, summary: `Set the avatar of ${owner.slice(0, -1)} (multipart field "file"; ${WHO[owner]}): a 400×400 PNG`,
        description: 'The image is checked by its content (415 otherwise) and its size limited (413).',
        consumes: ['multipart/form-data'], params: IdParam, response: { 201: ThumbnailPath },
      },
    }, async (request, reply) => {
      const result = await uploadAvatar(app.deps, actorOf(request), { owner, id: request.params.id }, async (id, key) =>
        (await receiveFile(request, { storage, id, key, maxBytes })).file);
      return reply.status(201).send(result);
    });

    app.get(`/pictures/thumbnails/${owner}/:file`, {
      schema: { tags, summary: `The avatar of ${owner.slice(0, -1)} (<id>.png; 404 when none)`, params: FileNameParam },
    }, async (request, reply) => {
      const match = /^(.+)\.png$/i.exec(request.params.file);
      if (!match?.[1]) throw errors.notFound();
      const avatar = await avatarForDownload(actorOf(request), { owner, id: match[1] }, db);
      return sendStoredFile(request, reply, storage, { ...avatar, contentType: 'image/png' });
    });
  }
};

export default thumbnailRoutes;
