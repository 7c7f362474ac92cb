import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createShotEntity, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import { gazuUpload } from '../../../../test/support/upload-fixtures.ts';
import { call, setupProduction, type Production } from '../tasks/tasks.fixtures.ts';

/** Gazu files.get_all_attachment_files_for_task / _for_project: admin-only lists of attachment rows. */

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

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
type Attachment = { id: string; type: string; name: string; comment_id: string; mimetype: string };

async function freshTask() {
  const shot = await createShotEntity(ctx, p.project.id);
  return createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id, assignees: [p.artist.id] });
}

async function commentWith(taskId: string, names: string[]): Promise<string> {
  const res = await gazuUpload(ctx, p.artist.token, `actions/tasks/${taskId}/comment`, names.map((name) => ({ name, data: Buffer.from(name) })),
    { task_status_id: wip, comment: 'files', checklist: '[]', for_client: 'False' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('GET data/tasks/<task_id>/attachment-files and data/projects/<project_id>/attachment-files', () => {
  it('lists the attachment rows of the comments of a task, and of every task of the project, for admins', async () => {
    const task = await freshTask();
    const other = await freshTask();
    const first = await commentWith(task.id, ['a.txt', 'b.pdf']);
    const second = await commentWith(task.id, ['c.txt']);
    const elsewhere = await commentWith(other.id, ['d.txt']);

    const byTask = await call<Attachment[]>(ctx, p.admin, 'GET', `data/tasks/${task.id}/attachment-files`);
    expect(byTask.status).toBe(200);
    expect(byTask.body.map((file) => [file.name, file.comment_id]).sort()).toEqual([['a.txt', first], ['b.pdf', first], ['c.txt', second]]);
    const single = await call<Attachment>(ctx, p.admin, 'GET', `data/attachment-files/${byTask.body[0]!.id}`);
    expect(byTask.body[0]).toEqual(single.body);
    expect(byTask.body[0]).toMatchObject({ type: 'AttachmentFile' });

    const byProject = await call<Attachment[]>(ctx, p.admin, 'GET', `data/projects/${p.project.id}/attachment-files`);
    expect(byProject.status).toBe(200);
    const names = byProject.body.map((file) => file.name);
    expect(names).toEqual(expect.arrayContaining(['a.txt', 'b.pdf', 'c.txt', 'd.txt']));
    expect(byProject.body.find((file) => file.name === 'd.txt')?.comment_id).toBe(elsewhere);

    const empty = await freshTask();
    expect((await call(ctx, p.admin, 'GET', `data/tasks/${empty.id}/attachment-files`)).body).toEqual([]);
  });

  it('refuses everyone but admins (403), and answers 404 for unknown ids', async () => {
    for (const caller of [p.manager, p.artist, p.supervisor, p.outsider]) {
      expect((await call(ctx, caller, 'GET', `data/tasks/${p.task.id}/attachment-files`)).status).toBe(403);
      expect((await call(ctx, caller, 'GET', `data/projects/${p.project.id}/attachment-files`)).status).toBe(403);
    }
    expect((await call(ctx, p.admin, 'GET', `data/tasks/${UNKNOWN}/attachment-files`)).status).toBe(404);
    expect((await call(ctx, p.admin, 'GET', `data/projects/${UNKNOWN}/attachment-files`)).status).toBe(404);
    expect((await call(ctx, p.admin, 'GET', 'data/tasks/not-a-uuid/attachment-files')).status).toBe(404);
  });
});
