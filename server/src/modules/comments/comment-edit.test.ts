import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/test-app.ts';
import type { CommentWithRelations, TaskComment } from '../../../../packages/contracts/src/comments.schema.ts';
import { call, eventsAbout, notificationsOf, taskRow, type Production } from '../tasks/tasks.fixtures.ts';
import { commentSuite, freshTask, postComment, type CommentSuite } from './comments.fixtures.ts';

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

describe('GET data/tasks/<id>/comments (Gazu all_comments_for_task, get_last_comment_for_task)', () => {
  it('lists comments newest first with person, task_status and the link lists', async () => {
    const task = await freshTask(suite);
    const first = await postComment(ctx, p.artist, task.id, status.wip, 'first');
    const second = await postComment(ctx, p.artist2, task.id, status.wfa, `second @${p.artist.first_name} ${p.artist.last_name}`);
    const res = await call<TaskComment[]>(ctx, p.artist, 'GET', `data/tasks/${task.id}/comments`);
    expect(res.status).toBe(200);
    expect(res.body.map((c) => c.id)).toEqual([second.id, first.id]);
    expect(res.body[0]).toEqual({
      ...res.body[0],
      type: 'Comment',
      text: `second @${p.artist.first_name} ${p.artist.last_name}`,
      person: {
        id: p.artist2.id, first_name: p.artist2.first_name, last_name: p.artist2.last_name,
        full_name: `${p.artist2.first_name} ${p.artist2.last_name}`, has_avatar: false, role: 'user',
      },
      task_status: { id: status.wfa, name: 'Submitted', short_name: 'wfa', color: '#F59E0B' },
      previews: [],
      mentions: [p.artist.id],
      department_mentions: [],
      acknowledgements: [],
      attachment_files: [],
    });
    expect(res.body[0]).not.toHaveProperty('editor');
  });

  it('hides client comments from artists; clients only see client or for_client comments', async () => {
    const task = await freshTask(suite);
    const studio = await postComment(ctx, p.artist, task.id, status.wip, 'studio talk');
    const fromClient = await postComment(ctx, p.client, task.id, status.retake, 'client note');
    const forClient = await postComment(ctx, p.manager, task.id, status.wfa, 'for the client', { for_client: true });
    const artistView = await call<TaskComment[]>(ctx, p.artist, 'GET', `data/tasks/${task.id}/comments`);
    expect(artistView.body.map((c) => c.id)).toEqual([forClient.id, studio.id]);
    const managerView = await call<TaskComment[]>(ctx, p.manager, 'GET', `data/tasks/${task.id}/comments`);
    expect(managerView.body).toHaveLength(3);
    const clientView = await call<TaskComment[]>(ctx, p.client, 'GET', `data/tasks/${task.id}/comments`);
    expect(clientView.body.map((c) => c.id)).toEqual([forClient.id, fromClient.id]);
    expect(clientView.body[0]!.person).toBeNull(); // studio identities are hidden from clients
  });

  it('GET data/tasks/<task_id>/comments/<comment_id> returns one comment of the task, with the same read rules', async () => {
    const task = await freshTask(suite);
    const studio = await postComment(ctx, p.artist, task.id, status.wip, 'studio talk');
    const one = await call<TaskComment>(ctx, p.artist2, 'GET', `data/tasks/${task.id}/comments/${studio.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: studio.id, person: { id: p.artist.id }, task_status: { short_name: 'wip' } });
    expect((await call(ctx, p.client, 'GET', `data/tasks/${task.id}/comments/${studio.id}`)).status).toBe(403);
    expect((await call(ctx, p.artist, 'GET', `data/tasks/${p.task.id}/comments/${studio.id}`)).status).toBe(404);
  });

  it('answers 404 for an unknown task and 403 outside the team', async () => {
    expect((await call(ctx, p.artist, 'GET', `data/tasks/${crypto.randomUUID()}/comments`)).status).toBe(404);
    expect((await call(ctx, p.outsider, 'GET', `data/tasks/${p.task.id}/comments`)).status).toBe(403);
  });
});

describe('DELETE data/comments/<id> (Gazu remove_comment)', () => {
  it('the author deletes his comment: the task is recomputed from the remaining history', async () => {
    const task = await freshTask(suite);
    const wip = await postComment(ctx, p.artist, task.id, status.wip);
    const retake = await postComment(ctx, p.manager, task.id, status.retake, 'redo');
    expect((await taskRow(ctx, task.id)).retake_count).toBe(1);
    const res = await call(ctx, p.manager, 'DELETE', `data/comments/${retake.id}`);
    expect(res.status).toBe(204);
    const row = await taskRow(ctx, task.id);
    expect(row).toMatchObject({ task_status_id: status.wip, retake_count: 0, last_comment_date: wip.created_at });
    expect(await notificationsOf(ctx, { commentId: retake.id })).toEqual([]);
    expect(await ctx.db.selectFrom('news').select('id').where('comment_id', '=', retake.id).execute()).toEqual([]);
    const events = await eventsAbout(ctx, 'comment_id', retake.id);
    expect(events.map((event) => event.name)).toContain('comment:delete');
    const changed = (await eventsAbout(ctx, 'task_id', task.id)).filter((event) => event.name === 'task:status-changed');
    expect(changed.at(-1)?.data).toMatchObject({ new_task_status_id: status.wip, previous_task_status_id: status.retake });

    expect((await call(ctx, p.artist, 'DELETE', `data/comments/${wip.id}`)).status).toBe(204);
    expect((await taskRow(ctx, task.id))).toMatchObject({ task_status_id: status.todo, last_comment_date: null, real_start_date: null });
  });

  it('refuses other people (403), answers 404 for an unknown comment and 400 for a malformed id', async () => {
    const task = await freshTask(suite);
    const mine = await postComment(ctx, p.artist, task.id, status.wip);
    expect((await call(ctx, p.artist2, 'DELETE', `data/comments/${mine.id}`)).status).toBe(403);
    expect((await call(ctx, p.supervisor, 'DELETE', `data/comments/${mine.id}`)).status).toBe(403);
    expect((await call(ctx, p.outsider, 'DELETE', `data/comments/${mine.id}`)).status).toBe(403);
    expect((await call(ctx, p.manager, 'DELETE', `data/comments/${crypto.randomUUID()}`)).status).toBe(404);
    const malformed = await call(ctx, p.manager, 'DELETE', 'data/comments/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ message: 'Malformed ID.' });
    expect((await taskRow(ctx, task.id)).task_status_id).toBe(status.wip);
  });
});

describe('PUT data/comments/<id> (Gazu update_comment)', () => {
  it('the author edits his text: editor recorded, mentions rebuilt and notified', async () => {
    const task = await freshTask(suite);
    const mine = await postComment(ctx, p.artist, task.id, status.wip, 'typo');
    const whole = (await call<TaskComment[]>(ctx, p.artist, 'GET', `data/tasks/${task.id}/comments`)).body[0]!;
    const text = `fixed, @${p.supervisor.first_name} ${p.supervisor.last_name}`;
    const res = await call(ctx, p.artist, 'PUT', `data/comments/${mine.id}`, { ...whole, text });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: mine.id, text, editor_id: p.artist.id, type: 'Comment' });
    expect(res.body).not.toHaveProperty('mentions');
    const mentions = (await notificationsOf(ctx, { commentId: mine.id })).filter((n) => n.type === 'mention');
    expect(mentions.map((n) => n.person_id)).toEqual([p.supervisor.id]);
    const events = (await eventsAbout(ctx, 'comment_id', mine.id)).map((event) => event.name);
    expect(events).toContain('comment:update');
  });

  it('others may only tick checklist items (assignees) or pin (department supervisors)', async () => {
    const task = await freshTask(suite);
    const checklist = [{ text: 'lights', checked: false }, { text: 'camera', checked: false }];
    const mine = await postComment(ctx, p.artist, task.id, status.wip, 'todo list', { checklist });
    const ticked = [{ text: 'lights', checked: true }, { text: 'camera', checked: false }];
    expect((await call(ctx, p.artist2, 'PUT', `data/comments/${mine.id}`, { checklist: ticked })).status).toBe(200);
    expect((await call(ctx, p.artist2, 'PUT', `data/comments/${mine.id}`, { checklist: [{ text: 'rewritten', checked: true }] })).status).toBe(403);
    expect((await call(ctx, p.artist2, 'PUT', `data/comments/${mine.id}`, { text: 'hijacked' })).status).toBe(403);
    expect((await call(ctx, p.bystander, 'PUT', `data/comments/${mine.id}`, { checklist })).status).toBe(403);
    expect((await call(ctx, p.artist2, 'PUT', `data/comments/${mine.id}`, { pinned: true })).status).toBe(403);
    expect((await call(ctx, p.supervisor, 'PUT', `data/comments/${mine.id}`, { pinned: true })).status).toBe(200);
    expect((await call(ctx, p.artist, 'PUT', `data/comments/${mine.id}`, { for_client: true })).status).toBe(403);
    expect((await call(ctx, p.outsider, 'PUT', `data/comments/${mine.id}`, { text: 'x' })).status).toBe(403);
    expect((await call(ctx, p.manager, 'PUT', `data/comments/${crypto.randomUUID()}`, { text: 'x' })).status).toBe(404);
    const stored = await ctx.db.selectFrom('comment').selectAll().where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ text: 'todo list', pinned: true, checklist: ticked, for_client: false });
  });

  it('changing the status of the latest comment recomputes the task', async () => {
    const task = await freshTask(suite);
    await postComment(ctx, p.artist, task.id, status.wip);
    const last = await postComment(ctx, p.artist, task.id, status.wfa);
    const res = await call(ctx, p.manager, 'PUT', `data/comments/${last.id}`, { task_status_id: status.retake });
    expect(res.status).toBe(200);
    const row = await taskRow(ctx, task.id);
    expect(row).toMatchObject({ task_status_id: status.retake, retake_count: 1, end_date: null });
    const changed = (await eventsAbout(ctx, 'task_id', task.id)).filter((event) => event.name === 'task:status-changed');
    expect(changed.at(-1)?.data).toMatchObject({ new_task_status_id: status.retake, previous_task_status_id: status.wfa });
    expect((await call(ctx, p.manager, 'PUT', `data/comments/${last.id}`, { object_id: p.task.id })).status).toBe(400);
  });
});

describe('replies (data/tasks/<task_id>/comments/<comment_id>/reply)', () => {
  it('a team member mentioned on the task replies; watchers, the author and mentioned people are notified; the author deletes it', async () => {
    const task = await freshTask(suite);
    const note = await postComment(ctx, p.artist, task.id, status.wip, `@${p.bystander.first_name} ${p.bystander.last_name} thoughts?`);
    const res = await call<{ id: string; text: string; person_id: string; mentions: string[]; person: { id: string } }>(
      ctx, p.bystander, 'POST', `data/tasks/${task.id}/comments/${note.id}/reply`, { text: `@${p.supervisor.first_name} ${p.supervisor.last_name} agreed` },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ person_id: p.bystander.id, mentions: [p.supervisor.id], person: { id: p.bystander.id } });
    const notified = (await notificationsOf(ctx, { commentId: note.id })).filter((n) => n.reply_id === res.body.id);
    expect(notified.map((n) => [n.person_id, n.type]).sort()).toEqual(
      [[p.artist.id, 'reply'], [p.artist2.id, 'reply'], [p.supervisor.id, 'reply-mention']].sort(),
    );
    const stored = await ctx.db.selectFrom('comment').select('replies').where('id', '=', note.id).executeTakeFirstOrThrow();
    expect(stored.replies).toHaveLength(1);

    expect((await call(ctx, p.outsider, 'POST', `data/tasks/${task.id}/comments/${note.id}/reply`, { text: 'x' })).status).toBe(403);
    expect((await call(ctx, p.artist, 'POST', `data/tasks/${p.task.id}/comments/${note.id}/reply`, { text: 'x' })).status).toBe(403);
    expect((await call(ctx, p.artist, 'DELETE', `data/tasks/${task.id}/comments/${note.id}/reply/${res.body.id}`)).status).toBe(403);
    const deleted = await call(ctx, p.bystander, 'DELETE', `data/tasks/${task.id}/comments/${note.id}/reply/${res.body.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: note.id, replies: [] });
    expect((await notificationsOf(ctx, { commentId: note.id })).filter((n) => n.reply_id !== null)).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('documents the task and comment routes', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    for (const path of ['/api/actions/tasks/{taskId}/comment', '/api/data/tasks/{taskId}/comments', '/api/data/comments/{id}',
      '/api/actions/tasks/{taskId}/comments/{commentId}/move', '/api/data/tasks/{id}/full', '/api/actions/persons/{id}/assign']) {
      expect(paths).toContain(path);
    }
  });
});

describe('POST data/tasks/<task_id>/comments/<comment_id>/ack', () => {
  it('toggles the caller in the acknowledgements', async () => {
    const task = await freshTask(suite);
    const mine = await postComment(ctx, p.artist, task.id, status.wip);
    const ack = await call<CommentWithRelations>(ctx, p.artist2, 'POST', `data/tasks/${task.id}/comments/${mine.id}/ack`);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgements).toEqual([p.artist2.id]);
    const unack = await call<CommentWithRelations>(ctx, p.artist2, 'POST', `data/tasks/${task.id}/comments/${mine.id}/ack`);
    expect(unack.body.acknowledgements).toEqual([]);
    const names = (await eventsAbout(ctx, 'comment_id', mine.id)).map((event) => event.name);
    expect(names.filter((name) => name.includes('acknowledge'))).toEqual(['comment:acknowledge', 'comment:unacknowledge']);
    expect((await call(ctx, p.outsider, 'POST', `data/tasks/${task.id}/comments/${mine.id}/ack`)).status).toBe(403);
    expect((await call(ctx, p.artist, 'POST', `data/tasks/${p.task.id}/comments/${mine.id}/ack`)).status).toBe(404);
  });
});
