import { normaliseRole } from '../../platform/auth/actor.ts';
import type { TestContext } from '../../../../test/support/test-app.ts';
import {
  createAssetEntity,
  createPerson,
  createProject,
  createShotEntity,
  createTaskType,
  linkProjectTaskTypes,
  tokenFor,
  uniqueSuffix,
} from '../../../../test/support/factories.ts';

export interface Caller {
  id: string;
  token: string;
}

async function caller(ctx: TestContext, options: Parameters<typeof createPerson>[1]): Promise<Caller> {
  const person = await createPerson(ctx, options);
  return { id: person.id, token: await tokenFor(ctx, person) };
}

/**
 * A project as the studio tests need it: a coordinator (created with the studio word "coordinator",
 * stored as manager), an artist and an admin-less team; a manager outside it; shot task types Layout
 * and Animation and asset task type Modeling linked to the project; one shot and one asset.
 */
export async function studioProject(ctx: TestContext) {
  const coordinatorRole = normaliseRole('coordinator');
  if (coordinatorRole !== 'manager') throw new Error('"coordinator" must be stored as manager');
  const coordinator = await caller(ctx, { role: coordinatorRole, firstName: 'Cora', lastName: 'Ordinator' });
  const artist = await caller(ctx, { role: 'user' });
  const supervisor = await caller(ctx, { role: 'supervisor' });
  const outsider = await caller(ctx, { role: 'manager' });
  const admin = await caller(ctx, { role: 'admin' });
  const project = await createProject(ctx, {
    team: [{ id: coordinator.id }, { id: artist.id }, { id: supervisor.id }],
  });
  const suffix = uniqueSuffix();
  const layout = await createTaskType(ctx, { name: `Layout ${suffix}`, shortName: `lay${suffix}`, forEntity: 'Shot' });
  const animation = await createTaskType(ctx, { name: `Animation ${suffix}`, shortName: `anim${suffix}`, forEntity: 'Shot' });
  const modeling = await createTaskType(ctx, { name: `Modeling ${suffix}`, shortName: `mod${suffix}`, forEntity: 'Asset' });
  await linkProjectTaskTypes(ctx, project.id, [layout.id, animation.id, modeling.id]);
  const shot = await createShotEntity(ctx, project.id, { name: `SH010_${suffix}` });
  const asset = await createAssetEntity(ctx, project.id, { name: `Hero ${suffix}` });
  return { project, coordinator, artist, supervisor, outsider, admin, layout, animation, modeling, shot, asset };
}

export type StudioProject = Awaited<ReturnType<typeof studioProject>>;

export async function statusIdOf(ctx: TestContext, systemKey: string): Promise<string> {
  const row = await ctx.db.selectFrom('task_status').select('id').where('system_key', '=', systemKey).executeTakeFirstOrThrow();
  return row.id;
}
