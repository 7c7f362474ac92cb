import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { csvProductionSettings, type CsvProduction } from '../exports/csv-production.fixtures.ts';
import { eventsNamed } from '../breakdown/breakdown.test-support.ts';
import { csvText, postCsv } from './csv-import.test-support.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const shotsPath = (p: CsvProduction, query = '') => `import/csv/projects/${p.project.id}/shots${query}`;

/** The shots of a production as a readable table: episode/sequence/name, frames, data, tasks. */
async function shotsOf(p: CsvProduction) {
  const result = await sql<{ path: string; description: string | null; nb_frames: number | null; data: Record<string, unknown>; tasks: Record<string, { status: string; assignees: string[] }> | null }>`
    SELECT concat_ws('/', ep.name, sq.name, s.name) AS path, s.description, s.nb_frames, s.data,
           (SELECT json_object_agg(tt.name, json_build_object('status', ts.short_name,
                     'assignees', (SELECT coalesce(json_agg(p.first_name ORDER BY p.first_name), '[]') FROM assignations a JOIN person p ON p.id = a.person_id WHERE a.task_id = t.id)))
              FROM task t JOIN task_type tt ON tt.id = t.task_type_id JOIN task_status ts ON ts.id = t.task_status_id WHERE t.entity_id = s.id) AS tasks
      FROM entity s JOIN entity_type et ON et.id = s.entity_type_id AND et.name = 'Shot'
      LEFT JOIN entity sq ON sq.id = s.parent_id LEFT JOIN entity ep ON ep.id = sq.parent_id
     WHERE s.project_id = ${p.project.id} ORDER BY 1`.execute(ctx.db);
  return result.rows;
}

const count = async (table: 'entity' | 'task' | 'comment' | 'assignations', projectId: string) => {
  const where = table === 'assignations'
    ? sql`task_id IN (SELECT id FROM task WHERE project_id = ${projectId})`
    : table === 'comment' ? sql`object_id IN (SELECT id FROM task WHERE project_id = ${projectId})` : sql`project_id = ${projectId}`;
  return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(ctx.db)).rows[0]?.n;
};

