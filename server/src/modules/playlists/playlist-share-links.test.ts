import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createShotEntity, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import { pngImage } from '../../../../test/support/media-fixtures.ts';
import { gazuUpload } from '../../../../test/support/upload-fixtures.ts';
import { call, setupProduction, type Production } from '../tasks/tasks.fixtures.ts';
import { newPlaylist } from './playlists.fixtures.ts';

/** Share links: managers make and revoke them; a guest without an account opens the playlist and its previews. */

let ctx: TestContext;
let p: Production;
let playlist: { id: string };
let previewId: string;
let otherPreviewId: string;

type Link = { id: string; token: string; has_password: boolean; expiration_date: string | null; is_active: boolean; can_comment: boolean };

async function publishedPicture(entityId: string): Promise<string> {
  const task = await createTestTask(ctx, { projectId: p.project.id, entityId, taskTypeId: p.layout.id, assignees: [p.artist.id] });
  const comment = await call<{ id: string }>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, { task_status_id: await taskStatusId(ctx, 'wip') });
  const preview = await call<{ id: string }>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comments/${comment.body.id}/add-preview`, {});
  const upload = await gazuUpload(ctx, p.artist.token, `pictures/preview-files/${preview.body.id}`, [{ name: 'frame.png', data: await pngImage(120, 80, '#228844') }]);
  expect(upload.status).toBe(201);
  return preview.body.id;
}

const guest = (url: string) => ctx.app.inject({ method: 'GET', url: `/api/${url}` });

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  const shot = await createShotEntity(ctx, p.project.id);
  previewId = await publishedPicture(shot.id);
  otherPreviewId = await publishedPicture((await createShotEntity(ctx, p.project.id)).id);
  playlist = await newPlaylist(ctx, p.manager, p.project.id, { name: 'Shared dailies' });
  await call(ctx, p.manager, 'POST', `actions/playlists/${playlist.id}/add-entity`, { entity_id: shot.id });
});
afterAll(async () => {
  await ctx.close();
});

describe('managing share links', () => {
  it('lets managers create, list and revoke links; the password is never shown', async () => {
    const created = await call<Link>(ctx, p.manager, 'POST', `data/playlists/${playlist.id}/share`, { can_comment: false, expiration_date: '2999-03-10', password: 'open sesame' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ type: 'PlaylistShareLink', playlist_id: playlist.id, is_active: true, can_comment: false, has_password: true, expiration_date: '2999-03-10T23:59:59' });
    expect(created.body.token.length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(created.body)).not.toContain('open sesame');
    expect(created.body).not.toHaveProperty('password_hash');
    const listed = await call<Link[]>(ctx, p.manager, 'GET', `data/playlists/${playlist.id}/share`);
    expect(listed.body.map((link) => link.id)).toContain(created.body.id);
    const revoked = await call<Link>(ctx, p.manager, 'DELETE', `data/playlists/${playlist.id}/share/${created.body.token}`);
    expect(revoked.body).toMatchObject({ is_active: false });
    expect((await call<Link[]>(ctx, p.manager, 'GET', `data/playlists/${playlist.id}/share`)).body.map((link) => link.id)).not.toContain(created.body.id);
  });

  it('refuses supervisors, artists and clients (403), a bad date (400), and a token of another playlist (404)', async () => {
    for (const caller of [p.supervisor, p.artist, p.client]) expect((await call(ctx, caller, 'POST', `data/playlists/${playlist.id}/share`, {})).status).toBe(403);
    expect((await call(ctx, p.artist, 'GET', `data/playlists/${playlist.id}/share`)).status).toBe(403);
    const bad = await call(ctx, p.manager, 'POST', `data/playlists/${playlist.id}/share`, { expiration_date: 'next tuesday' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: 'next tuesday is not a valid ISO 8601 date' });
    const other = await newPlaylist(ctx, p.manager, p.project.id);
    const link = await call<Link>(ctx, p.manager, 'POST', `data/playlists/${other.id}/share`, {});
    expect((await call(ctx, p.manager, 'DELETE', `data/playlists/${playlist.id}/share/${link.body.token}`)).status).toBe(404);
    expect((await guest(`shared/playlists/${link.body.token}`)).statusCode).toBe(200);
  });
});

describe('what a guest opens', () => {
  it('opens the playlist without an account, and its entities\' previews only', async () => {
    const link = (await call<Link>(ctx, p.manager, 'POST', `data/playlists/${playlist.id}/share`, { can_comment: true })).body;
    const opened = await guest(`shared/playlists/${link.token}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ can_comment: true, expiration_date: null, playlist: { id: playlist.id, name: 'Shared dailies', shots: [{ preview_file_id: previewId }] } });
    const thumbnail = await guest(`shared/playlists/${link.token}/pictures/thumbnails/preview-files/${previewId}.png`);
    expect(thumbnail.statusCode).toBe(200);
    expect((await sharp(thumbnail.rawPayload).metadata()).width).toBe(150);
    expect((await guest(`shared/playlists/${link.token}/pictures/originals/preview-files/${previewId}.png`)).statusCode).toBe(200);
    expect((await guest(`shared/playlists/${link.token}/pictures/thumbnails/preview-files/${otherPreviewId}.png`)).statusCode).toBe(404);
    expect((await guest(`shared/playlists/${link.token}/movies/originals/preview-files/${previewId}.mp4`)).statusCode).toBe(404);
    expect((await guest('shared/playlists/not-a-token')).statusCode).toBe(404);
    expect((await guest(`pictures/thumbnails/preview-files/${previewId}.png`)).statusCode).toBe(401);
  });

  it('asks for the password of a protected link, and stops at expiry or revocation', async () => {
    const locked = (await call<Link>(ctx, p.manager, 'POST', `data/playlists/${playlist.id}/share`, { password: 'open sesame' })).body;
    expect((await guest(`shared/playlists/${locked.token}`)).statusCode).toBe(404);
    expect((await guest(`shared/playlists/${locked.token}?password=wrong`)).statusCode).toBe(404);
    expect((await guest(`shared/playlists/${locked.token}?password=open%20sesame`)).statusCode).toBe(200);
    expect((await guest(`shared/playlists/${locked.token}/pictures/thumbnails/preview-files/${previewId}.png`)).statusCode).toBe(404);
    expect((await guest(`shared/playlists/${locked.token}/pictures/thumbnails/preview-files/${previewId}.png?password=open%20sesame`)).statusCode).toBe(200);

    const expired = (await call<Link>(ctx, p.manager, 'POST', `data/playlists/${playlist.id}/share`, { expiration_date: '2001-01-01T10:00:00Z' })).body;
    expect((await guest(`shared/playlists/${expired.token}`)).statusCode).toBe(404);
    const open = (await call<Link>(ctx, p.manager, 'POST', `data/playlists/${playlist.id}/share`, {})).body;
    expect((await guest(`shared/playlists/${open.token}`)).statusCode).toBe(200);
    await call(ctx, p.manager, 'DELETE', `data/playlists/${playlist.id}/share/${open.token}`);
    const gone = await guest(`shared/playlists/${open.token}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ error: true, message: expect.any(String) });
  });
});
