import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createDepartment, uniqueSuffix } from '../../../../test/support/factories.ts';
import { csvProduction, type CsvProduction } from '../exports/csv-production.fixtures.ts';
import { csvText, postCsv } from './csv-import.test-support.ts';
import { addBusinessDays } from './estimations-import.service.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const personByEmail = (email: string) => ctx.db.selectFrom('person').selectAll().where('email', '=', email).executeTakeFirst();

describe('import/csv/persons', () => {
  it('creates people with roles and departments (labels or codes), and updates them only with update=true', async () => {
    const p = await csvProduction(ctx);
    const suffix = uniqueSuffix();
    const animation = await createDepartment(ctx, { name: `Animation ${suffix}` });
    const studio = await ctx.db.insertInto('studio').values({ name: `Paris ${suffix}`, color: '#000000' }).returning('id').executeTakeFirstOrThrow();
    const email = `jane.${suffix}@studio.test`;
    const file = csvText([
      ['First Name', 'Last Name', 'Email', 'Phone', 'Role', 'Departments', 'Studio', 'Country', 'Contract Type', 'Position', 'Seniority', 'Daily Salary', 'Active'],
      ['Jane', 'Doe', email.toUpperCase(), '+33 1 23', 'Production Manager', animation.name, `Paris ${suffix}`, 'fr', 'Freelance', 'lead', 'Senior', '320', 'yes'],
      ['John', 'Roe', `john.${suffix}@studio.test`, '', '', '', '', '', '', '', '', '', 'no'],
    ]);
    const res = await postCsv(ctx, p.admin.token, 'import/csv/persons', file);
    expect(res.statusCode).toBe(201);
    const [jane, john] = res.json() as Array<Record<string, unknown>>;
    expect(jane).toMatchObject({
      type: 'Person', first_name: 'Jane', last_name: 'Doe', email, phone: '+33 1 23', role: 'manager', country: 'FR', contract_type: 'freelance',
      position: 'lead', seniority: 'senior', daily_salary: 320, active: true, studio_id: studio.id, departments: [animation.id], full_name: 'Jane Doe',
    });
    expect(jane).not.toHaveProperty('password');
    expect(john).toMatchObject({ role: 'user', active: false, contract_type: 'open-ended' });
    expect((await personByEmail(email))?.password).toBeNull();

    const change = csvText([['First Name', 'Last Name', 'Email', 'Role'], ['Janet', 'Doe', email, 'Supervisor']]);
    expect((await postCsv(ctx, p.admin.token, 'import/csv/persons', change)).json()[0]).toMatchObject({ first_name: 'Jane', role: 'manager' });
    expect((await postCsv(ctx, p.admin.token, 'import/csv/persons?update=true', change)).json()[0]).toMatchObject({ first_name: 'Janet', role: 'supervisor', departments: [animation.id] });
  });

  it('round-trips the persons export, refuses unknown departments with the line, and is for admins only', async () => {
    const p = await csvProduction(ctx);
    const exported = await p.admin.api.get('export/csv/persons.csv');
    const before = await ctx.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const reimport = await postCsv(ctx, p.admin.token, 'import/csv/persons?update=true', exported.body);
    expect(reimport.statusCode).toBe(201);
    const after = await ctx.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const bad = csvText([['First Name', 'Last Name', 'Email', 'Departments'], ['A', 'B', `a.${uniqueSuffix()}@studio.test`, ''], ['C', 'D', `c.${uniqueSuffix()}@studio.test`, 'Nowhere']]);
    expect((await postCsv(ctx, p.admin.token, 'import/csv/persons', bad)).json()).toEqual({ error: true, message: 'Department not found: Nowhere', line_number: 3, imported_rows: 0 });
    expect((await postCsv(ctx, p.manager.token, 'import/csv/persons', bad)).statusCode).toBe(403);
    expect((await postCsv(ctx, p.artist.token, 'import/csv/persons', bad)).statusCode).toBe(403);
  });
});

