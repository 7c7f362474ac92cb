import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/test-app.ts';
import { addTeamMember, bearer, createDepartment, createTestTask } from '../../../../test/support/factories.ts';
import type { CreatedComment } from '../../../../packages/contracts/src/comments.schema.ts';
import { call, eventsAbout, notificationsOf, taskRow, type Production } from '../tasks/tasks.fixtures.ts';
import { commentSuite, freshTask, type CommentSuite } from './comments.fixtures.ts';

let suite: CommentSuite;
let ctx: TestContext;
let p: Production;
let status: CommentSuite['status'];

beforeAll(async () => {
  suite = await commentSuite();
  ({ ctx, p, status } = suite);
});
afterAll(async () => {
  await ctx.close();
});

/** What Gazu's add_comment sends. */
const gazuComment = (taskStatusId: string, comment = '', extra: Record<string, unknown> = {}) => ({
  task_status_id: taskStatusId, comment, checklist: [], links: [], for_client: false, ...extra,
});

describe('POST actions/tasks/<id>/comment (Gazu add_comment)', () => {
  it('an assigned artist changes the status and the other assignees are notified', async () => {
    const task = await freshTask(suite);
    const res = await call<CreatedComment>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wip, 'Started blocking'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'Comment',
      object_id: task.id,
      object_type: 'Task',
      text: 'Started blocking',
      task_status_id: status.wip,
      person_id: p.artist.id,
      previews: [],
      mentions: [],
      department_mentions: [],
      acknowledgements: [],
      attachment_files: [],
      task_status: { id: status.wip, short_name: 'wip', type: 'TaskStatus' },
      person: { id: p.artist.id, full_name: `${p.artist.first_name} ${p.artist.last_name}`, type: 'Person' },
    });
    expect(res.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(JSON.stringify(res.body.person)).not.toContain('password');

    const row = await taskRow(ctx, task.id);
    expect(row.task_status_id).toBe(status.wip);
    expect(row.real_start_date).not.toBeNull();
    expect(row.last_comment_date).toBe(res.body.created_at);

    const notifications = await notificationsOf(ctx, { commentId: res.body.id });
    expect(notifications.map((n) => [n.person_id, n.type, n.change])).toEqual([[p.artist2.id, 'comment', true]]);
    const news = await ctx.db.selectFrom('news').selectAll().where('comment_id', '=', res.body.id).execute();
    expect(news).toHaveLength(1);
    expect(news[0]).toMatchObject({ change: true, author_id: p.artist.id, task_id: task.id });

    const names = (await eventsAbout(ctx, 'task_id', task.id)).map((event) => event.name);
    expect(names).toEqual(['comment:new', 'task:update', 'task:status-changed']);
    const notified = await eventsAbout(ctx, 'notification_id', notifications[0]!.id);
    expect(notified.map((event) => event.name)).toEqual(['notification:new']);
  });

  it('the same comment by an artist of another project is refused', async () => {
    const task = await freshTask(suite);
    const res = await call(ctx, p.outsider, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wip, 'Not mine'));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: true });
    expect((await taskRow(ctx, task.id)).task_status_id).toBe(status.todo);
    expect(await ctx.db.selectFrom('comment').select('id').where('object_id', '=', task.id).execute()).toHaveLength(0);
  });

  it('refuses an artist of the team who is not assigned (403), and answers 404 / 400 for unknown ids and bad bodies', async () => {
    const task = await freshTask(suite);
    expect((await call(ctx, p.bystander, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wip))).status).toBe(403);
    expect((await call(ctx, p.artist, 'POST', `actions/tasks/${crypto.randomUUID()}/comment`, gazuComment(status.wip))).status).toBe(404);
    expect((await call(ctx, p.artist, 'POST', 'actions/tasks/not-a-uuid/comment', gazuComment(status.wip))).status).toBe(404);
    expect((await call(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(crypto.randomUUID()))).status).toBe(404);
    const missing = await call(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, { comment: 'no status' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: true, data: { errors: [{ field: 'task_status_id' }] } });
  });

  it('artists need a status flagged is_artist_allowed, clients one flagged is_client_allowed', async () => {
    const task = await freshTask(suite);
    await ctx.db.updateTable('task_status').set({ is_artist_allowed: false, is_client_allowed: false }).where('id', '=', status.done).execute();
    try {
      expect((await call(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.done))).status).toBe(403);
      expect((await call(ctx, p.client, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.done))).status).toBe(403);
      expect((await call(ctx, p.manager, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.done))).status).toBe(201);
    } finally {
      await ctx.db.updateTable('task_status').set({ is_artist_allowed: true, is_client_allowed: true }).where('id', '=', status.done).execute();
    }
  });

  it('start_task: the wip status sets real_start_date once; feedback sets end_date; done sets done_date', async () => {
    const task = await freshTask(suite);
    const wip = await call<CreatedComment>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wip));
    expect(wip.status).toBe(201);
    const started = (await taskRow(ctx, task.id)).real_start_date;
    expect(started).not.toBeNull();

    const wfa = await call<CreatedComment>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wfa, 'Please review'));
    let row = await taskRow(ctx, task.id);
    expect(row).toMatchObject({ task_status_id: status.wfa, real_start_date: started, done_date: null });
    expect(row.end_date).not.toBeNull();
    const review = await eventsAbout(ctx, 'comment_id', wfa.body.id);
    expect(review.map((event) => event.name)).toContain('task:to-review');

    await call(ctx, p.manager, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.done, 'Approved'));
    row = await taskRow(ctx, task.id);
    expect(row.done_date).not.toBeNull();
    expect(row.end_date).not.toBeNull();

    await call(ctx, p.manager, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wip, 'Reopened'));
    row = await taskRow(ctx, task.id);
    expect(row).toMatchObject({ task_status_id: status.wip, real_start_date: started, end_date: null, done_date: null });
  });

  it('counts retakes on status changes only, and caps them with the project max_retakes', async () => {
    const task = await freshTask(suite);
    const post = (statusId: string) => call(ctx, p.manager, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(statusId));
    await post(status.retake);
    await post(status.retake); // same status: no change, no count
    expect((await taskRow(ctx, task.id)).retake_count).toBe(1);
    await post(status.wip);
    await ctx.db.updateTable('project').set({ max_retakes: 2 }).where('id', '=', p.project.id).execute();
    try {
      expect((await post(status.retake)).status).toBe(201);
      expect((await taskRow(ctx, task.id)).retake_count).toBe(2);
      await post(status.wip);
      const capped = await post(status.retake);
      expect(capped.status).toBe(400);
      expect(capped.body).toMatchObject({ error: true, message: 'No more retakes allowed on this task' });
      expect((await taskRow(ctx, task.id)).task_status_id).toBe(status.wip);
    } finally {
      await ctx.db.updateTable('project').set({ max_retakes: 0 }).where('id', '=', p.project.id).execute();
    }
  });

  it('a backdated comment (manager) does not move the task: it is recomputed from its history', async () => {
    const task = await freshTask(suite);
    const latest = await call<CreatedComment>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wfa, 'Done, please check'));
    const old = await call<CreatedComment>(ctx, p.manager, 'POST', `actions/tasks/${task.id}/comment`,
      gazuComment(status.retake, 'Old note', { created_at: '2020-01-02 10:00:00', person_id: p.artist2.id }));
    expect(old.status).toBe(201);
    expect(old.body).toMatchObject({ created_at: '2020-01-02T10:00:00', person_id: p.artist2.id });
    const row = await taskRow(ctx, task.id);
    expect(row.task_status_id).toBe(status.wfa);
    expect(row.last_comment_date).toBe(latest.body.created_at);
    expect(row.retake_count).toBe(1); // the history holds one transition into retake
    const notifications = await notificationsOf(ctx, { commentId: old.body.id });
    expect(notifications.every((n) => n.change === false)).toBe(true);
  });

  it('ignores person_id, created_at and for_client from non-managers', async () => {
    const task = await freshTask(suite);
    const res = await call<CreatedComment>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`,
      gazuComment(status.wip, 'mine', { person_id: p.artist2.id, created_at: '2020-01-01 00:00:00', for_client: true }));
    expect(res.status).toBe(201);
    expect(res.body.person_id).toBe(p.artist.id);
    expect(res.body.for_client).toBe(false);
    expect(res.body.created_at.startsWith('2020')).toBe(false);
  });

  it('mentions team members by full name and departments by name, and notifies them', async () => {
    const task = await freshTask(suite, [p.artist.id]);
    const dept = await createDepartment(ctx, { name: `Lighting${Date.now()}`, members: [p.bystander.id] });
    const text = `@${p.supervisor.first_name} ${p.supervisor.last_name} please look, and @${dept.name}`;
    const res = await call<CreatedComment>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wip, text));
    expect(res.status).toBe(201);
    expect(res.body.mentions).toEqual([p.supervisor.id]);
    expect(res.body.department_mentions).toEqual([dept.id]);
    const mentions = (await notificationsOf(ctx, { commentId: res.body.id })).filter((n) => n.type === 'mention');
    expect(mentions.map((n) => n.person_id).sort()).toEqual([p.supervisor.id, p.bystander.id].sort());
  });

  it('a mentioned team member may answer on the task, but not change its status', async () => {
    const task = await freshTask(suite, [p.artist.id]);
    await call(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`,
      gazuComment(status.wip, `@${p.bystander.first_name} ${p.bystander.last_name} can you help?`));
    expect((await call(ctx, p.bystander, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wip, 'Sure'))).status).toBe(201);
    expect((await call(ctx, p.bystander, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wfa, 'Done'))).status).toBe(403);
  });

  it('notifies task and sequence watchers, never the author', async () => {
    const task = await freshTask(suite, [p.artist.id]);
    const shot = await ctx.db.selectFrom('entity').select('parent_id').where('id', '=', (await taskRow(ctx, task.id)).entity_id).executeTakeFirstOrThrow();
    await ctx.db.insertInto('subscription').values([
      { person_id: p.supervisor.id, task_id: task.id },
      { person_id: p.manager.id, entity_id: shot.parent_id, task_type_id: p.layout.id },
      { person_id: p.artist.id, task_id: task.id },
    ]).execute();
    const res = await call<CreatedComment>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.todo, 'note'));
    const recipients = (await notificationsOf(ctx, { commentId: res.body.id })).map((n) => [n.person_id, n.change]);
    expect(recipients.sort()).toEqual([[p.manager.id, false], [p.supervisor.id, false]].sort());
  });

  it('copies a #hashtag comment to the sibling task of that type, keeping its status', async () => {
    const task = await freshTask(suite, [p.artist.id]);
    const row = await taskRow(ctx, task.id);
    const sibling = await createTestTask(ctx, { projectId: p.project.id, entityId: row.entity_id, taskTypeId: p.animation.id, status: 'wfa' });
    const res = await call<CreatedComment>(ctx, p.manager, 'POST', `actions/tasks/${task.id}/comment`,
      gazuComment(status.retake, `Fix the timing #${p.animation.name}`));
    expect(res.status).toBe(201);
    const copies = await ctx.db.selectFrom('comment').selectAll().where('object_id', '=', sibling.id).execute();
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ task_status_id: status.wfa, person_id: p.manager.id });
    expect(copies[0]!.text).toBe(`Fix the timing #${p.animation.name}\n\n____\nFrom ${p.layout.name} task`);
    expect((await taskRow(ctx, sibling.id)).task_status_id).toBe(status.wfa);
    expect((await taskRow(ctx, task.id)).task_status_id).toBe(status.retake);
  });

  it('accepts multipart form fields (Gazu booleans and JSON checklist), with or without files', async () => {
    const task = await freshTask(suite);
    const boundary = 'gazu-boundary-1234';
    const form = (parts: string[]) => `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`;
    const field = (name: string, value: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;
    const headers = { ...bearer(p.artist.token), 'content-type': `multipart/form-data; boundary=${boundary}` };
    const ok = await ctx.app.inject({
      method: 'POST', url: `/api/actions/tasks/${task.id}/comment`, headers,
      payload: form([field('task_status_id', status.wip), field('comment', 'from a form'), field('checklist', '[{"text": "a", "checked": false}]'),
        field('for_client', 'False')]),
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ text: 'from a form', checklist: [{ text: 'a', checked: false }], for_client: false });

    const withFile = await ctx.app.inject({
      method: 'POST', url: `/api/actions/tasks/${task.id}/comment`, headers,
      payload: form([field('task_status_id', status.wip), 'Content-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nPNG']),
    });
    expect(withFile.statusCode).toBe(201);
    expect(withFile.json().attachment_files).toEqual([expect.objectContaining({ name: 'a.png', extension: 'png', size: 3 })]);
  });

  it('two concurrent status-changing comments leave a consistent task', async () => {
    const task = await freshTask(suite);
    // Hold the task row while both requests start, so that they really overlap.
    let pending: Array<Promise<{ status: number; body: CreatedComment }>> = [];
    await ctx.db.transaction().execute(async (trx) => {
      await trx.selectFrom('task').select('id').where('id', '=', task.id).forUpdate().execute();
      pending = [
        call<CreatedComment>(ctx, p.artist, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.retake, 'A')),
        call<CreatedComment>(ctx, p.artist2, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.wfa, 'B')),
      ];
      await new Promise((resolve) => setTimeout(resolve, 400));
    });
    const [a, b] = await Promise.all(pending);
    expect([a!.status, b!.status]).toEqual([201, 201]);

    const comments = await ctx.db.selectFrom('comment').selectAll().where('object_id', '=', task.id).orderBy('created_at').execute();
    const last = comments[comments.length - 1]!;
    const row = await taskRow(ctx, task.id);
    expect(row.task_status_id).toBe(last.task_status_id);
    expect(row.last_comment_date).toBe(last.created_at);
    expect(row.retake_count).toBe(1);
    expect(row.end_date === null).toBe(last.task_status_id === status.retake);
    // The second comment saw the first one's status: no change was computed from a stale row.
    const changes = (await eventsAbout(ctx, 'task_id', task.id)).filter((event) => event.name === 'task:status-changed').map((event) => event.data);
    expect(changes).toHaveLength(2);
    const first = changes.find((change) => change.previous_task_status_id === status.todo);
    const second = changes.find((change) => change !== first);
    expect(second?.previous_task_status_id).toBe(first?.new_task_status_id);
    expect(second?.new_task_status_id).toBe(last.task_status_id);
  });
});

describe('team membership of the commenter', () => {
  it('a per-project client role may comment with client-allowed statuses', async () => {
    const task = await freshTask(suite);
    await addTeamMember(ctx, p.project.id, p.bystander.id, 'client');
    try {
      const res = await call(ctx, p.bystander, 'POST', `actions/tasks/${task.id}/comment`, gazuComment(status.retake, 'Client note'));
      expect(res.status).toBe(201);
    } finally {
      await addTeamMember(ctx, p.project.id, p.bystander.id, null);
    }
  });
});
