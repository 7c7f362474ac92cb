import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createBot, productionSetup } from './test-fixtures.ts';

let ctx: TestContext;
let setup: Awaited<ReturnType<typeof productionSetup>>;

beforeAll(async () => {
  ctx = await createTestContext();
  setup = await productionSetup(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const shotTask = (assignees: string[]) =>
  createTestTask(ctx, { projectId: setup.project.id, entityId: setup.shot.id, taskTypeId: setup.animation.id, name: `t-${Math.random()}`, assignees });

const logUrl = (taskId: string, date: string, personId: string, add = false) =>
  `/api/actions/tasks/${taskId}/time-spents/${date}/persons/${personId}${add ? '/add' : ''}`;

async function taskDuration(taskId: string): Promise<number> {
  return (await ctx.db.selectFrom('task').select('duration').where('id', '=', taskId).executeTakeFirstOrThrow()).duration;
}

/** Names of the logged events whose payload mentions one of the ids, oldest first. */
async function eventNames(...ids: string[]): Promise<string[]> {
  const rows = await ctx.db.selectFrom('api_event').select(['name', 'data']).orderBy('created_at').execute();
  return rows.filter((row) => ids.some((id) => JSON.stringify(row.data).includes(id))).map((row) => row.name);
}

describe('set_time_spent / add_time_spent (POST actions/tasks/<id>/time-spents/<date>/persons/<id>[/add])', () => {
  it('lets an assigned artist set his own time: 201 time spent row, task duration and last presence follow', async () => {
    const task = await shotTask([setup.artist.id]);
    const res = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-18', setup.artist.id), headers: bearer(setup.artist.token), payload: { duration: 480 } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      duration: 480,
      date: '2024-03-18',
      task_id: task.id,
      person_id: setup.artist.id,
      type: 'TimeSpent',
    });
    expect(await taskDuration(task.id)).toBe(480);
    const presence = await ctx.db.selectFrom('person').select('last_presence').where('id', '=', setup.artist.id).executeTakeFirstOrThrow();
    expect(presence.last_presence).toBe('2024-03-18');

    const again = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-18', setup.artist.id), headers: bearer(setup.artist.token), payload: { duration: 60 } });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: res.json().id, duration: 60 });
    expect(await taskDuration(task.id)).toBe(60);

    const added = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-18', setup.artist.id, true), headers: bearer(setup.artist.token), payload: { duration: 30 } });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ id: res.json().id, duration: 90 });
    expect(await taskDuration(task.id)).toBe(90);

    expect(await eventNames(task.id, res.json().id)).toEqual([
      'time-spent:new', 'task:update', 'time-spent:update', 'task:update', 'time-spent:update', 'task:update',
    ]);
    const audit = await ctx.db.selectFrom('audit_event').select('action').where('object_id', '=', res.json().id).execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'update']);
  });

  it('sums ten concurrent adds of 30 minutes on the same day to 300', async () => {
    const task = await shotTask([setup.artist.id]);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-04-02', setup.artist.id, true), headers: bearer(setup.artist.token), payload: { duration: 30 } }),
      ),
    );
    expect(responses.map((res) => res.statusCode)).toEqual(Array(10).fill(201));
    const rows = await ctx.db.selectFrom('time_spent').select('duration').where('task_id', '=', task.id).execute();
    expect(rows).toEqual([{ duration: 300 }]);
    expect(await taskDuration(task.id)).toBe(300);
  });

  it('lets a manager of the project log time for an assignee', async () => {
    const task = await shotTask([setup.artist.id]);
    const res = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-19', setup.artist.id), headers: bearer(setup.manager.token), payload: { duration: 120 } });
    expect(res.statusCode).toBe(201);
  });

  it('refuses an artist logging time for another person (403)', async () => {
    const task = await shotTask([setup.artist.id, setup.otherArtist.id]);
    const res = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-19', setup.otherArtist.id), headers: bearer(setup.artist.token), payload: { duration: 120 } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: true });
  });

  it('refuses an artist logging time on a task he is not assigned to (403), even for a manager', async () => {
    const task = await shotTask([setup.otherArtist.id]);
    const own = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-19', setup.artist.id), headers: bearer(setup.artist.token), payload: { duration: 120 } });
    expect(own.statusCode).toBe(403);
    const byManager = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-19', setup.artist.id), headers: bearer(setup.manager.token), payload: { duration: 120 } });
    expect(byManager.statusCode).toBe(403);
    expect(await taskDuration(task.id)).toBe(0);
  });

  it('refuses a global manager who is not in the project team', async () => {
    const outsiderManager = await personWithToken(ctx, 'manager');
    const task = await shotTask([setup.artist.id]);
    const res = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-19', setup.artist.id), headers: bearer(outsiderManager.token), payload: { duration: 10 } });
    expect(res.statusCode).toBe(403);
  });

  it('answers 404 for an unknown or malformed task id and for an unknown person', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const task = await shotTask([setup.artist.id]);
    for (const url of [logUrl(unknown, '2024-03-19', setup.artist.id), logUrl('not-a-uuid', '2024-03-19', setup.artist.id), logUrl(task.id, '2024-03-19', unknown)]) {
      const res = await ctx.app.inject({ method: 'POST', url, headers: bearer(setup.manager.token), payload: { duration: 10 } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().message).toMatch(/^404 Not Found/);
    }
  });

  it('answers 400 for a duration that is not > 0, a missing duration and a bad date', async () => {
    const task = await shotTask([setup.artist.id]);
    for (const payload of [{ duration: 0 }, { duration: -5 }, {}, { duration: 'lots' }]) {
      const res = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-19', setup.artist.id), headers: bearer(setup.artist.token), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toBe(true);
    }
    for (const date of ['2024-13-01', '2024-02-30', 'yesterday', '18-03-2024']) {
      const res = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, date, setup.artist.id), headers: bearer(setup.artist.token), payload: { duration: 10 } });
      expect(res.statusCode, date).toBe(400);
      expect(res.json()).toMatchObject({ error: true, message: 'Wrong date format.' });
    }
    expect(await taskDuration(task.id)).toBe(0);
  });

  it('lets bots log time only on projects with bot collaboration enabled', async () => {
    const bot = await createBot(ctx, 'user');
    const task = await shotTask([bot.id]);
    const refused = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-19', bot.id), headers: bearer(setup.manager.token), payload: { duration: 10 } });
    expect(refused.statusCode).toBe(403);
    await ctx.db.updateTable('project').set({ is_bot_collaboration_enabled: true }).where('id', '=', setup.project.id).execute();
    try {
      const byItself = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, '2024-03-19', bot.id), headers: bearer(bot.token), payload: { duration: 10 } });
      expect(byItself.statusCode).toBe(201);
    } finally {
      await ctx.db.updateTable('project').set({ is_bot_collaboration_enabled: false }).where('id', '=', setup.project.id).execute();
    }
  });
});