describe('import/csv/projects/<id>/shots', () => {
  it('creates episodes, sequences and shots with frames, metadata, statuses, comments and assignees', async () => {
    const p = await csvProductionSettings(ctx, { tvShow: true });
    const { layout, animation } = p.taskTypes;
    const file = csvText([
      ['Episode', 'Sequence', 'Name', 'Description', 'Frame In', 'Frame Out', 'FPS', 'Camera', 'Stereo', layout.name, `${layout.name} comment`, `${layout.name} assignations`],
      ['E01', 'SQ01', 'SH010', 'First shot', '1001', '1048', '24', 'cam_A', 'yes', 'wip', 'Blocking started', `${p.people.alice.name}, ${p.people.bob.email}`],
      ['E01', 'SQ01', 'SH020', '', '1', '10', '', '', 'no', 'Done', '', ''],
      ['E02', 'SQ01', 'SH010', 'Same names, other episode', '', '', '', '', '', '', '', ''],
    ]);
    const res = await postCsv(ctx, p.manager.token, shotsPath(p), file);
    expect(res.statusCode).toBe(201);
    const rows = res.json() as Array<Record<string, unknown>>;
    expect(rows.map((row) => [row.type, row.name])).toEqual([['Shot', 'SH010'], ['Shot', 'SH020'], ['Shot', 'SH010']]);

    const shots = await shotsOf(p);
    const alice = p.people.alice.name.split(' ')[0];
    const bob = p.people.bob.name.split(' ')[0];
    expect(shots).toEqual([
      {
        path: 'E01/SQ01/SH010', description: 'First shot', nb_frames: 48, data: { frame_in: 1001, frame_out: 1048, fps: '24', camera: 'cam_A', stereo: 'true' },
        tasks: { [layout.name]: { status: 'wip', assignees: [alice, bob].sort() }, [animation.name]: { status: 'todo', assignees: [] } },
      },
      {
        path: 'E01/SQ01/SH020', description: '', nb_frames: 10, data: { frame_in: 1, frame_out: 10, fps: '', camera: '', stereo: 'false' },
        tasks: { [layout.name]: { status: 'done', assignees: [] }, [animation.name]: { status: 'todo', assignees: [] } },
      },
      {
        path: 'E02/SQ01/SH010', description: 'Same names, other episode', nb_frames: null, data: { fps: '', camera: '', stereo: '' },
        tasks: { [layout.name]: { status: 'todo', assignees: [] }, [animation.name]: { status: 'todo', assignees: [] } },
      },
    ]);
    // The status change is a comment by the importer, carrying the comment text.
    const comments = await sql<{ text: string; short_name: string; person_id: string }>`
      SELECT c.text, ts.short_name, c.person_id FROM comment c JOIN task_status ts ON ts.id = c.task_status_id
        JOIN task t ON t.id = c.object_id WHERE t.project_id = ${p.project.id} ORDER BY ts.short_name`.execute(ctx.db);
    expect(comments.rows).toEqual([
      { text: '', short_name: 'done', person_id: p.manager.id },
      { text: 'Blocking started', short_name: 'wip', person_id: p.manager.id },
    ]);
    const newShots = (await eventsNamed(ctx, 'shot:new')).filter((event) => event.project_id === p.project.id);
    expect(newShots).toHaveLength(3);
    expect((await eventsNamed(ctx, 'episode:new')).filter((event) => event.project_id === p.project.id)).toHaveLength(2);
    // The assignees joined the team.
    const team = await ctx.db.selectFrom('project_person_link').select('person_id').where('project_id', '=', p.project.id).execute();
    expect(team.map((row) => row.person_id)).toEqual(expect.arrayContaining([p.people.alice.id, p.people.bob.id]));
  });

  it('leaves existing shots untouched without update=true, and updates them (merging data) with it', async () => {
    const p = await csvProductionSettings(ctx);
    const first = csvText([['Sequence', 'Name', 'Description', 'Frames', 'Camera'], ['SQ01', 'SH010', 'v1', '12', 'cam_A']]);
    expect((await postCsv(ctx, p.manager.token, shotsPath(p), first)).statusCode).toBe(201);
    const second = csvText([['Sequence', 'Name', 'Description', 'FPS', p.taskTypes.layout.name], ['SQ01', 'SH010', 'v2', '25', 'wfa']]);
    const untouched = await postCsv(ctx, p.manager.token, shotsPath(p), second);
    expect(untouched.statusCode).toBe(201);
    expect(untouched.json()[0]).toMatchObject({ description: 'v1', nb_frames: 12 });
    expect((await shotsOf(p))[0]).toMatchObject({ description: 'v1', data: { camera: 'cam_A' } });

    const updated = await postCsv(ctx, p.manager.token, shotsPath(p, '?update=true'), second);
    expect(updated.statusCode).toBe(201);
    expect((await shotsOf(p))[0]).toMatchObject({
      description: 'v2', nb_frames: 12, data: { camera: 'cam_A', fps: '25' },
      tasks: { [p.taskTypes.layout.name]: { status: 'wfa' } },
    });
  });

  it('imports nothing when a row fails, and names the line (header = line 1, multi-line cells counted)', async () => {
    const p = await csvProductionSettings(ctx);
    const file = csvText([
      ['Sequence', 'Name', 'Description', 'Frame In', p.taskTypes.layout.name],
      ['SQ01', 'SH010', 'two\nlines', '1', 'wip'],
      ['SQ01', 'SH020', '', '2', 'wip'],
      ['SQ01', 'SH030', '', 'x12', 'wip'],
      ['SQ01', 'SH040', '', '4', 'wip'],
    ]);
    const res = await postCsv(ctx, p.manager.token, shotsPath(p), file);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: true, message: "frame_in must be an integer, got 'x12'", line_number: 5, imported_rows: 0 });
    expect(await count('entity', p.project.id)).toBe(0);

    const badStatus = csvText([['Sequence', 'Name', p.taskTypes.layout.name], ['SQ01', 'SH010', 'wip'], ['SQ01', 'SH020', 'Nope']]);
    const second = await postCsv(ctx, p.manager.token, shotsPath(p), badStatus);
    expect(second.json()).toEqual({ error: true, message: 'Task status not found for Nope', line_number: 3, imported_rows: 0 });
    const missing = await postCsv(ctx, p.manager.token, shotsPath(p), csvText([['Name'], ['SH010']]));
    expect(missing.json()).toMatchObject({ message: 'A column is missing: Sequence', line_number: 1 });
    const unknownPerson = csvText([['Sequence', 'Name', `${p.taskTypes.layout.name} assignations`], ['SQ01', 'SH010', 'Nobody Here']]);
    expect((await postCsv(ctx, p.manager.token, shotsPath(p), unknownPerson)).json()).toMatchObject({ message: 'Person not found for Nobody Here', line_number: 2 });
    expect(await count('entity', p.project.id)).toBe(0);
    expect(await count('task', p.project.id)).toBe(0);
  });

  it('reports a database-level failure on its line too (a name longer than the column allows)', async () => {
    const p = await csvProductionSettings(ctx);
    const file = csvText([['Sequence', 'Name'], ['SQ01', 'SH010'], ['SQ01', 'SH020'], ['SQ01', 'S'.repeat(200)], ['SQ01', 'SH040']]);
    const res = await postCsv(ctx, p.manager.token, shotsPath(p), file);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: true, line_number: 4, imported_rows: 0 });
    expect(res.json().message).toMatch(/value too long/);
    expect(await count('entity', p.project.id)).toBe(0);
  });

  it('reads comma-delimited files with a BOM and Windows line ends, and restores formula-neutralised cells', async () => {
    const p = await csvProductionSettings(ctx);
    const file = `\ufeff${csvText([['Sequence', 'Name', 'Description'], ['SQ01', 'SH010', "'=HYPERLINK(\"x\";\"y\")"], ['SQ01', 'SH020', 'a, b']], ',')}`;
    const res = await postCsv(ctx, p.manager.token, shotsPath(p), file);
    expect(res.statusCode).toBe(201);
    expect((await shotsOf(p)).map((shot) => shot.description)).toEqual(['=HYPERLINK("x";"y")', 'a, b']);
  });

  it('previews an import with dry_run=true: what would be created or updated, nothing written, no event', async () => {
    const p = await csvProductionSettings(ctx);
    const file = csvText([['Sequence', 'Name', 'Description'], ['SQ01', 'SH010', 'v1'], ['SQ01', 'SH020', 'v1']]);
    const preview = await postCsv(ctx, p.manager.token, shotsPath(p, '?dry_run=true'), file);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ dry_run: true, created: 2, updated: 0, unchanged: 0 });
    expect(preview.json().rows.map((row: { name: string; import_action: string }) => [row.name, row.import_action])).toEqual([['SH010', 'created'], ['SH020', 'created']]);
    expect(await count('entity', p.project.id)).toBe(0);
    const events = await ctx.db.selectFrom('api_event').select('id').where('project_id', '=', p.project.id).execute();
    expect(events).toEqual([]);

    expect((await postCsv(ctx, p.manager.token, shotsPath(p), file)).statusCode).toBe(201);
    const changed = csvText([['Sequence', 'Name', 'Description'], ['SQ01', 'SH010', 'v2'], ['SQ01', 'SH030', 'new']]);
    const second = await postCsv(ctx, p.manager.token, shotsPath(p, '?update=true&dry_run=true'), changed);
    expect(second.json()).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    expect((await postCsv(ctx, p.manager.token, shotsPath(p, '?dry_run=true'), changed)).json()).toMatchObject({ created: 1, updated: 0, unchanged: 1 });
    expect((await shotsOf(p)).map((shot) => [shot.path, shot.description])).toEqual([['SQ01/SH010', 'v1'], ['SQ01/SH020', 'v1']]);
  });

  it('lets only managers of the project import', async () => {
    const p = await csvProductionSettings(ctx);
    const file = csvText([['Sequence', 'Name'], ['SQ01', 'SH010']]);
    expect((await postCsv(ctx, p.artist.token, shotsPath(p), file)).statusCode).toBe(403);
    expect((await postCsv(ctx, p.vendor.token, shotsPath(p), file)).statusCode).toBe(403);
    expect((await postCsv(ctx, p.outsider.token, shotsPath(p), file)).statusCode).toBe(403);
    expect((await postCsv(ctx, p.admin.token, shotsPath(p), file)).statusCode).toBe(201);
    expect(await count('entity', p.project.id)).toBe(2);
  });

  it('refuses a PNG posted as CSV (415), a request without a file part (400)', async () => {
    const p = await csvProductionSettings(ctx);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const res = await postCsv(ctx, p.manager.token, shotsPath(p), png, { filename: 'shots.csv' });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toMatch(/not a CSV text file \(it looks like a PNG image\)/);
    const wrongField = await postCsv(ctx, p.manager.token, shotsPath(p), 'Sequence;Name\r\n', { field: 'upload' });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().message).toMatch(/field named "file"/);
    const json = await ctx.app.inject({ method: 'POST', url: `/api/${shotsPath(p)}`, headers: { authorization: `Bearer ${p.manager.token}`, 'content-type': 'application/json' }, payload: '{}' });
    expect(json.statusCode).toBe(400);
    const latin1 = await postCsv(ctx, p.manager.token, shotsPath(p), Buffer.from('Sequence;Name;Description\r\nSQ01;SH010;Caf\xe9\r\n', 'latin1'));
    expect(latin1.statusCode).toBe(400);
    expect(latin1.json().message).toMatch(/UTF-8/);
    expect(await count('entity', p.project.id)).toBe(0);
  });
});

