import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createProject, personWithToken } from '../../../../test/support/factories.ts';
import { jpegImage, pngImage } from '../../../../test/support/media-fixtures.ts';
import { gazuUpload } from '../../../../test/support/upload-fixtures.ts';
import { loadConfig } from '../../platform/config.ts';
import { eventsAbout, type Caller } from '../tasks/tasks.fixtures.ts';

/** Avatars: persons, projects, the organisation (§4.9 set_avatar, upload_*_avatar, download_*_avatar). */

let ctx: TestContext;
let admin: Caller;
let manager: Caller;
let artist: Caller;
let other: Caller;
let projectId: string;
let organisationId: string;

beforeAll(async () => {
  ctx = await createTestContext({ uploads: { ...loadConfig({}).uploads, maxImageBytes: 100 * 1024 } });
  [admin, manager, artist, other] = await Promise.all([
    personWithToken(ctx, 'admin'), personWithToken(ctx, 'manager'), personWithToken(ctx, 'user'), personWithToken(ctx, 'user'),
  ]);
  projectId = (await createProject(ctx, { team: [{ id: manager.id }, { id: artist.id }] })).id;
  const organisation = await ctx.db.selectFrom('organisation').select('id').executeTakeFirst()
    ?? await ctx.db.insertInto('organisation').values({ name: 'Kitsu' }).returning('id').executeTakeFirstOrThrow();
  organisationId = organisation.id;
});
afterAll(async () => {
  await ctx.close();
});

const get = (caller: Caller, path: string) => ctx.app.inject({ method: 'GET', url: `/api/${path}`, headers: bearer(caller.token) });

describe('POST pictures/thumbnails/persons/<id> (Gazu set_avatar)', () => {
  it('makes a 400×400 PNG of the image, flags has_avatar and serves it', async () => {
    expect((await get(artist, `pictures/thumbnails/persons/${artist.id}.png`)).statusCode).toBe(404);
    const upload = await gazuUpload(ctx, artist.token, `pictures/thumbnails/persons/${artist.id}`, [{ name: 'me.jpg', data: await jpegImage(800, 400, '#aa3322') }]);
    expect(upload.status).toBe(201);
    expect(upload.body).toEqual({ thumbnail_path: `pictures/thumbnails/persons/${artist.id}.png` });
    const person = await ctx.db.selectFrom('person').select('has_avatar').where('id', '=', artist.id).executeTakeFirstOrThrow();
    expect(person.has_avatar).toBe(true);
    expect((await eventsAbout(ctx, 'person_id', artist.id)).map((event) => event.name)).toContain('person:set-thumbnail');

    const avatar = await get(other, `pictures/thumbnails/persons/${artist.id}.png`);
    expect(avatar.statusCode).toBe(200);
    expect(avatar.headers['content-type']).toBe('image/png');
    const meta = await sharp(avatar.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 400, 400, true]);
  });

  it('is for the person or an admin', async () => {
    const png = await pngImage(50, 50, '#00ff00');
    expect((await gazuUpload(ctx, other.token, `pictures/thumbnails/persons/${artist.id}`, [{ name: 'x.png', data: png }])).status).toBe(403);
    expect((await gazuUpload(ctx, admin.token, `pictures/thumbnails/persons/${other.id}`, [{ name: 'x.png', data: png }])).status).toBe(201);
    expect((await gazuUpload(ctx, admin.token, 'pictures/thumbnails/persons/00000000-0000-4000-8000-000000000000', [{ name: 'x.png', data: png }])).status).toBe(404);
  });

  it('checks the content, not the name (415), and the size (413)', async () => {
    const script = await gazuUpload(ctx, other.token, `pictures/thumbnails/persons/${other.id}`, [{ name: 'avatar.png', data: Buffer.from('<svg onload="alert(1)"></svg>') }]);
    expect(script.status).toBe(415);
    const truncated = (await pngImage(64, 64, '#123456')).subarray(0, 60);
    expect((await gazuUpload(ctx, other.token, `pictures/thumbnails/persons/${other.id}`, [{ name: 'cut.png', data: truncated }])).status).toBe(415);
    // A real image named like a document is still an image.
    expect((await gazuUpload(ctx, other.token, `pictures/thumbnails/persons/${other.id}`, [{ name: 'avatar.txt', data: await pngImage(10, 10, '#ffffff') }])).status).toBe(201);
    const huge = Buffer.concat([await pngImage(10, 10, '#000000'), Buffer.alloc(120 * 1024)]);
    expect((await gazuUpload(ctx, other.token, `pictures/thumbnails/persons/${other.id}`, [{ name: 'big.png', data: huge }])).status).toBe(413);
    const noFile = await ctx.app.inject({ method: 'POST', url: `/api/pictures/thumbnails/persons/${other.id}`, headers: bearer(other.token), payload: {} });
    expect(noFile.statusCode).toBe(400);
    // Nothing is left waiting in the staging area.
    expect(await readdir(path.join(ctx.config.dataDir, 'files', 'uploads')).catch(() => [])).toEqual([]);
  });
});

describe('project and organisation avatars', () => {
  it('lets managers of the project set its avatar, and its team read it', async () => {
    const png = await pngImage(300, 100, '#334455');
    expect((await gazuUpload(ctx, artist.token, `pictures/thumbnails/projects/${projectId}`, [{ name: 'p.png', data: png }])).status).toBe(403);
    const upload = await gazuUpload(ctx, manager.token, `pictures/thumbnails/projects/${projectId}`, [{ name: 'p.png', data: png }]);
    expect(upload.body).toEqual({ thumbnail_path: `pictures/thumbnails/projects/${projectId}.png` });
    expect((await get(artist, `pictures/thumbnails/projects/${projectId}.png`)).statusCode).toBe(200);
    expect((await get(other, `pictures/thumbnails/projects/${projectId}.png`)).statusCode).toBe(403);
  });

  it('lets admins only set the organisation avatar', async () => {
    const png = await pngImage(20, 20, '#ffcc00');
    expect((await gazuUpload(ctx, manager.token, `pictures/thumbnails/organisations/${organisationId}`, [{ name: 'o.png', data: png }])).status).toBe(403);
    expect((await gazuUpload(ctx, admin.token, `pictures/thumbnails/organisations/${organisationId}`, [{ name: 'o.png', data: png }])).status).toBe(201);
    expect((await get(artist, `pictures/thumbnails/organisations/${organisationId}.png`)).statusCode).toBe(200);
  });
});
