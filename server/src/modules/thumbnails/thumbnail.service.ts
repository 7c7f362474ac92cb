import { randomUUID } from 'node:crypto';
import { isGlobalManager, type Actor } from '../../platform/auth/actor.ts';
import { requireAdmin, requireProjectManager, requireProjectMember, requireSelfOrAdmin } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { AppError, errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { ReceivedFile } from '../../platform/http/uploads.ts';
import { downloadTo, withTempDir } from '../../platform/storage/local-copy.ts';
import { avatarKey, stagingKey, type AvatarOwner } from '../../platform/storage/layout.ts';
import type { ThumbnailPath } from '../../../../packages/contracts/src/previews.schema.ts';
import { hasImageMagic } from '../v1/media/image-probe.ts';
import { storeAvatar, UnreadableImageError } from '../previews/picture-variants.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { findAvatarOwner, setHasAvatar } from './thumbnail.repository.ts';

/**
 * Avatars of persons, projects and the organisation (`pictures/thumbnails/<owner>/<id>`, Gazu
 * `set_avatar`, `upload_project_avatar`...): a 400×400 PNG made with sharp from an uploaded image,
 * checked by its content. Persons: themselves or an admin; projects: their managers; the
 * organisation: admins.
 */

/** The event kind of each owner: `person:set-thumbnail`... */
const KIND: Record<AvatarOwner, 'person' | 'project' | 'organisation'> = { persons: 'person', projects: 'project', organisations: 'organisation' };

async function authorizeUpload(db: Executor, actor: Actor, owner: AvatarOwner, id: string): Promise<void> {
  if (!(await findAvatarOwner(db, owner, id))) throw errors.notFound();
  if (owner === 'persons') requireSelfOrAdmin(actor, id);
  else if (owner === 'projects') await requireProjectManager(db, actor, id);
  else requireAdmin(actor);
}

/**
 * Checks the caller, then `receive` streams the multipart file into a staging key; the avatar is
 * rendered from it (415 when it is not an image) and the staging copy removed. 201 `{thumbnail_path}`.
 */
export async function uploadAvatar(
  deps: Pick<AppDeps, 'db' | 'events' | 'storage'>,
  actor: Actor,
  input: { owner: AvatarOwner; id: string },
  receive: (id: string, key: string) => Promise<ReceivedFile>,
): Promise<ThumbnailPath> {
  const { owner } = input;
  const id = uuidOr404(input.id);
  await authorizeUpload(deps.db, actor, owner, id);
  const uploadId = randomUUID();
  const file = await receive(uploadId, stagingKey(uploadId));
  try {
    if (!hasImageMagic(file.head)) throw new AppError(415, 'unsupported_media_type', 'The file is not an image: its content is checked, not its name.');
    await withTempDir(async (dir) => storeAvatar(deps.storage, avatarKey(owner, id), await downloadTo(deps.storage, file.key, dir)));
  } catch (error) {
    if (error instanceof UnreadableImageError) throw new AppError(415, 'unsupported_media_type', error.message);
    throw error;
  } finally {
    await deps.storage.delete(file.key);
  }
  const kind = KIND[owner];
  await inTransaction(deps, async (tx, events) => {
    await setHasAvatar(tx, owner, id);
    const projectId = owner === 'projects' ? id : null;
    await recordAudit(tx, { actorId: actor.id, action: 'set-thumbnail', objectType: kind, objectId: id, projectId });
    events.push({ name: `${kind}:set-thumbnail`, data: { [`${kind}_id`]: id }, projectId, actorId: actor.id });
  });
  return { thumbnail_path: `pictures/thumbnails/${owner}/${id}.png` };
}

/** The avatar to serve: any user, except that a project's needs its team or a global manager; 404 when none. */
export async function avatarForDownload(actor: Actor, input: { owner: AvatarOwner; id: string }, db: Executor) {
  const id = uuidOr404(input.id);
  const row = await findAvatarOwner(db, input.owner, id);
  if (!row?.has_avatar) throw errors.notFound();
  if (input.owner === 'projects' && !isGlobalManager(actor)) await requireProjectMember(db, actor, id);
  return { key: avatarKey(input.owner, id), fileName: `${id}.png`, lastModified: row.updated_at };
}
