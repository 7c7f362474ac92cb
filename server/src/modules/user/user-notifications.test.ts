import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { addComment, productionSetup } from '../time-spents/test-fixtures.ts';

let ctx: TestContext;
let setup: Awaited<ReturnType<typeof productionSetup>>;
/** The artist's notifications, oldest first (created 2024-05-01 … 2024-05-05 at noon). */
const notificationIds: string[] = [];
let clientNotificationId: string;
let taskId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  setup = await productionSetup(ctx);
  const task = await createTestTask(ctx, { projectId: setup.project.id, entityId: setup.shot.id, taskTypeId: setup.animation.id, assignees: [setup.artist.id] });
  taskId = task.id;
  for (let day = 1; day <= 5; day += 1) {
    const comment = await addComment(ctx, { taskId: task.id, personId: setup.manager.id, text: `note ${day}` });
    const row = await ctx.db
      .insertInto('notification')
      .values({
        person_id: setup.artist.id,
        author_id: setup.manager.id,
        comment_id: comment.id,
        task_id: task.id,
        type: 'comment',
        change: day === 5,
        read: day <= 2,
        created_at: `2024-05-0${day}T12:00:00`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    notificationIds.push(row.id);
  }
  const client = await personWithToken(ctx, 'client');
  const clientComment = await addComment(ctx, { taskId: task.id, personId: client.id, text: 'client secret' });
  clientNotificationId = (
    await ctx.db
      .insertInto('notification')
      .values({ person_id: setup.artist.id, author_id: client.id, comment_id: clientComment.id, task_id: task.id, type: 'comment', created_at: '2024-04-01T08:00:00' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await ctx.db
    .insertInto('notification')
    .values({ person_id: setup.otherArtist.id, author_id: setup.manager.id, task_id: task.id, type: 'assignation' })
    .execute();
});
afterAll(async () => {
  await ctx.close();
});

const get = (url: string, token = setup.artist.token) => ctx.app.inject({ method: 'GET', url: `/api/data/user/${url}`, headers: bearer(token) });
const idsOf = (body: unknown) => (body as Array<{ id: string }>).map((row) => row.id);

describe('gazu.user.all_notifications (GET data/user/notifications)', () => {
  it("returns only the caller's notifications, newest first, in Zou's enriched shape", async () => {
    const res = await get('notifications');
    expect(res.statusCode).toBe(200);
    expect(idsOf(res.json())).toEqual([...notificationIds].reverse().concat(clientNotificationId));
    expect(res.json()[0]).toEqual({
      id: notificationIds[4],
      type: 'Notification',
      notification_type: 'comment',
      author_id: setup.manager.id,
      comment_id: expect.any(String),
      task_id: taskId,
      task_type_id: setup.animation.id,
      task_status_id: expect.any(String),
      mentions: [],
      department_mentions: [],
      reply_mentions: [],
      reply_department_mentions: [],
      preview_file_id: null,
      project_id: setup.project.id,
      project_name: setup.project.name,
      comment_text: 'note 5',
      reply_text: '',
      created_at: '2024-05-05T12:00:00',
      read: false,
      change: true,
      full_entity_name: `${setup.sequence.name} / ${setup.shot.name}`,
      episode_id: null,
      entity_preview_file_id: null,
      subscription_id: null,
      playlist_id: null,
      playlist_name: '',
      playlist_for_entity: '',
      playlist_is_for_all: false,
    });
  });

  it('blanks texts written by clients for artists', async () => {
    const rows = (await get('notifications')).json() as Array<{ id: string; comment_text: string }>;
    expect(rows.find((row) => row.id === clientNotificationId)?.comment_text).toBe('');
  });

  it('pages with limit and page, and filters with after, before and read', async () => {
    expect(idsOf((await get('notifications?limit=2')).json())).toEqual([notificationIds[4], notificationIds[3]]);
    expect(idsOf((await get('notifications?limit=2&page=2')).json())).toEqual([notificationIds[2], notificationIds[1]]);
    expect(idsOf((await get('notifications?after=2024-05-03T12:00:00')).json())).toEqual([notificationIds[4], notificationIds[3]]);
    expect(idsOf((await get('notifications?before=2024-05-02&after=2024-04-15')).json())).toEqual([notificationIds[0]]);
    expect(idsOf((await get('notifications?read=true')).json())).toEqual([notificationIds[1], notificationIds[0]]);
    expect(idsOf((await get('notifications?type=mention')).json())).toEqual([]);
  });

  it('answers 400 for a bad date or id filter', async () => {
    expect((await get('notifications?after=yesterday')).statusCode).toBe(400);
    expect((await get('notifications?task_type_id=nope')).statusCode).toBe(400);
    expect((await get('notifications?limit=ten')).statusCode).toBe(400);
  });
});

describe('gazu.user.get_notification / update_notification', () => {
  it('reads one notification and marks it read then unread, with events', async () => {
    const id = notificationIds[3] ?? '';
    const one = await get(`notifications/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id, comment_text: 'note 4', read: false });

    const put = await ctx.app.inject({ method: 'PUT', url: `/api/data/user/notifications/${id}`, headers: bearer(setup.artist.token), payload: { ...(one.json() as Record<string, unknown>), read: true } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ id, read: true, type: 'Notification', notification_type: 'comment', person_id: setup.artist.id });
    expect((await get(`notifications/${id}`)).json().read).toBe(true);

    const unread = await ctx.app.inject({ method: 'PUT', url: `/api/data/user/notifications/${id}`, headers: bearer(setup.artist.token), payload: { read: false } });
    expect(unread.json().read).toBe(false);
    const events = await ctx.db.selectFrom('api_event').select('name').where('name', 'like', 'notification:%').orderBy('created_at').execute();
    expect(events.map((event) => event.name)).toEqual(['notification:read', 'notification:unread']);
  });

  it("does not let someone read or change another person's notification (404), 400 for a malformed id", async () => {
    const id = notificationIds[0] ?? '';
    expect((await get(`notifications/${id}`, setup.otherArtist.token)).statusCode).toBe(404);
    const put = await ctx.app.inject({ method: 'PUT', url: `/api/data/user/notifications/${id}`, headers: bearer(setup.otherArtist.token), payload: { read: false } });
    expect(put.statusCode).toBe(404);
    expect((await get('notifications/not-an-id')).statusCode).toBe(400);
  });
});
