import { access } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, taskStatusId } from '../../../../test/support/factories.ts';
import { jpegImage } from '../../../../test/support/media-fixtures.ts';
import { gazuUpload } from '../../../../test/support/upload-fixtures.ts';
import { setupProduction, type Production } from '../tasks/tasks.fixtures.ts';

/** Gazu files.download_attachment_thumbnail: GET pictures/thumbnails/attachment-files/<id>.png. */

let ctx: TestContext;
let p: Production;
let wip: string;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await setupProduction(ctx);
  wip = await taskStatusId(ctx, 'wip');
});
afterAll(async () => {
  await ctx.close();
});

type Attachment = { id: string; name: string };

async function attach(files: Array<{ name: string; data: Buffer }>): Promise<Attachment[]> {
  const res = await gazuUpload(ctx, p.artist.token, `actions/tasks/${p.task.id}/comment`, files,
    { task_status_id: wip, comment: 'files', checklist: '[]', for_client: 'False' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.attachment_files as Attachment[];
}

const thumbnail = (id: string, token: string) =>
  ctx.app.inject({ method: 'GET', url: `/api/pictures/thumbnails/attachment-files/${id}.png`, headers: bearer(token) });

describe('GET pictures/thumbnails/attachment-files/<id>.png', () => {
  it('renders a 150×100 PNG of an image attachment for readers of its task, and keeps it', async () => {
    const [still] = await attach([{ name: 'still.jpg', data: await jpegImage(300, 300, '#3366ff') }]);
    const res = await thumbnail(still!.id, p.bystander.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const metadata = await sharp(res.rawPayload).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 150, 100]);
    await access(path.join(ctx.config.dataDir, 'files', 'attachment-thumbnails', `${still!.id}.png`));
    const again = await thumbnail(still!.id, p.artist.token);
    expect(again.statusCode).toBe(200);
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);

    expect((await thumbnail(still!.id, p.outsider.token)).statusCode).toBe(403);
  });

  it('answers 404 for an attachment that is not an image, an unreadable image, or an unknown id', async () => {
    const [notes, broken] = await attach([{ name: 'notes.txt', data: Buffer.from('not a picture') }, { name: 'broken.png', data: Buffer.from('not a png') }]);
    const byName = new Map([notes!, broken!].map((file) => [file.name, file.id]));
    expect((await thumbnail(byName.get('notes.txt')!, p.artist.token)).statusCode).toBe(404);
    expect((await thumbnail(byName.get('broken.png')!, p.artist.token)).statusCode).toBe(404);
    expect((await thumbnail('00000000-0000-4000-8000-000000000000', p.admin.token)).statusCode).toBe(404);
    const noExtension = await ctx.app.inject({ method: 'GET', url: `/api/pictures/thumbnails/attachment-files/${byName.get('notes.txt')!}`, headers: bearer(p.admin.token) });
    expect(noExtension.statusCode).toBe(404);
  });
});