describe('get_time_spent (GET actions/tasks/<id>/time-spents[/<date>])', () => {
  it('returns {total, <person_id>: [rows]} for the whole task and for one day', async () => {
    const task = await shotTask([setup.artist.id, setup.otherArtist.id]);
    for (const [who, date, minutes] of [[setup.artist, '2024-05-01', 60], [setup.artist, '2024-05-02', 30], [setup.otherArtist, '2024-05-01', 45]] as const) {
      const res = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, date, who.id), headers: bearer(who.token), payload: { duration: minutes } });
      expect(res.statusCode).toBe(201);
    }
    const all = await ctx.app.inject({ method: 'GET', url: `/api/actions/tasks/${task.id}/time-spents`, headers: bearer(setup.otherArtist.token) });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.total).toBe(135);
    expect(Object.keys(body).sort()).toEqual(['total', setup.artist.id, setup.otherArtist.id].sort());
    expect(body[setup.artist.id]).toHaveLength(2);
    expect(body[setup.otherArtist.id][0]).toMatchObject({ duration: 45, date: '2024-05-01', person_id: setup.otherArtist.id, type: 'TimeSpent' });

    const day = await ctx.app.inject({ method: 'GET', url: `/api/actions/tasks/${task.id}/time-spents/2024-05-02`, headers: bearer(setup.manager.token) });
    expect(day.json()).toEqual({ total: 30, [setup.artist.id]: [expect.objectContaining({ duration: 30, date: '2024-05-02' })] });

    const empty = await ctx.app.inject({ method: 'GET', url: `/api/actions/tasks/${task.id}/time-spents/2020-01-01`, headers: bearer(setup.manager.token) });
    expect(empty.json()).toEqual({ total: 0 });
  });

  it('refuses people outside the project (403), answers 404 for unknown tasks and 400 for bad dates', async () => {
    const task = await shotTask([setup.artist.id]);
    const outsider = await ctx.app.inject({ method: 'GET', url: `/api/actions/tasks/${task.id}/time-spents`, headers: bearer(setup.outsider.token) });
    expect(outsider.statusCode).toBe(403);
    const unknown = await ctx.app.inject({ method: 'GET', url: '/api/actions/tasks/00000000-0000-4000-8000-000000000000/time-spents', headers: bearer(setup.manager.token) });
    expect(unknown.statusCode).toBe(404);
    const badDate = await ctx.app.inject({ method: 'GET', url: `/api/actions/tasks/${task.id}/time-spents/2024-99-99`, headers: bearer(setup.manager.token) });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toBe('Wrong date format.');
  });
});