describe('import/csv/projects/<id>/task-types/<id>/estimations', () => {
  let p: CsvProduction;
  beforeAll(async () => {
    p = await csvProduction(ctx);
  });

  const path = (taskTypeId: string) => `import/csv/projects/${p.project.id}/task-types/${taskTypeId}/estimations`;
  const taskOf = async (entityName: string, parentId: string | null, taskTypeId: string) =>
    ctx.db
      .selectFrom('task as t')
      .innerJoin('entity as e', 'e.id', 't.entity_id')
      .select(['t.estimation', 't.nb_drawings', 't.start_date', 't.due_date', 't.difficulty'])
      .where('e.project_id', '=', p.project.id)
      .where('e.name', '=', entityName)
      .where((eb) => (parentId === null ? eb.val(true) : eb('e.parent_id', '=', parentId)))
      .where('t.task_type_id', '=', taskTypeId)
      .executeTakeFirstOrThrow();

  it('sets estimations in days (hours_by_day), drawings, dates (due date from business days) and difficulty', async () => {
    const file = csvText([
      ['Parent', 'Entity', 'Estimation', 'Drawings', 'Start date', 'Due date', 'Difficulty'],
      ['SQ01', 'SH010', '1.5', '12', '2024-03-01', '', '4'],
      ['SQ01', 'SH020', '2', '', '', '2024-04-10', ''],
    ]);
    const res = await postCsv(ctx, p.manager.token, path(p.taskTypes.layout.id), file);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toHaveLength(2);
    const sequence = await ctx.db.selectFrom('entity').select('id').where('project_id', '=', p.project.id).where('name', '=', 'SQ01').executeTakeFirstOrThrow();
    // 1.5 days of 8 hours; Friday 1 March + 0.5 business day → Monday 4 March.
    expect(await taskOf('SH010', sequence.id, p.taskTypes.layout.id)).toEqual({ estimation: 720, nb_drawings: 12, start_date: '2024-03-01T00:00:00', due_date: '2024-03-04T00:00:00', difficulty: 4 });
    expect(await taskOf('SH020', sequence.id, p.taskTypes.layout.id)).toMatchObject({ estimation: 960, due_date: '2024-04-10T00:00:00', difficulty: 3 });
    expect(addBusinessDays('2024-03-01', 5)).toBe('2024-03-08');
  });

  it('matches assets by asset type and name, and reports entities without such a task', async () => {
    const ok = await postCsv(ctx, p.manager.token, path(p.taskTypes.rigging.id), csvText([['Parent', 'Entity', 'Estimation'], ['Character', 'Hero', '3']]));
    expect(ok.statusCode).toBe(201);
    expect(await taskOf('Hero', null, p.taskTypes.rigging.id)).toMatchObject({ estimation: 1440 });
    const prop = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', 'Prop').executeTakeFirstOrThrow();
    await ctx.db.insertInto('entity').values({ project_id: p.project.id, entity_type_id: prop.id, name: 'Shield' }).execute();
    const missing = await postCsv(ctx, p.manager.token, path(p.taskTypes.rigging.id), csvText([['Parent', 'Entity', 'Estimation'], ['Character', 'Hero', '3'], ['Prop', 'Shield', '1']]));
    expect(missing.json()).toEqual({ error: true, message: `'Prop / Shield' has no ${p.taskTypes.rigging.name} task`, line_number: 3, imported_rows: 0 });
    const unknown = await postCsv(ctx, p.manager.token, path(p.taskTypes.rigging.id), csvText([['Parent', 'Entity'], ['Character', 'Nobody']]));
    expect(unknown.json()).toMatchObject({ message: "Entity 'Nobody' with parent 'Character' not found", line_number: 2 });
  });

  it('lets managers and supervisors of the task type import, not artists', async () => {
    const file = csvText([['Parent', 'Entity', 'Estimation'], ['SQ01', 'SH010', '1']]);
    expect((await postCsv(ctx, p.artist.token, path(p.taskTypes.layout.id), file)).statusCode).toBe(403);
    const department = await createDepartment(ctx);
    await ctx.db.updateTable('task_type').set({ department_id: department.id }).where('id', '=', p.taskTypes.layout.id).execute();
    const supervisor = await ctx.db.insertInto('person').values({ first_name: 'Sue', last_name: 'Pervisor', email: `sue.${uniqueSuffix()}@studio.test`, role: 'supervisor' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('project_person_link').values({ project_id: p.project.id, person_id: supervisor.id }).execute();
    await ctx.db.insertInto('department_link').values({ person_id: supervisor.id, department_id: department.id }).execute();
    const token = await ctx.deps.tokens.issueLoginTokens(supervisor.id, 'script');
    expect((await postCsv(ctx, token.access_token, path(p.taskTypes.layout.id), file)).statusCode).toBe(201);
    const otherDepartment = await createDepartment(ctx);
    await ctx.db.updateTable('task_type').set({ department_id: otherDepartment.id }).where('id', '=', p.taskTypes.layout.id).execute();
    expect((await postCsv(ctx, token.access_token, path(p.taskTypes.layout.id), file)).statusCode).toBe(403);
  });
});
