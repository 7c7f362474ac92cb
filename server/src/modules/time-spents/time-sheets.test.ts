import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createProject, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createBot, createEntity, productionSetup } from './test-fixtures.ts';

let ctx: TestContext;
let setup: Awaited<ReturnType<typeof productionSetup>>;
/** The artist's time: 2024-03-04 (Mon, ISO week 10) 60 + 30 on two tasks, 2024-03-11 120, 2023-12-29 15 elsewhere. */
let otherProjectTaskId: string;

async function log(taskId: string, date: string, minutes: number) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/actions/tasks/${taskId}/time-spents/${date}/persons/${setup.artist.id}`,
    headers: bearer(setup.artist.token),
    payload: { duration: minutes },
  });
  expect(res.statusCode).toBe(201);
}

beforeAll(async () => {
  ctx = await createTestContext();
  setup = await productionSetup(ctx);
  const shotTask = await createTestTask(ctx, { projectId: setup.project.id, entityId: setup.shot.id, taskTypeId: setup.animation.id, assignees: [setup.artist.id] });
  const assetTask = await createTestTask(ctx, { projectId: setup.project.id, entityId: setup.asset.id, taskTypeId: setup.modeling.id, assignees: [setup.artist.id] });
  const other = await createProject(ctx, { team: [{ id: setup.artist.id }] });
  const otherShot = await createEntity(ctx, { projectId: other.id, kind: 'Shot' });
  const otherTask = await createTestTask(ctx, { projectId: other.id, entityId: otherShot.id, taskTypeId: setup.animation.id, assignees: [setup.artist.id] });
  otherProjectTaskId = otherTask.id;
  await log(shotTask.id, '2024-03-04', 60);
  await log(assetTask.id, '2024-03-04', 30);
  await log(shotTask.id, '2024-03-11', 120);
  await log(otherTask.id, '2023-12-29', 15);
});
afterAll(async () => {
  await ctx.close();
});

const get = (url: string, token: string) => ctx.app.inject({ method: 'GET', url: `/api/${url}`, headers: bearer(token) });

describe("a person's time spents (gazu.person time-spent helpers)", () => {
  it('lists the rows of a day, of a month and of a date range for the person himself', async () => {
    const day = await get(`data/persons/${setup.artist.id}/time-spents/2024-03-04`, setup.artist.token);
    expect(day.statusCode).toBe(200);
    expect(day.json()).toHaveLength(2);
    expect(day.json()[0]).toMatchObject({ person_id: setup.artist.id, date: '2024-03-04', type: 'TimeSpent' });

    const month = await get(`data/persons/${setup.artist.id}/time-spents/month/all/2024/03`, setup.artist.token);
    expect(month.json().map((row: { duration: number }) => row.duration).sort()).toEqual([120, 30, 60]);

    const range = await get(`data/persons/${setup.artist.id}/time-spents?start_date=2023-12-01&end_date=2024-03-04`, setup.artist.token);
    expect(range.json().map((row: { date: string }) => row.date)).toEqual(['2023-12-29', '2024-03-04', '2024-03-04']);

    const all = await get(`data/persons/${setup.artist.id}/time-spents`, setup.artist.token);
    expect(all.json()).toHaveLength(4);
  });

  it('aggregates minutes per task over a week, a month, a year and a day', async () => {
    const week = await get(`data/persons/${setup.artist.id}/time-spents/week/2024/10`, setup.artist.token);
    expect(week.statusCode).toBe(200);
    expect(week.json()).toHaveLength(2);
    const shotRow = week.json().find((row: { entity_name: string }) => row.entity_name === setup.shot.name);
    expect(shotRow).toEqual({
      task_id: expect.any(String),
      task_type_id: setup.animation.id,
      project_id: setup.project.id,
      project_name: setup.project.name,
      entity_name: setup.shot.name,
      entity_type_name: 'Shot',
      sequence_name: setup.sequence.name,
      episode_name: null,
      duration: 60,
    });
    const month = await get(`data/persons/${setup.artist.id}/time-spents/month/2024/03`, setup.artist.token);
    expect(month.json().find((row: { entity_name: string }) => row.entity_name === setup.shot.name).duration).toBe(180);
    const year = await get(`data/persons/${setup.artist.id}/time-spents/year/2023`, setup.artist.token);
    expect(year.json()).toEqual([expect.objectContaining({ duration: 15, task_id: otherProjectTaskId })]);
    const day = await get(`data/persons/${setup.artist.id}/time-spents/day/2024/03/11`, setup.artist.token);
    expect(day.json()).toEqual([expect.objectContaining({ duration: 120 })]);
  });

  it('lets an admin read anything and a manager only the projects he manages', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const byAdmin = await get(`data/persons/${setup.artist.id}/time-spents`, admin.token);
    expect(byAdmin.json()).toHaveLength(4);
    const byManager = await get(`data/persons/${setup.artist.id}/time-spents`, setup.manager.token);
    expect(byManager.statusCode).toBe(200);
    expect(byManager.json()).toHaveLength(3);
    const managerYear = await get(`data/persons/${setup.artist.id}/time-spents/year/2023`, setup.manager.token);
    expect(managerYear.json()).toEqual([]);
  });

  it('refuses other artists (403), bots as targets (403), unknown persons (404) and bad dates (400)', async () => {
    const other = await get(`data/persons/${setup.artist.id}/time-spents/2024-03-04`, setup.otherArtist.token);
    expect(other.statusCode).toBe(403);
    const bot = await createBot(ctx);
    const botTarget = await get(`data/persons/${bot.id}/time-spents/2024-03-04`, bot.token);
    expect(botTarget.statusCode).toBe(403);
    const unknown = await get('data/persons/00000000-0000-4000-8000-000000000000/time-spents/2024-03-04', setup.manager.token);
    expect(unknown.statusCode).toBe(404);
    const badDay = await get(`data/persons/${setup.artist.id}/time-spents/2024-03-40`, setup.artist.token);
    expect(badDay.statusCode).toBe(400);
    const badWeek = await get(`data/persons/${setup.artist.id}/time-spents/week/2024/54`, setup.artist.token);
    expect(badWeek.statusCode).toBe(400);
    const halfRange = await get(`data/persons/${setup.artist.id}/time-spents?start_date=2024-01-01`, setup.artist.token);
    expect(halfRange.statusCode).toBe(400);
    expect(halfRange.json().message).toMatch(/both a `start_date` and an `end_date`/);
  });
});

describe('per-person totals (data/persons/time-spents/*-table)', () => {
  it('gives minutes per unit and person: admins see everyone, artists only themselves', async () => {
    const admin = await personWithToken(ctx, 'admin');
    const days = await get('data/persons/time-spents/day-table/2024/03', admin.token);
    expect(days.statusCode).toBe(200);
    expect(days.json()).toEqual({ '4': { [setup.artist.id]: 90 }, '11': { [setup.artist.id]: 120 } });
    const weeks = await get('data/persons/time-spents/week-table/2024', admin.token);
    expect(weeks.json()).toEqual({ '10': { [setup.artist.id]: 90 }, '11': { [setup.artist.id]: 120 } });
    const months = await get('data/persons/time-spents/month-table/2023', admin.token);
    expect(months.json()).toEqual({ '12': { [setup.artist.id]: 15 } });
    const years = await get('data/persons/time-spents/year-table', setup.manager.token);
    expect(years.json()).toEqual({ '2024': { [setup.artist.id]: 210 } });
    const mine = await get('data/persons/time-spents/year-table', setup.otherArtist.token);
    expect(mine.json()).toEqual({});
  });
});
