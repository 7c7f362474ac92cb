import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { csvProductionSettings, type CsvProduction } from '../exports/csv-production.fixtures.ts';
import { csvText, postCsv } from './csv-import.test-support.ts';

/**
 * Files of a few thousand rows (finding 7 of #12): the whole file is written by one statement per
 * table, so these guard that nothing is lost, doubled or misplaced at that size — not the time.
 */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const ROWS = 2_400;
const STATUSES = ['wip', 'done', 'todo', 'wfa'];
const shotsPath = (p: CsvProduction, query = '') => `import/csv/projects/${p.project.id}/shots${query}`;

/** Row i of the file: 25 shots a sequence, 10 sequences an episode, statuses cycling, every 7th shot assigned, every 11th commented. */
function shotRow(p: CsvProduction, i: number): string[] {
  const sequence = Math.floor(i / 25);
  return [
    `E${Math.floor(sequence / 10) + 1}`, `SQ${sequence + 1}`, `SH${(i % 25) * 10 + 10}`, '1001', String(1002 + (i % 50)), `cam_${i % 3}`,
    STATUSES[i % 4] ?? 'todo', i % 11 === 0 ? `note ${i}` : '', i % 7 === 0 ? p.people.alice.name : '', STATUSES[(i + 1) % 4] ?? 'todo',
  ];
}

function shotsFile(p: CsvProduction, rows: string[][]): string {
  const { layout, animation } = p.taskTypes;
  return csvText([
    ['Episode', 'Sequence', 'Name', 'Frame In', 'Frame Out', 'Camera', layout.name, `${layout.name} comment`, `${layout.name} assignations`, animation.name],
    ...rows,
  ]);
}

/** Every shot as `E/SQ/SH frames camera layout-status animation-status assignees comments`, in name order. */
async function shotLines(projectId: string): Promise<string[]> {
  const result = await sql<{ line: string }>`
    SELECT concat_ws(' ', concat_ws('/', ep.name, sq.name, s.name), s.nb_frames, s.data->>'camera',
             (SELECT string_agg(ts.short_name || ':' || (SELECT count(*) FROM assignations a WHERE a.task_id = t.id) || ':'
                                || (SELECT count(*) FROM comment c WHERE c.object_id = t.id), ',' ORDER BY tt.priority)
                FROM task t JOIN task_type tt ON tt.id = t.task_type_id JOIN task_status ts ON ts.id = t.task_status_id WHERE t.entity_id = s.id)) AS line
      FROM entity s JOIN entity_type et ON et.id = s.entity_type_id AND et.name = 'Shot'
      JOIN entity sq ON sq.id = s.parent_id JOIN entity ep ON ep.id = sq.parent_id
     WHERE s.project_id = ${projectId}`.execute(ctx.db);
  return result.rows.map((row) => row.line).sort();
}

/** What row i must leave: frames, camera, and per task type its status, assignees and comments (a comment per change or note). */
function expectedLine(p: CsvProduction, i: number): string {
  const [episode, sequence, shot, , , camera, layout, note, assignee, animation] = shotRow(p, i);
  const comments = (status: string | undefined, text: string | undefined) => (status !== 'todo' || text ? 1 : 0);
  return `${episode}/${sequence}/${shot} ${(i % 50) + 2} ${camera} ${layout}:${assignee ? 1 : 0}:${comments(layout, note)},${animation}:0:${comments(animation, '')}`;
}

const countOf = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(ctx.db)).rows[0]?.n;

