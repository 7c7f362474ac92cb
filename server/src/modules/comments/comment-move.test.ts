import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../../test/support/test-app.ts';
import { addTeamMember, createShotEntity, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import type { CommentWithRelations } from '../../../../packages/contracts/src/comments.schema.ts';
import { call, eventsAbout, notificationsOf, taskRow, type Caller, type Production } from '../tasks/tasks.fixtures.ts';
import { commentSuite, postComment, type CommentSuite } from './comments.fixtures.ts';

let ctx: TestContext;
let p: Production;
let status: CommentSuite['status'];

beforeAll(async () => {
  ({ ctx, p, status } = await commentSuite());
});
afterAll(async () => {
  await ctx.close();
});

/** A shot with a layout task (assigned to artist) and an animation task (assigned to artist2). */
async function shotWithTwoTasks() {
  const shot = await createShotEntity(ctx, p.project.id);
  const layout = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id, assignees: [p.artist.id] });
  const anim = await createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.animation.id, assignees: [p.artist2.id] });
  return { shot, layout, anim };
}

const move = (caller: Caller, taskId: string, commentId: string, body: unknown) =>
  call<CommentWithRelations>(ctx, caller, 'POST', `actions/tasks/${taskId}/comments/${commentId}/move`, body);

describe('POST actions/tasks/<task_id>/comments/<comment_id>/move (Gazu move_comment_to_task)', () => {
  it('a manager moves a client note to the right task: text, mentions, date and status kept; both tasks recomputed; target notified', async () => {
    const { layout, anim } = await shotWithTwoTasks();
    await postComment(ctx, p.artist, layout.id, status.wip, 'working');
    const misplaced = await postComment(ctx, p.manager, layout.id, status.retake, `Timing is off @${p.supervisor.first_name} ${p.supervisor.last_name}`);
    expect((await taskRow(ctx, layout.id)).task_status_id).toBe(status.retake);

    const res = await move(p.manager, layout.id, misplaced.id, { target_task_id: anim.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: misplaced.id,
      type: 'Comment',
      object_id: anim.id,
      text: misplaced.text,
      created_at: misplaced.created_at,
      task_status_id: status.retake,
      mentions: [p.supervisor.id],
    });

    const source = await taskRow(ctx, layout.id);
    expect(source).toMatchObject({ task_status_id: status.wip, retake_count: 0 });
    const target = await taskRow(ctx, anim.id);
    expect(target).toMatchObject({ task_status_id: status.retake, retake_count: 1, last_comment_date: misplaced.created_at });

    const notifications = await notificationsOf(ctx, { commentId: misplaced.id });
    expect(notifications.every((n) => n.task_id === anim.id && n.change === false)).toBe(true);
    expect(notifications.map((n) => [n.person_id, n.type]).sort()).toEqual([[p.artist2.id, 'comment'], [p.supervisor.id, 'mention']].sort());
    const news = await ctx.db.selectFrom('news').selectAll().where('comment_id', '=', misplaced.id).execute();
    expect(news.map((row) => [row.task_id, row.change])).toEqual([[anim.id, false]]);

    const events = (await eventsAbout(ctx, 'comment_id', misplaced.id)).map((event) => event.name);
    expect(events.slice(-2)).toEqual(['comment:delete', 'comment:new']);
    const moved = await eventsAbout(ctx, 'task_id', anim.id);
    expect(moved.map((event) => event.name)).not.toContain('task:status-changed');
  });

  it('is for global managers and admins only: an artist gets 403, whatever his body', async () => {
    const { layout, anim } = await shotWithTwoTasks();
    const note = await postComment(ctx, p.artist, layout.id, status.wip, 'mine');
    expect((await move(p.artist, layout.id, note.id, { target_task_id: anim.id })).status).toBe(403);
    expect((await move(p.artist, layout.id, note.id, {})).status).toBe(403);
    expect((await move(p.supervisor, layout.id, note.id, { target_task_id: anim.id })).status).toBe(403);
    // A per-project manager override does not grant it; a global manager outside the team gets no task access.
    await addTeamMember(ctx, p.project.id, p.bystander.id, 'manager');
    try {
      expect((await move(p.bystander, layout.id, note.id, { target_task_id: anim.id })).status).toBe(403);
    } finally {
      await addTeamMember(ctx, p.project.id, p.bystander.id, null);
    }
    const strangerManager = await personWithToken(ctx, 'manager');
    expect((await move(strangerManager, layout.id, note.id, { target_task_id: anim.id })).status).toBe(403);
    expect((await move(p.admin, layout.id, note.id, { target_task_id: anim.id })).status).toBe(200);
    expect((await move(p.manager, anim.id, note.id, {})).status).toBe(400);
  });

  it('refuses tasks of another entity, the same task, a comment of another task, and a comment tied to a preview (400)', async () => {
    const { layout, anim } = await shotWithTwoTasks();
    const other = await shotWithTwoTasks();
    const note = await postComment(ctx, p.manager, layout.id, status.wip, 'note');
    const otherEntity = await move(p.manager, layout.id, note.id, { target_task_id: other.anim.id });
    expect(otherEntity.status).toBe(400);
    expect(otherEntity.body).toMatchObject({ error: true, message: 'A comment can only be moved between tasks of the same entity.' });
    expect((await move(p.manager, layout.id, note.id, { target_task_id: layout.id })).body)
      .toMatchObject({ message: 'Source and target tasks must be different.' });
    expect((await move(p.manager, anim.id, note.id, { target_task_id: layout.id })).body)
      .toMatchObject({ message: 'Comment does not belong to the given task.' });

    const preview = await ctx.db.insertInto('preview_file').values({ name: 'abc', task_id: layout.id, person_id: p.manager.id })
      .returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('comment_preview_link').values({ comment_id: note.id, preview_file_id: preview.id }).execute();
    const withPreview = await move(p.manager, layout.id, note.id, { target_task_id: anim.id });
    expect(withPreview.status).toBe(400);
    expect(withPreview.body).toMatchObject({ message: 'A comment attached to a preview revision cannot be moved.' });
    const stored = await ctx.db.selectFrom('comment').select('object_id').where('id', '=', note.id).executeTakeFirstOrThrow();
    expect(stored.object_id).toBe(layout.id);
  });

  it('answers 404 for an unknown comment or task', async () => {
    const { layout, anim } = await shotWithTwoTasks();
    const note = await postComment(ctx, p.manager, layout.id, status.wip, 'note');
    expect((await move(p.manager, layout.id, crypto.randomUUID(), { target_task_id: anim.id })).status).toBe(404);
    expect((await move(p.manager, layout.id, note.id, { target_task_id: crypto.randomUUID() })).status).toBe(404);
    expect((await move(p.manager, crypto.randomUUID(), note.id, { target_task_id: anim.id })).status).toBe(404);
  });
});
