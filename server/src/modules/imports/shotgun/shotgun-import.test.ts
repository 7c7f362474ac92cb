import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../../test/support/test-app.ts';
import { member, type Member } from '../../breakdown/breakdown.test-support.ts';

let ctx: TestContext;
let admin: Member;
let manager: Member;

beforeAll(async () => {
  ctx = await createTestContext();
  [admin, manager] = await Promise.all([member(ctx, 'admin'), member(ctx, 'manager')]);
});
afterAll(async () => {
  await ctx.close();
});

const ORDER = ['projects', 'persons', 'steps', 'status', 'sequences', 'assets', 'shots', 'tasks', 'versions', 'notes'] as const;
type SgPayload = Record<(typeof ORDER)[number], Array<Record<string, unknown>>>;

/** A small production as a ShotGrid sync script reads it with `sg.find(...)`, kind by kind. */
function payload(suffix: string): SgPayload {
  const project = { type: 'Project', id: 70, name: `Agent 327 ${suffix}` };
  return {
    projects: [{ ...project, sg_status: 'Active', sg_description: 'Operation Barbershop', sg_type: 'Feature' }],
    persons: [
      { type: 'HumanUser', id: 100, firstname: 'Hjalti', lastname: 'Hjalmarsson', email: `hjalti.${suffix}@blender.test`, login: 'hjalti', sg_status_list: 'act', permission_rule_set: { type: 'PermissionRuleSet', id: 8, name: 'Artist' }, department: { type: 'Department', id: 3, name: `Animation ${suffix}` } },
      { type: 'HumanUser', id: 101, firstname: 'Andy', lastname: 'Goralczyk', email: `andy.${suffix}@blender.test`, login: 'andy', sg_status_list: 'act', permission_rule_set: { type: 'PermissionRuleSet', id: 7, name: 'Manager' }, department: null },
      { type: 'HumanUser', id: 102, firstname: 'Shotgun', lastname: 'Support', email: 'changeme@email.com', login: 'support', sg_status_list: 'dis', permission_rule_set: null, department: null },
    ],
    steps: [
      { type: 'Step', id: 5, code: `Animation ${suffix}`, short_name: 'ANM', color: '255,128,0', entity_type: 'Shot' },
      { type: 'Step', id: 6, code: `Modeling ${suffix}`, short_name: 'MOD', color: '0,0,255', entity_type: 'Asset' },
    ],
    status: [
      { type: 'Status', id: 1, code: 'ip', name: 'In Progress', bg_color: '255,200,0' },
      { type: 'Status', id: 2, code: 'fin', name: 'Final', bg_color: '0,200,0' },
    ],
    sequences: [{ type: 'Sequence', id: 30, code: 'SQ01', description: 'The barber shop', project, episode: null }],
    assets: [
      { type: 'Asset', id: 40, code: 'Agent', description: 'Agent 327', sg_asset_type: 'Character', project, parents: [] },
      { type: 'Asset', id: 41, code: 'Razor', description: null, sg_asset_type: 'Prop', project, parents: [{ type: 'Asset', id: 40, name: 'Agent' }] },
      { type: 'Asset', id: 42, code: 'Orphan', description: null, sg_asset_type: null, project, parents: [] },
    ],
    shots: [
      { type: 'Shot', id: 50, code: 'SH010', description: 'Opening', project, sg_sequence: { type: 'Sequence', id: 30, name: 'SQ01' }, sg_cut_in: 1001, sg_cut_duration: 48, sg_status_list: 'ip', assets: [{ type: 'Asset', id: 40 }, { type: 'Asset', id: 41 }] },
      { type: 'Shot', id: 51, code: 'SH020', description: null, project, sg_sequence: { type: 'Sequence', id: 30, name: 'SQ01' }, sg_cut_in: null, sg_cut_duration: null, sg_status_list: 'wtg' },
    ],
    tasks: [
      { type: 'Task', id: 60, content: 'Animation', cached_display_name: 'Animation', step: { type: 'Step', id: 5 }, project, entity: { type: 'Shot', id: 50, name: 'SH010' }, sg_status_list: 'ip', task_assignees: [{ type: 'HumanUser', id: 100 }, { type: 'Group', id: 9 }], created_by: { type: 'HumanUser', id: 101 }, start_date: '2024-03-04', due_date: '2024-03-08', duration: 960, sg_sort_order: null },
      { type: 'Task', id: 61, content: 'Model', step: { type: 'Step', id: 6 }, project, entity: { type: 'Asset', id: 40, name: 'Agent' }, sg_status_list: 'fin', task_assignees: [], created_by: { type: 'HumanUser', id: 101 }, start_date: null, due_date: null, duration: null, sg_sort_order: 2 },
      { type: 'Task', id: 62, content: 'Planning', step: null, project, entity: null, sg_status_list: 'wtg', task_assignees: [] },
      { type: 'Task', id: 63, content: 'Lost', step: { type: 'Step', id: 5 }, project, entity: { type: 'Shot', id: 999, name: 'SH999' }, sg_status_list: 'ip', task_assignees: [] },
    ],
    versions: [{ type: 'Version', id: 80, code: 'SH010_anim_v001', description: 'First pass', sg_task: { type: 'Task', id: 60 }, user: { type: 'HumanUser', id: 100 }, sg_uploaded_movie: { url: 'https://sg.example/SH010_anim_v001.mov', name: 'SH010_anim_v001.mov' } }],
    notes: [{ type: 'Note', id: 90, content: 'Faster on the razor swing', tasks: [{ type: 'Task', id: 60 }], user: { type: 'HumanUser', id: 101 }, created_at: '2024-03-05T10:11:12Z' }],
  };
}