describe('remove_time_spent (DELETE data/time-spents/<id>) and DELETE on the day path', () => {
  async function logged(minutes: number, date = '2024-06-03') {
    const task = await shotTask([setup.artist.id, setup.otherArtist.id]);
    const res = await ctx.app.inject({ method: 'POST', url: logUrl(task.id, date, setup.artist.id), headers: bearer(setup.artist.token), payload: { duration: minutes } });
    expect(res.statusCode).toBe(201);
    return { task, timeSpent: res.json() as { id: string } };
  }

  it('lets the assignee remove his own time spent: 204, empty body, task duration recomputed', async () => {
    const { task, timeSpent } = await logged(90);
    const res = await ctx.app.inject({ method: 'DELETE', url: `/api/data/time-spents/${timeSpent.id}`, headers: bearer(setup.artist.token) });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await taskDuration(task.id)).toBe(0);
    const again = await ctx.app.inject({ method: 'DELETE', url: `/api/data/time-spents/${timeSpent.id}`, headers: bearer(setup.artist.token) });
    expect(again.statusCode).toBe(404);
    expect(await eventNames(task.id, timeSpent.id)).toEqual(['time-spent:new', 'task:update', 'time-spent:delete', 'task:update']);
  });

  it('lets a manager remove it, refuses another artist (403), 400 on a malformed id', async () => {
    const { timeSpent } = await logged(30);
    const other = await ctx.app.inject({ method: 'DELETE', url: `/api/data/time-spents/${timeSpent.id}`, headers: bearer(setup.otherArtist.token) });
    expect(other.statusCode).toBe(403);
    const manager = await ctx.app.inject({ method: 'DELETE', url: `/api/data/time-spents/${timeSpent.id}`, headers: bearer(setup.manager.token) });
    expect(manager.statusCode).toBe(204);
    const malformed = await ctx.app.inject({ method: 'DELETE', url: '/api/data/time-spents/nope', headers: bearer(setup.manager.token) });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: true, message: 'Malformed ID.' });
  });

  it('DELETE actions/tasks/<id>/time-spents/<date>/persons/<id> answers 201 with the row zeroed, then 404', async () => {
    const { task, timeSpent } = await logged(45, '2024-06-04');
    const url = logUrl(task.id, '2024-06-04', setup.artist.id);
    const res = await ctx.app.inject({ method: 'DELETE', url, headers: bearer(setup.artist.token) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: timeSpent.id, duration: 0, type: 'TimeSpent' });
    expect(await taskDuration(task.id)).toBe(0);
    const again = await ctx.app.inject({ method: 'DELETE', url, headers: bearer(setup.artist.token) });
    expect(again.statusCode).toBe(404);
  });
});
