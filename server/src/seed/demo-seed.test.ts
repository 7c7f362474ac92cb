import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-app.ts';
import { DEMO_PEOPLE, DEMO_PROJECT_NAME, runDemoSeed } from './demo-seed.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

async function loginAs(email: string, password: string) {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  expect(response.statusCode, email).toBe(200);
  return { authorization: `Bearer ${response.json().access_token as string}` };
}

describe('rushes seed --demo', () => {
  it('creates a populated production, the first admin and demo accounts that log in with the printed passwords', async () => {
    const lines: string[] = [];
    const result = await runDemoSeed(ctx.db, { adminEmail: 'admin@demo.test', adminPassword: 'admin-password', minPasswordLength: 8 }, (line) => lines.push(line));
    expect(result).toMatchObject({ created: true, projectName: DEMO_PROJECT_NAME, shots: 60, assets: 15 });
    expect(result.tasks).toBeGreaterThan(200);
    for (const person of DEMO_PEOPLE) expect(lines.some((line) => line.includes(person.email) && line.includes(person.password))).toBe(true);

    const admin = await loginAs('admin@demo.test', 'admin-password');
    const coordinator = await loginAs(DEMO_PEOPLE[0]!.email, DEMO_PEOPLE[0]!.password);
    const shots = await ctx.app.inject({ url: `/api/data/shots/with-tasks?project_id=${result.projectId}`, headers: coordinator });
    expect(shots.statusCode).toBe(200);
    const rows = shots.json() as Array<{ sequence_name: string; tasks: unknown[] }>;
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((row) => row.sequence_name)).size).toBe(5);
    // Some cells are left empty for the web app to fill.
    expect(rows.some((row) => row.tasks.length < 4)).toBe(true);

    const statuses = await ctx.app.inject({ url: `/api/projects/${result.projectId}/task-statuses`, headers: admin });
    expect(statuses.json().statuses.map((status: { name: string }) => status.name)).toEqual(['Pending Review', 'Blocked']);
    const risks = await ctx.app.inject({ url: `/api/data/projects/${result.projectId}/schedule-risks`, headers: admin });
    expect(risks.statusCode).toBe(200);

    const artist = await loginAs('alice@demo.rushes.local', 'demo-artist');
    const todo = await ctx.app.inject({ url: '/api/data/user/tasks', headers: artist });
    expect((todo.json() as unknown[]).length).toBeGreaterThan(10);
  });

  it('puts every task type in a department, so the supervisor persona reviews their department', async () => {
    const project = await ctx.db.selectFrom('project').select('id').where('name', '=', DEMO_PROJECT_NAME).executeTakeFirstOrThrow();
    const types = await ctx.db
      .selectFrom('task').innerJoin('task_type', 'task_type.id', 'task.task_type_id').leftJoin('department', 'department.id', 'task_type.department_id')
      .select(['task_type.name as type', 'department.name as department']).distinct()
      .where('task.project_id', '=', project.id).execute();
    expect(types.length).toBeGreaterThan(5);
    for (const type of types) expect(type.department, type.type).not.toBeNull();

    const supervisor = await loginAs('supervisor@demo.rushes.local', 'demo-supervisor');
    const animationTask = await ctx.db
      .selectFrom('task').innerJoin('task_type', 'task_type.id', 'task.task_type_id')
      .select('task.id').where('task.project_id', '=', project.id).where('task_type.name', '=', 'Animation').executeTakeFirstOrThrow();
    const status = await ctx.db.selectFrom('task_status').select('id').where('system_key', '=', 'in_progress').executeTakeFirstOrThrow();
    const comment = await ctx.app.inject({
      method: 'POST', url: `/api/actions/tasks/${animationTask.id}/comment`, headers: supervisor, payload: { task_status_id: status.id, comment: 'Looks good, keep going.' },
    });
    expect(comment.statusCode, comment.body).toBe(201);
  });

  it('logs plausible time: no one works more than 8 hours a day', async () => {
    const days = await ctx.db
      .selectFrom('time_spent').select(['person_id', 'date', (eb) => eb.fn.sum<string>('duration').as('minutes')])
      .groupBy(['person_id', 'date']).execute();
    expect(days.length).toBeGreaterThan(10);
    for (const day of days) expect(Number(day.minutes)).toBeLessThanOrEqual(8 * 60);
  });

  it('leaves an existing demo production alone', async () => {
    const lines: string[] = [];
    const again = await runDemoSeed(ctx.db, { minPasswordLength: 8 }, (line) => lines.push(line));
    expect(again.created).toBe(false);
    expect(lines[0]).toContain('already exists');
    const projects = await ctx.db.selectFrom('project').select('id').where('name', '=', DEMO_PROJECT_NAME).execute();
    expect(projects).toHaveLength(1);
  });
});
