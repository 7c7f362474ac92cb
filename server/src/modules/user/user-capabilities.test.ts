import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectCapabilities } from '../../../../packages/contracts/src/user.schema.ts';
import { addTeamMember, bearer, createDepartment, createProject, createTaskType, createTestTask, personWithToken } from '../../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createEntity } from '../time-spents/test-fixtures.ts';

/**
 * The user context's `capabilities` against the routes themselves: for every persona, every status and
 * a task assigned to them or not, what the capabilities promise is exactly what the API then allows.
 */

type Persona = Awaited<ReturnType<typeof personWithToken>>;
let ctx: TestContext;
let projectId: string;
let otherProjectId: string;
let departmentId: string;
const people: Record<string, Persona> = {};
let statuses: Array<{ id: string; short_name: string; is_artist_allowed: boolean; is_client_allowed: boolean }>;
let animationTypeId: string;
let shotId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  for (const role of ['manager', 'supervisor', 'user', 'client'] as const) people[role] = await personWithToken(ctx, role);
  people.openSupervisor = await personWithToken(ctx, 'supervisor');
  people.leadArtist = await personWithToken(ctx, 'user');
  people.outsider = await personWithToken(ctx, 'user');
  const department = await createDepartment(ctx, { members: [people.supervisor!.id, people.user!.id] });
  departmentId = department.id;
  const project = await createProject(ctx, {
    team: ['manager', 'supervisor', 'user', 'client', 'openSupervisor'].map((key) => ({ id: people[key]!.id })),
  });
  projectId = project.id;
  // A per-project role: an artist of the studio who supervises this production.
  await addTeamMember(ctx, projectId, people.leadArtist!.id, 'supervisor');
  otherProjectId = (await createProject(ctx, { team: [{ id: people.outsider!.id }] })).id;
  const animation = await createTaskType(ctx, { forEntity: 'Shot' });
  await ctx.db.updateTable('task_type').set({ department_id: departmentId }).where('id', '=', animation.id).execute();
  animationTypeId = animation.id;
  const sequence = await createEntity(ctx, { projectId, kind: 'Sequence', name: 'SQ01' });
  shotId = (await createEntity(ctx, { projectId, kind: 'Shot', parentId: sequence.id, name: 'SH010' })).id;
  // A production's own status that only leads may set, beside the studio's.
  await ctx.db
    .insertInto('task_status')
    .values({ name: 'Lead check', short_name: 'lead', color: '#aa3300', project_id: projectId, is_artist_allowed: false, is_client_allowed: false })
    .execute();
  statuses = await ctx.db
    .selectFrom('task_status')
    .select(['id', 'short_name', 'is_artist_allowed', 'is_client_allowed'])
    .where((eb) => eb.or([eb('project_id', 'is', null), eb('project_id', '=', projectId)]))
    .where('archived', '=', false)
    .execute();
});
afterAll(async () => {
  await ctx.close();
});

async function capabilitiesOf(person: Persona): Promise<Record<string, ProjectCapabilities>> {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/data/user/context', headers: bearer(person.token) });
  expect(res.statusCode).toBe(200);
  return (res.json() as { capabilities: Record<string, ProjectCapabilities> }).capabilities;
}

const supervisesTask = (caps: ProjectCapabilities) => caps.supervises === 'all' || caps.supervises.includes(departmentId);

describe('data/user/context capabilities', () => {
  it('gives each open production of the caller its effective role and rules', async () => {
    const manager = (await capabilitiesOf(people.manager!))[projectId];
    expect(manager).toMatchObject({ role: 'manager', manage: true, act_on_all_tasks: true, supervises: 'all', assign_anyone: true });
    expect(manager!.settable_task_status_ids.sort()).toEqual(statuses.map((s) => s.id).sort());

    const supervisor = (await capabilitiesOf(people.supervisor!))[projectId];
    expect(supervisor).toMatchObject({ role: 'supervisor', manage: false, act_on_all_tasks: false, supervises: [departmentId], assign_anyone: false });
    expect((await capabilitiesOf(people.openSupervisor!))[projectId]).toMatchObject({ supervises: 'all', assign_anyone: true });
    expect((await capabilitiesOf(people.leadArtist!))[projectId]).toMatchObject({ role: 'supervisor', supervises: 'all' });

    const artist = (await capabilitiesOf(people.user!))[projectId];
    expect(artist).toMatchObject({ role: 'user', manage: false, act_on_all_tasks: false, supervises: [], assign_anyone: false });
    expect(artist!.settable_task_status_ids.sort()).toEqual(statuses.filter((s) => s.is_artist_allowed).map((s) => s.id).sort());
    expect(artist!.settable_task_status_ids.length).toBeLessThan(statuses.length);

    const client = (await capabilitiesOf(people.client!))[projectId];
    expect(client).toMatchObject({ role: 'client', act_on_all_tasks: true, supervises: [] });
    expect(client!.settable_task_status_ids.sort()).toEqual(statuses.filter((s) => s.is_client_allowed).map((s) => s.id).sort());
  });

  it('lists only the productions the caller works on (admins: every open one)', async () => {
    const outsider = await capabilitiesOf(people.outsider!);
    expect(Object.keys(outsider)).toEqual([otherProjectId]);
    const admin = await personWithToken(ctx, 'admin');
    const all = await capabilitiesOf(admin);
    expect(all[projectId]).toMatchObject({ role: 'admin', manage: true, supervises: 'all' });
    expect(all[otherProjectId]).toBeDefined();
  });

  it("promises exactly the status changes the comment route then allows, for every persona and status", async () => {
    const mismatches: string[] = [];
    for (const key of ['manager', 'supervisor', 'openSupervisor', 'leadArtist', 'user', 'client']) {
      const person = people[key]!;
      const caps = (await capabilitiesOf(person))[projectId]!;
      for (const assigned of [true, false]) {
        const task = await createTestTask(ctx, { projectId, entityId: shotId, taskTypeId: animationTypeId, name: `${key}-${assigned}`, assignees: assigned ? [person.id] : [] });
        for (const status of statuses) {
          const promised = (caps.act_on_all_tasks || assigned || supervisesTask(caps)) && caps.settable_task_status_ids.includes(status.id);
          const res = await ctx.app.inject({
            method: 'POST',
            url: `/api/actions/tasks/${task.id}/comment`,
            headers: bearer(person.token),
            payload: { task_status_id: status.id, comment: `${key} sets ${status.short_name}` },
          });
          if (res.statusCode !== (promised ? 201 : 403)) mismatches.push(`${key} assigned=${assigned} ${status.short_name}: ${res.statusCode}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('promises exactly the planning changes the task route then allows', async () => {
    const mismatches: string[] = [];
    for (const key of ['manager', 'supervisor', 'openSupervisor', 'leadArtist', 'user', 'client']) {
      const person = people[key]!;
      const caps = (await capabilitiesOf(person))[projectId]!;
      const task = await createTestTask(ctx, { projectId, entityId: shotId, taskTypeId: animationTypeId, name: `plan-${key}` });
      const promised = caps.manage || supervisesTask(caps);
      const res = await ctx.app.inject({
        method: 'PUT',
        url: `/api/data/tasks/${task.id}`,
        headers: bearer(person.token),
        payload: { due_date: '2031-03-04T18:00:00' },
      });
      if (res.statusCode !== (promised ? 200 : 403)) mismatches.push(`${key}: ${res.statusCode}`);
    }
    expect(mismatches).toEqual([]);
  });
});