async function importAll(records: SgPayload) {
  const counts: Record<string, [number, number, number, number]> = {};
  const bodies: Record<string, Array<Record<string, unknown>>> = {};
  for (const kind of ORDER) {
    const res = await admin.api.post(`import/shotgun/${kind}`, records[kind]);
    expect(res.statusCode, `${kind}: ${res.body}`).toBe(200);
    counts[kind] = ['created', 'updated', 'unchanged', 'failed'].map((name) => Number(res.headers[`x-import-${name}`])) as [number, number, number, number];
    bodies[kind] = res.json();
  }
  return { counts, bodies };
}

/** Every row the import touched, with its updated_at: a second run must leave all of them as they are. */
async function importedState() {
  const tables = ['project', 'person', 'task_type', 'task_status', 'entity', 'task', 'preview_file', 'comment'] as const;
  const state: Record<string, unknown> = {};
  for (const table of tables) {
    state[table] = (await sql<{ id: string; updated_at: string }>`
      SELECT id, to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS.US') AS updated_at FROM ${sql.table(table)} WHERE shotgun_id IS NOT NULL ORDER BY id`.execute(ctx.db)).rows;
  }
  state.links = (await sql`SELECT entity_in_id, entity_out_id FROM entity_link ORDER BY 1, 2`.execute(ctx.db)).rows;
  state.assignations = (await sql`SELECT task_id, person_id FROM assignations ORDER BY 1, 2`.execute(ctx.db)).rows;
  state.departments = (await sql`SELECT person_id, department_id FROM department_link ORDER BY 1, 2`.execute(ctx.db)).rows;
  state.errors = (await sql`SELECT id FROM data_import_error ORDER BY 1`.execute(ctx.db)).rows;
  return state;
}

