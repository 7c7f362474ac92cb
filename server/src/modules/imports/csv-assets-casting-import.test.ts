import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { csvProductionSettings, type CsvProduction } from '../exports/csv-production.fixtures.ts';
import { csvText, postCsv } from './csv-import.test-support.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

async function assetsOf(p: CsvProduction) {
  const result = await sql<{ type: string; name: string; episode: string | null; description: string | null; data: unknown; ready_for: string | null; tasks: Record<string, string> | null }>`
    SELECT et.name AS type, a.name, ep.name AS episode, a.description, a.data, rf.name AS ready_for,
           (SELECT json_object_agg(tt.name, ts.short_name) FROM task t JOIN task_type tt ON tt.id = t.task_type_id
              JOIN task_status ts ON ts.id = t.task_status_id WHERE t.entity_id = a.id) AS tasks
      FROM entity a JOIN entity_type et ON et.id = a.entity_type_id
      LEFT JOIN entity ep ON ep.id = a.source_id LEFT JOIN task_type rf ON rf.id = a.ready_for
     WHERE a.project_id = ${p.project.id} AND et.name NOT IN ('Shot', 'Sequence', 'Episode')
     ORDER BY et.name, a.name`.execute(ctx.db);
  return result.rows;
}

describe('import/csv/projects/<id>/assets', () => {
  it('creates asset types and assets with their workflow tasks, statuses, ready-for and metadata', async () => {
    const p = await csvProductionSettings(ctx);
    const { modeling, rigging, layout } = p.taskTypes;
    // Props only go through modeling (their asset type's workflow); characters take every asset task type.
    const prop = await ctx.db.insertInto('entity_type').values({ name: `Prop ${p.project.name}` }).returning(['id', 'name']).executeTakeFirstOrThrow();
    await ctx.db.insertInto('entity_type_task_type_link').values({ entity_type_id: prop.id, task_type_id: modeling.id }).execute();
    const file = csvText([
      ['Type', 'Name', 'Description', 'Ready for', 'Complexity', modeling.name, rigging.name, `${rigging.name} assignations`],
      [`Character ${p.project.name}`, 'Hero', 'The hero', layout.name, 'high', 'wip', 'todo', p.people.alice.email],
      [prop.name, 'Sword', '', '', 'low', 'done', '', ''],
    ]);
    const res = await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/assets`, file);
    expect(res.statusCode).toBe(201);
    expect(res.json().map((row: { type: string; name: string }) => [row.type, row.name])).toEqual([['Asset', 'Hero'], ['Asset', 'Sword']]);
    expect(await assetsOf(p)).toEqual([
      { type: `Character ${p.project.name}`, name: 'Hero', episode: null, description: 'The hero', data: { complexity: 'high' }, ready_for: layout.name, tasks: { [modeling.name]: 'wip', [rigging.name]: 'todo' } },
      { type: prop.name, name: 'Sword', episode: null, description: '', data: { complexity: 'low' }, ready_for: null, tasks: { [modeling.name]: 'done' } },
    ]);
    const heroRigging = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM assignations a JOIN task t ON t.id = a.task_id
       WHERE t.task_type_id = ${rigging.id} AND t.project_id = ${p.project.id} AND a.person_id = ${p.people.alice.id}`.execute(ctx.db);
    expect(heroRigging.rows[0]?.n).toBe(1);
  });

  it('refuses an Episode column in a production that is not a tv show, and an unknown Ready for', async () => {
    const p = await csvProductionSettings(ctx);
    const episode = await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/assets`, csvText([['Type', 'Name', 'Episode'], ['Prop', 'Cup', 'E01']]));
    expect(episode.json()).toEqual({ error: true, message: "An episode column is present for a production that isn't a TV Show", line_number: 2, imported_rows: 0 });
    const ready = await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/assets`, csvText([['Type', 'Name', 'Ready for'], ['Prop', 'Cup', 'Compositing']]));
    expect(ready.json()).toMatchObject({ message: 'Task type not found for Compositing', line_number: 2 });
    const noType = await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/assets`, csvText([['Type', 'Name'], ['', 'Cup']]));
    expect(noType.json()).toMatchObject({ message: 'An asset type is required in the Type column', line_number: 2 });
    expect(await assetsOf(p)).toEqual([]);
  });

  it('puts tv show assets in their episode (created on the fly), MP in the main pack', async () => {
    const p = await csvProductionSettings(ctx, { tvShow: true });
    const res = await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/assets`, csvText([['Type', 'Episode', 'Name'], ['Prop', 'E07', 'Cup'], ['Prop', 'MP', 'Plate']]));
    expect(res.statusCode).toBe(201);
    expect((await assetsOf(p)).map((asset) => [asset.name, asset.episode])).toEqual([['Cup', 'E07'], ['Plate', null]]);
  });
});

describe('import/csv/projects/<id>/casting', () => {
  it('casts assets in shots, assets and episodes by name, updating the occurrences of existing links', async () => {
    const p = await csvProductionSettings(ctx);
    const shots = csvText([['Sequence', 'Name'], ['SQ01', 'SH010'], ['SQ01', 'SH020']]);
    expect((await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/shots`, shots)).statusCode).toBe(201);
    const assets = csvText([['Type', 'Name'], ['Character', 'Hero'], ['Prop', 'Sword']]);
    expect((await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/assets`, assets)).statusCode).toBe(201);
    const casting = csvText([
      ['Parent', 'Name', 'Asset Type', 'Asset', 'Occurences', 'Label'],
      ['SQ01', 'SH010', 'Character', 'Hero', '2', 'fixed'],
      ['sq01', 'sh010', 'prop', 'sword', '', ''],
      ['Character', 'Hero', 'Prop', 'Sword', '1', 'animate'],
    ]);
    const res = await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/casting`, casting);
    expect(res.statusCode).toBe(201);
    expect(res.json().map((link: { nb_occurences: number; label: string }) => [link.nb_occurences, link.label])).toEqual([[2, 'fixed'], [1, ''], [1, 'animate']]);
    const again = await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/casting`, csvText([['Parent', 'Name', 'Asset Type', 'Asset', 'Occurences'], ['SQ01', 'SH010', 'Character', 'Hero', '3']]));
    expect(again.statusCode).toBe(201);
    const links = await sql<{ target: string; asset: string; nb: number; out: number }>`
      SELECT t.name AS target, a.name AS asset, l.nb_occurences AS nb, t.nb_entities_out AS out FROM entity_link l
        JOIN entity t ON t.id = l.entity_in_id JOIN entity a ON a.id = l.entity_out_id
       WHERE t.project_id = ${p.project.id} ORDER BY 1, 2`.execute(ctx.db);
    expect(links.rows).toEqual([
      { target: 'Hero', asset: 'Sword', nb: 1, out: 1 },
      { target: 'SH010', asset: 'Hero', nb: 3, out: 2 },
      { target: 'SH010', asset: 'Sword', nb: 1, out: 2 },
    ]);
    const unknown = await postCsv(ctx, p.manager.token, `import/csv/projects/${p.project.id}/casting`, csvText([['Parent', 'Name', 'Asset Type', 'Asset'], ['SQ01', 'SH999', 'Prop', 'Sword']]));
    expect(unknown.json()).toEqual({ error: true, message: 'Casting target not found: SQ01 / SH999', line_number: 2, imported_rows: 0 });
    expect((await postCsv(ctx, p.artist.token, `import/csv/projects/${p.project.id}/casting`, casting)).statusCode).toBe(403);
  });
});