describe('CSV import of a few thousand rows', () => {
  it(`imports ${ROWS} shots with their episodes, sequences, tasks, comments, assignees, events and audit rows`, async () => {
    const p = await csvProductionSettings(ctx, { tvShow: true });
    const file = shotsFile(p, Array.from({ length: ROWS }, (_, i) => shotRow(p, i)));

    const preview = await postCsv(ctx, p.manager.token, shotsPath(p, '?dry_run=true'), file);
    expect(preview.statusCode).toBe(200);
    const body = preview.json() as { created: number; updated: number; unchanged: number; rows: Array<Record<string, unknown>> };
    expect([body.created, body.updated, body.unchanged]).toEqual([ROWS, 0, 0]);
    // Every preview row in file order, with its line and where it goes.
    expect(body.rows.map((row) => [row.line_number, row.episode_name, row.sequence_name, row.name])).toEqual(
      Array.from({ length: ROWS }, (_, i) => { const [e, sq, sh] = shotRow(p, i); return [i + 2, e, sq, sh]; }));
    expect(await countOf(sql`SELECT count(*)::int AS n FROM entity WHERE project_id = ${p.project.id}`)).toBe(0);

    const res = await postCsv(ctx, p.manager.token, shotsPath(p), file);
    expect(res.statusCode).toBe(201);
    expect((res.json() as Array<{ name: string }>).map((shot) => shot.name)).toEqual(Array.from({ length: ROWS }, (_, i) => shotRow(p, i)[2]));
    expect(await shotLines(p.project.id)).toEqual(Array.from({ length: ROWS }, (_, i) => expectedLine(p, i)).sort());
    const episodes = Math.ceil(ROWS / 250);
    const sequences = ROWS / 25;
    expect(await countOf(sql`SELECT count(*)::int AS n FROM entity WHERE project_id = ${p.project.id}`)).toBe(ROWS + sequences + episodes);

    const events = await sql<{ name: string; n: number }>`
      SELECT name, count(*)::int AS n FROM api_event WHERE project_id = ${p.project.id} GROUP BY name ORDER BY name`.execute(ctx.db);
    const changes = Array.from({ length: ROWS }, (_, i) => shotRow(p, i)).reduce((n, row) => n + (row[6] !== 'todo' ? 1 : 0) + (row[9] !== 'todo' ? 1 : 0), 0);
    const notes = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 11 === 0 && shotRow(p, i)[6] === 'todo').length;
    const assigned = Math.ceil(ROWS / 7);
    expect(Object.fromEntries(events.rows.map((row) => [row.name, row.n]))).toEqual({
      'comment:new': changes + notes, 'episode:new': episodes, 'sequence:new': sequences, 'shot:new': ROWS, 'task:assign': assigned,
      'task:new': ROWS * 2, 'task:status-changed': changes, 'task:update': changes + notes + assigned,
    });
    const audit = await sql<{ key: string; n: number }>`
      SELECT object_type || ' ' || action AS key, count(*)::int AS n FROM audit_event WHERE project_id = ${p.project.id} GROUP BY 1 ORDER BY 1`.execute(ctx.db);
    expect(Object.fromEntries(audit.rows.map((row) => [row.key, row.n]))).toEqual({ 'shot create': ROWS, 'task comment-status': changes + notes, 'task create': ROWS * 2 });

    // The same file again, with update=true: all unchanged (nothing but the notes, which are posted again).
    const again = await postCsv(ctx, p.manager.token, shotsPath(p, '?update=true&dry_run=true'), file);
    const counts = again.json() as { created: number; updated: number; unchanged: number };
    const noted = Math.ceil(ROWS / 11);
    expect([counts.created, counts.updated, counts.unchanged]).toEqual([0, noted, ROWS - noted]);
  });

  it('applies repeated rows in file order and names the line of a refused value far into the file, keeping nothing', async () => {
    const p = await csvProductionSettings(ctx, { tvShow: true });
    const rows = Array.from({ length: ROWS }, (_, i) => shotRow(p, i));
    // Row 2,300 comes back at the end with another layout status: with update=true the later row wins.
    const repeated = [...(rows[2_299] ?? [])];
    repeated[6] = 'done';
    const first = await postCsv(ctx, p.manager.token, shotsPath(p, '?update=true'), shotsFile(p, [...rows, repeated]));
    expect(first.statusCode).toBe(201);
    const lines = await shotLines(p.project.id);
    expect(lines).toHaveLength(ROWS);
    expect(lines).toContain(expectedLine(p, 2_299).replace(/ wfa:0:1,/, ' done:0:2,'));

    const other = await csvProductionSettings(ctx, { tvShow: true });
    const bad = Array.from({ length: ROWS }, (_, i) => shotRow(other, i));
    bad[2_100] = [...(bad[2_100] ?? [])];
    bad[2_100][2] = 'S'.repeat(200);
    const refused = await postCsv(ctx, other.manager.token, shotsPath(other), shotsFile(other, bad));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: true, line_number: 2_102, imported_rows: 0 });
    expect(await countOf(sql`SELECT count(*)::int AS n FROM entity WHERE project_id = ${other.project.id}`)).toBe(0);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM api_event WHERE project_id = ${other.project.id}`)).toBe(0);
  });
});