describe('import/shotgun/<kind>', () => {
  it('imports a small production, then changes nothing when the same payload is imported again', async () => {
    const records = payload('one');
    const first = await importAll(records);
    expect(first.counts).toEqual({
      projects: [1, 0, 0, 0], persons: [2, 0, 0, 1], steps: [2, 0, 0, 0], status: [2, 0, 0, 0], sequences: [1, 0, 0, 0],
      assets: [2, 0, 0, 1], shots: [2, 0, 0, 0], tasks: [2, 0, 0, 1], versions: [1, 0, 0, 0], notes: [1, 0, 0, 0],
    });
    const project = first.bodies.projects?.[0];
    expect(project).toMatchObject({ type: 'Project', name: 'Agent 327 one', shotgun_id: 70, data: { sg_description: 'Operation Barbershop', sg_type: 'Feature' } });
    expect(first.bodies.persons?.map((p) => [p.full_name, p.role, p.shotgun_id])).toEqual([['Hjalti Hjalmarsson', 'user', 100], ['Andy Goralczyk', 'manager', 101]]);
    expect(first.bodies.steps?.[0]).toMatchObject({ type: 'TaskType', name: 'Animation one', short_name: 'ANM', color: '#ff8000', for_entity: 'Shot' });
    const [sh010] = first.bodies.shots ?? [];
    expect(sh010).toMatchObject({ type: 'Shot', name: 'SH010', nb_frames: 48, nb_entities_out: 2, data: { frame_in: 1001, frame_out: 1049, sg_status_list: 'ip' } });
    const [animation] = first.bodies.tasks ?? [];
    expect(animation).toMatchObject({ type: 'Task', name: 'Animation', entity_id: sh010?.id, start_date: '2024-03-04T00:00:00', due_date: '2024-03-08T00:00:00', duration: 960 });
    const hjalti = first.bodies.persons?.[0]?.id;
    expect(animation?.assignees).toEqual([hjalti]);
    expect(first.bodies.versions?.[0]).toMatchObject({ type: 'PreviewFile', name: 'SH010_anim_v001', task_id: animation?.id, source: 'Shotgun', uploaded_movie_name: 'SH010_anim_v001.mov' });
    expect(first.bodies.notes?.[0]).toMatchObject({ type: 'Comment', text: 'Faster on the razor swing', object_id: animation?.id, created_at: '2024-03-05T10:11:12' });
    // Razor's `parents` cast it into Agent.
    const agent = first.bodies.assets?.find((asset) => asset.name === 'Agent');
    expect(agent).toMatchObject({ nb_entities_out: 1 });

    const before = await importedState();
    const second = await importAll(records);
    expect(second.counts).toEqual({
      projects: [0, 0, 1, 0], persons: [0, 0, 2, 1], steps: [0, 0, 2, 0], status: [0, 0, 2, 0], sequences: [0, 0, 1, 0],
      assets: [0, 0, 2, 1], shots: [0, 0, 2, 0], tasks: [0, 0, 2, 1], versions: [0, 0, 1, 0], notes: [0, 0, 1, 0],
    });
    expect(await importedState()).toEqual(before);
    expect(second.bodies).toEqual(first.bodies);
  });

  it('updates what changed in ShotGrid, by ShotGrid id', async () => {
    const records = payload('two');
    await importAll(records);
    records.shots[0] = { ...records.shots[0], code: 'SH010_renamed', assets: [{ type: 'Asset', id: 40 }] };
    records.tasks[0] = { ...records.tasks[0], sg_status_list: 'fin', task_assignees: [{ type: 'HumanUser', id: 101 }] };
    const shots = await admin.api.post('import/shotgun/shots', records.shots);
    expect([shots.headers['x-import-created'], shots.headers['x-import-updated'], shots.headers['x-import-unchanged']]).toEqual(['0', '1', '1']);
    expect(shots.json()[0]).toMatchObject({ name: 'SH010_renamed', nb_entities_out: 1 });
    const tasks = await admin.api.post('import/shotgun/tasks', records.tasks);
    expect(tasks.headers['x-import-updated']).toBe('1');
    const andy = (await ctx.db.selectFrom('person').select('id').where('email', '=', 'andy.two@blender.test').executeTakeFirstOrThrow()).id;
    expect(tasks.json()[0]).toMatchObject({ assignees: [andy] });
  });

  it('keeps rejected records in import/shotgun/errors, once per record and reason', async () => {
    const errorsRes = await admin.api.get('import/shotgun/errors');
    expect(errorsRes.statusCode).toBe(200);
    const errors = errorsRes.json() as Array<{ id: string; type: string; event_data: { import: string; message: string; data: { id: number } } }>;
    const messages = errors.map((error) => [error.event_data.import, error.event_data.data.id, error.event_data.message]);
    expect(messages).toEqual(expect.arrayContaining([
      ['persons', 102, 'This entry is not a real person (changeme@email.com)'],
      ['assets', 42, 'sg_asset_type is required'],
      ['tasks', 63, 'The Shot SH999 of the task has not been imported'],
    ]));
    expect(errors.filter((error) => error.event_data.data.id === 102)).toHaveLength(1);

    const posted = await admin.api.post('import/shotgun/errors', { event: 'Shot.Change', entity: { id: 5 } });
    expect(posted.statusCode).toBe(201);
    expect(posted.json()).toMatchObject({ type: 'DataImportError', source: 'shotgun', event_data: { event: 'Shot.Change' } });
    expect((await admin.api.del(`import/shotgun/errors/${posted.json().id}`)).statusCode).toBe(204);
    expect((await admin.api.del(`import/shotgun/errors/${posted.json().id}`)).statusCode).toBe(404);
  });

  it('is for admins only, and wants a JSON list', async () => {
    expect((await manager.api.post('import/shotgun/projects', payload('three').projects)).statusCode).toBe(403);
    expect((await manager.api.get('import/shotgun/errors')).statusCode).toBe(403);
    expect((await admin.api.post('import/shotgun/projects', { id: 1, name: 'Not a list' })).statusCode).toBe(400);
    expect((await ctx.db.selectFrom('project').select('id').where('name', '=', 'Agent 327 three').execute())).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('documents the CSV and ShotGrid import routes with their columns and fields', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, { post?: { description?: string } }> };
    for (const path of ['shots', 'assets', 'casting']) expect(doc.paths[`/api/import/csv/projects/{project_id}/${path}`]?.post?.description).toMatch(/Columns:/);
    expect(doc.paths['/api/import/csv/persons']?.post?.description).toMatch(/Email/);
    expect(doc.paths['/api/import/csv/projects/{project_id}/task-types/{task_type_id}/estimations']?.post?.description).toMatch(/Estimation \(days\)/);
    for (const kind of ORDER) expect(doc.paths[`/api/import/shotgun/${kind}`]?.post?.description).toMatch(/Idempotent by ShotGrid id/);
  });
});