describe('upload size limit', () => {
  it('answers 413 past RUSHES_MAX_CSV_BYTES and stores nothing', async () => {
    const small = await createTestContext({ uploads: { ...ctx.config.uploads, maxCsvBytes: 1024 } });
    try {
      const p = await csvProductionSettings(small);
      const rows = [['Sequence', 'Name'], ...Array.from({ length: 200 }, (_, i) => ['SQ01', `SH${i}`])];
      const res = await postCsv(small, p.manager.token, `import/csv/projects/${p.project.id}/shots`, csvText(rows));
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: true, message: 'The CSV file is larger than the 1024 bytes allowed.' });
      const shots = await small.db.selectFrom('entity').select('id').where('project_id', '=', p.project.id).execute();
      expect(shots).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe('tasks of new shots born in their cells\' statuses', () => {
  it('leave the dates, retake count and last comment date that posting the same status comment leaves', async () => {
    const p = await csvProductionSettings(ctx);
    const { layout } = p.taskTypes;
    const statuses = ['wip', 'wfa', 'done', 'retake'];
    const file = csvText([['Sequence', 'Name', layout.name], ...statuses.map((status, i) => ['SQ01', `SH${i + 1}0`, status])]);
    expect((await postCsv(ctx, p.manager.token, shotsPath(p), file)).statusCode).toBe(201);
    // The same statuses posted through the comment route on tasks created in the default status.
    const reference = csvText([['Sequence', 'Name'], ...statuses.map((_, i) => ['SQ02', `SH${i + 1}0`])]);
    expect((await postCsv(ctx, p.manager.token, shotsPath(p), reference)).statusCode).toBe(201);
    const facts = async (sequence: string) => (await sql<{ name: string; status: string; started: boolean; ended: boolean; done: boolean; retakes: number; commented_at_last_comment: boolean; comments: number }>`
      SELECT s.name, ts.short_name AS status, t.real_start_date IS NOT NULL AS started, t.end_date IS NOT NULL AS ended, t.done_date IS NOT NULL AS done,
             t.retake_count AS retakes, t.last_comment_date = (SELECT max(c.created_at) FROM comment c WHERE c.object_id = t.id) AS commented_at_last_comment,
             (SELECT count(*)::int FROM comment c WHERE c.object_id = t.id) AS comments
        FROM task t JOIN entity s ON s.id = t.entity_id JOIN entity sq ON sq.id = s.parent_id AND sq.name = ${sequence}
        JOIN task_status ts ON ts.id = t.task_status_id
       WHERE t.project_id = ${p.project.id} AND t.task_type_id = ${layout.id} ORDER BY s.name`.execute(ctx.db)).rows;
    const referenceTasks = await sql<{ id: string; name: string }>`
      SELECT t.id, s.name FROM task t JOIN entity s ON s.id = t.entity_id JOIN entity sq ON sq.id = s.parent_id AND sq.name = 'SQ02'
       WHERE t.project_id = ${p.project.id} AND t.task_type_id = ${layout.id} ORDER BY s.name`.execute(ctx.db);
    for (const [i, task] of referenceTasks.rows.entries()) {
      const status = await sql<{ id: string }>`SELECT id FROM task_status WHERE short_name = ${statuses[i]} AND project_id IS NULL`.execute(ctx.db);
      const posted = await ctx.app.inject({ method: 'POST', url: `/api/actions/tasks/${task.id}/comment`, headers: { authorization: `Bearer ${p.manager.token}` }, payload: { task_status_id: status.rows[0]?.id, comment: '' } });
      expect(posted.statusCode, posted.body).toBe(201);
    }
    const imported = await facts('SQ01');
    expect(imported.map((task) => task.status)).toEqual(statuses);
    expect(imported.every((task) => task.comments === 1 && task.commented_at_last_comment)).toBe(true);
    expect(imported).toEqual(await facts('SQ02'));
    // The creation and the move are both in the log, as a comment would leave them.
    const changed = (await eventsNamed(ctx, 'task:status-changed')).filter((event) => event.project_id === p.project.id);
    expect(changed).toHaveLength(statuses.length * 2);
  });
});

describe('status columns of task types the production does not use yet', () => {
  it('add those studio task types to the production and create their tasks, in the columns\' order', async () => {
    const p = await csvProductionSettings(ctx);
    const { layout, animation } = p.taskTypes;
    const created = await ctx.app.inject({ method: 'POST', url: '/api/data/projects', headers: { authorization: `Bearer ${p.admin.token}` }, payload: { name: `Empty ${Date.now()}` } });
    expect(created.statusCode, created.body).toBe(201);
    const project = created.json() as { id: string };
    await ctx.db.deleteFrom('project_task_type_link').where('project_id', '=', project.id).execute();
    const file = csvText([['Sequence', 'Name', animation.name, layout.name, 'Not a task type'], ['SQ01', 'SH010', 'wip', 'done', 'x'], ['SQ01', 'SH020', '', 'wfa', '']]);
    const res = await postCsv(ctx, p.admin.token, `import/csv/projects/${project.id}/shots`, file);
    expect(res.statusCode, res.body).toBe(201);
    const linked = await sql<{ name: string }>`
      SELECT tt.name FROM project_task_type_link l JOIN task_type tt ON tt.id = l.task_type_id WHERE l.project_id = ${project.id} ORDER BY l.priority`.execute(ctx.db);
    expect(linked.rows.map((row) => row.name)).toEqual([animation.name, layout.name]);
    const tasks = await sql<{ line: string }>`
      SELECT s.name || ' ' || tt.name || ' ' || ts.short_name AS line FROM task t JOIN entity s ON s.id = t.entity_id
        JOIN task_type tt ON tt.id = t.task_type_id JOIN task_status ts ON ts.id = t.task_status_id
       WHERE t.project_id = ${project.id} ORDER BY 1`.execute(ctx.db);
    expect(tasks.rows.map((row) => row.line)).toEqual([
      `SH010 ${animation.name} wip`, `SH010 ${layout.name} done`, `SH020 ${animation.name} todo`, `SH020 ${layout.name} wfa`,
    ].sort());
    // A dry run of the same file into another empty production adds nothing for good.
    const other = (await ctx.app.inject({ method: 'POST', url: '/api/data/projects', headers: { authorization: `Bearer ${p.admin.token}` }, payload: { name: `Empty dry ${Date.now()}` } })).json() as { id: string };
    await ctx.db.deleteFrom('project_task_type_link').where('project_id', '=', other.id).execute();
    expect((await postCsv(ctx, p.admin.token, `import/csv/projects/${other.id}/shots?dry_run=true`, file)).statusCode).toBe(200);
    expect(await ctx.db.selectFrom('project_task_type_link').select('task_type_id').where('project_id', '=', other.id).execute()).toEqual([]);
  });
});
