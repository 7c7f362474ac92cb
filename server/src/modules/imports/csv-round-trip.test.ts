import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { csvProduction, csvProductionSettings, FORMULA_DESCRIPTION } from '../exports/csv-production.fixtures.ts';
import { postCsv } from './csv-import.test-support.ts';

/**
 * Export a production's assets, shots and casting, import the files into an empty production with the
 * same settings (task types, metadata descriptors, team — what the production wizard sets up), and
 * compare the two breakdowns. Time spent is not part of it: it comes from time sheets, not from CSV.
 */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

/** Cells left empty in a file are stored as "" (Zou's "not set"): the same as an absent key. */
function normaliseData(data: unknown): Record<string, unknown> {
  const entries = Object.entries(data && typeof data === 'object' ? data : {}).filter(([, value]) => value !== '' && value !== null);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** Everything the CSV files carry, keyed by names (ids differ between the two productions). */
async function snapshot(projectId: string) {
  const entities = await sql<{ kind: string; path: string; type: string; description: string | null; nb_frames: number | null; data: unknown; episode: string | null }>`
    SELECT CASE WHEN et.name IN ('Shot', 'Sequence', 'Episode') THEN et.name ELSE 'Asset' END AS kind,
           concat_ws('/', ep.name, sq.name, e.name) AS path, et.name AS type, e.description, e.nb_frames, e.data, src.name AS episode
      FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
      LEFT JOIN entity sq ON sq.id = e.parent_id LEFT JOIN entity ep ON ep.id = sq.parent_id LEFT JOIN entity src ON src.id = e.source_id
     WHERE e.project_id = ${projectId} ORDER BY 1, 2, 3`.execute(ctx.db);
  const tasks = await sql<{ path: string; task_type: string; status: string; assignees: string[] }>`
    SELECT concat_ws('/', ep.name, sq.name, e.name) AS path, tt.name AS task_type, ts.short_name AS status,
           (SELECT coalesce(array_agg(a.person_id::text ORDER BY a.person_id), '{}') FROM assignations a WHERE a.task_id = t.id) AS assignees
      FROM task t JOIN entity e ON e.id = t.entity_id JOIN task_type tt ON tt.id = t.task_type_id JOIN task_status ts ON ts.id = t.task_status_id
      LEFT JOIN entity sq ON sq.id = e.parent_id AND e.entity_type_id = (SELECT id FROM entity_type WHERE name = 'Shot')
      LEFT JOIN entity ep ON ep.id = sq.parent_id
     WHERE t.project_id = ${projectId} ORDER BY 1, 2`.execute(ctx.db);
  const casting = await sql<{ target: string; asset: string; nb: number; label: string | null; out: number }>`
    SELECT concat_ws('/', ep.name, sq.name, t.name) AS target, a.name AS asset, l.nb_occurences AS nb, coalesce(l.label, '') AS label, t.nb_entities_out AS out
      FROM entity_link l JOIN entity t ON t.id = l.entity_in_id JOIN entity a ON a.id = l.entity_out_id
      LEFT JOIN entity sq ON sq.id = t.parent_id LEFT JOIN entity ep ON ep.id = sq.parent_id
     WHERE t.project_id = ${projectId} ORDER BY 1, 2`.execute(ctx.db);
  return {
    entities: entities.rows.map((row) => ({ ...row, description: row.description ?? '', data: normaliseData(row.data) })),
    tasks: tasks.rows,
    casting: casting.rows,
  };
}

describe('CSV round trip', () => {
  for (const tvShow of [false, true]) {
    it(`exports a ${tvShow ? 'tv show' : 'short'} and imports it into an empty production, reproducing breakdown, tasks and casting`, async () => {
      const source = await csvProduction(ctx, { tvShow });
      const target = await csvProductionSettings(ctx, { like: source });
      const files = {
        assets: (await source.manager.api.get(`export/csv/projects/${source.project.id}/assets.csv`)).body,
        shots: (await source.manager.api.get(`export/csv/projects/${source.project.id}/shots.csv`)).body,
        shotCasting: (await source.manager.api.get(`export/csv/projects/${source.project.id}/casting.csv?is_shot_casting=true`)).body,
        assetCasting: (await source.manager.api.get(`export/csv/projects/${source.project.id}/casting.csv`)).body,
      };
      expect(files.shots).toContain(`"'${FORMULA_DESCRIPTION.replace(/"/g, '""')}"`);
      for (const [file, route] of [['assets', 'assets'], ['shots', 'shots'], ['shotCasting', 'casting'], ['assetCasting', 'casting']] as const) {
        const res = await postCsv(ctx, target.manager.token, `import/csv/projects/${target.project.id}/${route}`, files[file]);
        expect(res.statusCode, `${file}: ${res.body}`).toBe(201);
      }
      const [before, after] = [await snapshot(source.project.id), await snapshot(target.project.id)];
      expect(after.entities).toEqual(before.entities);
      expect(after.tasks).toEqual(before.tasks);
      expect(after.casting).toEqual(before.casting);
      // The formula-like description came back as the very same text.
      expect(after.entities.find((entity) => entity.path.endsWith('SQ01/SH010'))?.description).toBe(FORMULA_DESCRIPTION);
      expect(before.tasks.length).toBeGreaterThan(10);

      // Exporting the imported production gives the same files, project name aside.
      const again = (await target.manager.api.get(`export/csv/projects/${target.project.id}/shots.csv`)).body;
      const strip = (body: string, name: string) => body.replaceAll(name, 'P').replace(/;\d+\.\d\d;/g, ';T;');
      expect(strip(again, target.project.name)).toBe(strip(files.shots, source.project.name));
    });
  }
});
