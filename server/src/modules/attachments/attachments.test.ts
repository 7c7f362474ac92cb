import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createShotEntity, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import { pngImage } from '../../../../test/support/media-fixtures.ts';
import { gazuUpload } from '../../../../test/support/upload-fixtures.ts';
import { loadConfig } from '../../platform/config.ts';
import { call, setupProduction, type Production } from '../tasks/tasks.fixtures.ts';

/** Comment attachments: Gazu's add_comment with attachments, add_attachment_files_to_comment, downloads. */

let ctx: TestContext;
let p: Production;
let wip: string;

beforeAll(async () => {
  ctx = await createTestContext({ uploads: { ...loadConfig({}).uploads, maxFileBytes: 32 * 1024 } });
  p = await setupProduction(ctx);
  wip = await taskStatusId(ctx, 'wip');
});
afterAll(async () => {
  await ctx.close();
});

async function freshTask() {
  const shot = await createShotEntity(ctx, p.project.id);
  return createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id, assignees: [p.artist.id] });
}

/** What is stored under attachments/ (the local storage of this test file). */
const storedAttachments = async () => (await readdir(path.join(ctx.config.dataDir, 'files', 'attachments')).catch(() => [])).sort();

/** Gazu add_comment(..., attachments=[a, b]): fields as text, the checklist as JSON, booleans as True/False. */
const gazuCommentFields = (statusId: string, text: string) => ({ task_status_id: statusId, comment: text, checklist: '[]', for_client: 'False' });

type Attachment = { id: string; name: string; extension: string; size: number; mimetype?: string };

describe('POST actions/tasks/<id>/comment with attachments', () => {
  it('stores the files as attachments of the new comment, downloadable with safe names', async () => {
    const task = await freshTask();
    const notes = Buffer.from('%PDF-1.4 retake notes');
    const still = await pngImage(12, 12, '#ff00ff');
    // Gazu pops the last attachment into `file` and sends the others as file-1, file-2...
    const res = await gazuUpload(ctx, p.artist.token, `actions/tasks/${task.id}/comment`, [
      { name: 'still.png', data: still }, { name: 'Notes de révision; v2.pdf', data: notes },
    ], gazuCommentFields(wip, 'see attached'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ text: 'see attached', task_status_id: wip, checklist: [], for_client: false });
    const attachments = (res.body.attachment_files as Attachment[]).sort((a, b) => a.name.localeCompare(b.name));
    expect(attachments.map((file) => [file.name, file.extension, file.size])).toEqual([
      ['Notes de révision; v2.pdf', 'pdf', notes.length], ['still.png', 'png', still.length],
    ]);
    expect(await storedAttachments()).toEqual(attachments.map((file) => file.id).sort());

    const [pdf, png] = attachments;
    const row = await call<Attachment>(ctx, p.bystander, 'GET', `data/attachment-files/${pdf!.id}`);
    expect(row.status).toBe(200);
    expect(row.body).toMatchObject({ id: pdf!.id, type: 'AttachmentFile', mimetype: 'application/pdf', comment_id: res.body.id });
    expect((await call(ctx, p.outsider, 'GET', `data/attachment-files/${pdf!.id}`)).status).toBe(403);

    const download = await ctx.app.inject({
      method: 'GET', url: `/api/data/attachment-files/${pdf!.id}/file/${encodeURIComponent(pdf!.name)}`, headers: bearer(p.bystander.token),
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(notes)).toBe(true);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Notes de revision_ v2.pdf"; filename*=UTF-8''Notes%20de%20r%C3%A9vision%3B%20v2.pdf`,
    );
    const image = await ctx.app.inject({ method: 'GET', url: `/api/data/attachment-files/${png!.id}/file/still.png`, headers: bearer(p.artist.token) });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toMatch(/^inline; /);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/data/attachment-files/${png!.id}/file/still.png`, headers: bearer(p.outsider.token) })).statusCode).toBe(403);
  });

  it('leaves nothing stored when the comment is refused or a file is too big', async () => {
    const task = await freshTask();
    const before = await storedAttachments();
    const refused = await gazuUpload(ctx, p.bystander.token, `actions/tasks/${task.id}/comment`, [{ name: 'a.txt', data: Buffer.from('hello') }], gazuCommentFields(wip, 'not mine'));
    expect(refused.status).toBe(403);
    const unknownStatus = await gazuUpload(ctx, p.artist.token, `actions/tasks/${task.id}/comment`, [{ name: 'a.txt', data: Buffer.from('hello') }],
      gazuCommentFields('00000000-0000-4000-8000-000000000000', 'no such status'));
    expect(unknownStatus.status).toBe(404);
    const tooBig = await gazuUpload(ctx, p.artist.token, `actions/tasks/${task.id}/comment`, [
      { name: 'small.txt', data: Buffer.from('fine') }, { name: 'big.bin', data: Buffer.alloc(40 * 1024) },
    ], gazuCommentFields(wip, 'too big'));
    expect(tooBig.status).toBe(413);
    expect(await storedAttachments()).toEqual(before);
    const comments = await ctx.db.selectFrom('comment').select('id').where('object_id', '=', task.id).execute();
    expect(comments).toEqual([]);
  });
});

describe('POST actions/tasks/<task_id>/comments/<comment_id>/add-attachment', () => {
  it('adds files for the author or a manager, renaming a name already taken', async () => {
    const task = await freshTask();
    const created = await call<{ id: string }>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, { task_status_id: wip, comment: 'files follow' });
    const first = await gazuUpload(ctx, p.artist.token, `actions/tasks/${task.id}/comments/${created.body.id}/add-attachment`, [{ name: 'ref.txt', data: Buffer.from('one') }]);
    expect(first.status).toBe(201);
    expect(first.body).toEqual([expect.objectContaining({ name: 'ref.txt', size: 3, type: 'AttachmentFile' })]);

    const byManager = await gazuUpload(ctx, p.manager.token, `actions/tasks/${task.id}/comments/${created.body.id}/add-attachment`, [
      { name: 'ref.txt', data: Buffer.from('two') }, { name: 'more.txt', data: Buffer.from('three') },
    ]);
    expect(byManager.status).toBe(201);
    const names = (byManager.body as unknown as Attachment[]).map((file) => file.name);
    expect(names).toHaveLength(3);
    expect(names).toContain('ref.txt');
    expect(names).toContain('more.txt');
    expect(names.find((name) => name !== 'ref.txt' && name !== 'more.txt')).toMatch(/^ref-[0-9a-f]{8}\.txt$/);

    const before = await storedAttachments();
    expect((await gazuUpload(ctx, p.artist2.token, `actions/tasks/${task.id}/comments/${created.body.id}/add-attachment`, [{ name: 'x', data: Buffer.from('x') }])).status).toBe(403);
    expect((await gazuUpload(ctx, p.manager.token, `actions/tasks/${p.task.id}/comments/${created.body.id}/add-attachment`, [{ name: 'x', data: Buffer.from('x') }])).status).toBe(403);
    expect(await storedAttachments()).toEqual(before);

    const comment = await call<{ attachment_files: string[] }>(ctx, p.artist, 'GET', `data/tasks/${task.id}/comments/${created.body.id}`);
    expect(comment.body.attachment_files).toHaveLength(3);
  });
});
