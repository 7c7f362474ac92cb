import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { csvProduction } from '../exports/csv-production.fixtures.ts';
import { postCsv } from './csv-import.test-support.ts';

/**
 * Dry runs and imports with `update=true` over exported files: a row that holds what is stored is
 * `unchanged` and left untouched (no write, no event, no audit row); the preview names each row's
 * file line and where it goes (sequence and episode of a shot, asset type of an asset).
 */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

interface PreviewRow {
  name?: string;
  import_action: string;
  line_number: number;
  sequence_name?: string;
  episode_name?: string | null;
  asset_type_name?: string;
}

const importPath = (projectId: string, route: string, query = '') => `import/csv/projects/${projectId}/${route}${query}`;

/** Every write the import could make to the production: row versions, events, audit rows, comments. */
async function footprint(projectId: string) {
  const stamps = await sql<{ id: string; updated_at: string }>`
    SELECT id, updated_at::text FROM entity WHERE project_id = ${projectId}
    UNION ALL SELECT id, updated_at::text FROM task WHERE project_id = ${projectId}
    UNION ALL SELECT l.id, l.updated_at::text FROM entity_link l JOIN entity e ON e.id = l.entity_in_id WHERE e.project_id = ${projectId}
    ORDER BY 1`.execute(ctx.db);
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(ctx.db)).rows[0]?.n;
  return {
    stamps: stamps.rows,
    events: await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM api_event WHERE project_id = ${projectId}`),
    audit: await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE project_id = ${projectId}`),
    comments: await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM comment WHERE object_id IN (SELECT id FROM task WHERE project_id = ${projectId})`),
  };
}

describe('CSV import of an exported file with update=true', () => {
  for (const tvShow of [false, true]) {
    it(`reports every row of a ${tvShow ? 'tv show' : 'short'}'s shots, assets and casting unchanged, and the import then writes nothing`, async () => {
      const p = await csvProduction(ctx, { tvShow });
      // Stored the way other clients write them: a frame as text, a boolean metadata never set, a casting label null.
      await sql`UPDATE entity SET data = (data - 'stereo') || '{"frame_in": "1049"}'::jsonb WHERE id = ${p.shots.sh020.id}`.execute(ctx.db);
      await sql`UPDATE entity_link SET label = NULL WHERE entity_in_id = ${p.shots.sh010.id} AND label = ''`.execute(ctx.db);
      const files = {
        shots: (await p.manager.api.get(`export/csv/projects/${p.project.id}/shots.csv`)).body,
        assets: (await p.manager.api.get(`export/csv/projects/${p.project.id}/assets.csv`)).body,
        casting: (await p.manager.api.get(`export/csv/projects/${p.project.id}/casting.csv?is_shot_casting=true`)).body,
      };
      const before = await footprint(p.project.id);
      for (const route of ['shots', 'assets', 'casting'] as const) {
        const preview = await postCsv(ctx, p.manager.token, importPath(p.project.id, route, '?update=true&dry_run=true'), files[route]);
        expect(preview.statusCode, `${route}: ${preview.body}`).toBe(200);
        const answer = preview.json() as { created: number; updated: number; unchanged: number; rows: PreviewRow[] };
        expect(answer.rows.filter((row) => row.import_action !== 'unchanged'), route).toEqual([]);
        expect([answer.created, answer.updated, answer.unchanged], route).toEqual([0, 0, answer.rows.length]);
        expect(answer.rows.length, route).toBeGreaterThan(1);
      }
      for (const route of ['shots', 'assets', 'casting'] as const) {
        const res = await postCsv(ctx, p.manager.token, importPath(p.project.id, route, '?update=true'), files[route]);
        expect(res.statusCode, `${route}: ${res.body}`).toBe(201);
      }
      expect(await footprint(p.project.id)).toEqual(before);
    });
  }

  it('reports a changed row updated and a new one created, with their file lines, sequence and episode; writes only those', async () => {
    const p = await csvProduction(ctx, { tvShow: true });
    const exported = (await p.manager.api.get(`export/csv/projects/${p.project.id}/shots.csv`)).body;
    // Line 1 header, SQ01/SH010 line 2, SQ01/SH020 lines 3-4 (a two-line description), SQ02/SH010 line 5.
    expect(exported.split('\r\n')[2]).toContain(';"Hero looks\nat the sword";');
    const changed = exported
      .replace("'@lead: check the timing", 'Timing checked') // SQ02/SH010: a new description
      .replace(/;wfa;/, ';done;') // SQ01/SH020: only the layout task's status changes
      + `${p.project.name};E01;SQ03;SH100;Brand new shot;;12\r\n`;
    const before = await footprint(p.project.id);
    const stamp = (id: string) => before.stamps.find((row) => row.id === id)?.updated_at;

    const preview = await postCsv(ctx, p.manager.token, importPath(p.project.id, 'shots', '?update=true&dry_run=true'), changed);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ dry_run: true, created: 1, updated: 2, unchanged: 1 });
    const rows = (preview.json() as { rows: PreviewRow[] }).rows;
    expect(rows.map((row) => [row.line_number, row.episode_name, row.sequence_name, row.name, row.import_action])).toEqual([
      [2, 'E01', 'SQ01', 'SH010', 'unchanged'],
      [4, 'E01', 'SQ01', 'SH020', 'updated'],
      [5, 'E01', 'SQ02', 'SH010', 'updated'],
      [6, 'E01', 'SQ03', 'SH100', 'created'],
    ]);
    // A preview row is the shot as the import would leave it, serialised as Zou does.
    expect(rows[2]).toMatchObject({ id: p.shots.sq02sh010.id, type: 'Shot', description: 'Timing checked' });
    expect(await footprint(p.project.id)).toEqual(before);

    const res = await postCsv(ctx, p.manager.token, importPath(p.project.id, 'shots', '?update=true'), changed);
    expect(res.statusCode).toBe(201);
    // The 201 rows keep Zou's shape: no preview keys.
    expect(Object.keys(res.json()[0] as object)).not.toContain('line_number');
    const shots = await sql<{ id: string; name: string; description: string | null; updated_at: string; layout: string | null }>`
      SELECT s.id, s.name, s.description, s.updated_at::text,
             (SELECT ts.short_name FROM task t JOIN task_status ts ON ts.id = t.task_status_id WHERE t.entity_id = s.id AND t.task_type_id = ${p.taskTypes.layout.id}) AS layout
        FROM entity s WHERE s.id IN (${p.shots.sh010.id}, ${p.shots.sh020.id}, ${p.shots.sq02sh010.id})`.execute(ctx.db);
    const byId = new Map(shots.rows.map((row) => [row.id, row]));
    expect(byId.get(p.shots.sh010.id)?.updated_at).toBe(stamp(p.shots.sh010.id));
    // A task-only change moves the task, not the shot.
    expect(byId.get(p.shots.sh020.id)).toMatchObject({ layout: 'done', updated_at: stamp(p.shots.sh020.id) });
    expect(byId.get(p.shots.sq02sh010.id)?.description).toBe('Timing checked');
    expect(byId.get(p.shots.sq02sh010.id)?.updated_at).not.toBe(stamp(p.shots.sq02sh010.id));
    const updates = await sql<{ object_id: string }>`
      SELECT object_id FROM audit_event WHERE project_id = ${p.project.id} AND object_type = 'shot' AND action = 'update'`.execute(ctx.db);
    expect(updates.rows.map((row) => row.object_id)).toEqual([p.shots.sq02sh010.id]);
  });

  it('names the asset type of each asset row, and updates only the asset whose metadata changed', async () => {
    const p = await csvProduction(ctx);
    const exported = (await p.manager.api.get(`export/csv/projects/${p.project.id}/assets.csv`)).body;
    const file = `${exported.replace(';low;', ';medium;')}${p.project.name};Prop;Shield;A new prop\r\n`;
    const preview = await postCsv(ctx, p.manager.token, importPath(p.project.id, 'assets', '?update=true&dry_run=true'), file);
    expect(preview.statusCode).toBe(200);
    expect((preview.json() as { rows: PreviewRow[] }).rows.map((row) => [row.line_number, row.asset_type_name, row.name, row.import_action])).toEqual([
      [2, 'Character', 'Hero', 'unchanged'],
      [3, 'Character', 'Villain', 'unchanged'],
      [4, 'Prop', 'Sword', 'updated'],
      [5, 'Prop', 'Shield', 'created'],
    ]);
    // Without update=true the changed asset is left as it is.
    const kept = await postCsv(ctx, p.manager.token, importPath(p.project.id, 'assets', '?dry_run=true'), file);
    expect(kept.json()).toMatchObject({ created: 1, updated: 0, unchanged: 3 });

    const res = await postCsv(ctx, p.manager.token, importPath(p.project.id, 'assets', '?update=true'), file);
    expect(res.statusCode).toBe(201);
    const sword = await ctx.db.selectFrom('entity').select('data').where('id', '=', p.assets.sword.id).executeTakeFirstOrThrow();
    expect(sword.data).toEqual({ complexity: 'medium' });
    const again = await postCsv(ctx, p.manager.token, importPath(p.project.id, 'assets', '?update=true&dry_run=true'), file);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('counts a new assignee, a comment or a missing task as a change of an otherwise unchanged shot', async () => {
    const p = await csvProduction(ctx);
    const { layout, animation } = p.taskTypes;
    const header = ['Sequence', 'Name', layout.name, `${layout.name} assignations`, `${animation.name} comment`].join(';');
    const dryRun = async (...lines: string[]) => {
      const res = await postCsv(ctx, p.manager.token, importPath(p.project.id, 'shots', '?update=true&dry_run=true'), `${header}\r\n${lines.join('\r\n')}\r\n`);
      return (res.json() as { rows: PreviewRow[] }).rows.map((row) => row.import_action);
    };
    // SH010: layout done, assigned to Alice; SH020: layout wfa, assigned to Bob.
    expect(await dryRun(`SQ01;SH010;Done;${p.people.alice.email};`, `SQ01;SH020;wfa;${p.people.bob.name};`)).toEqual(['unchanged', 'unchanged']);
    expect(await dryRun(`SQ01;SH010;done;${p.people.bob.name};`, `SQ01;SH020;;;Looks good`)).toEqual(['updated', 'updated']);
    await ctx.db.deleteFrom('task').where('entity_id', '=', p.shots.sh010.id).where('task_type_id', '=', layout.id).execute();
    expect(await dryRun('SQ01;SH010;done;;', 'SQ01;SH020;;;')).toEqual(['updated', 'unchanged']);
  });
});
