import { performance } from 'node:perf_hooks';
import { summarize } from '../load/protocol.ts';
import { bearer, type OpContext, type OpReport } from './types.ts';

/**
 * csv_import: a shots CSV (episodes, sequences, shots, frames and three task status columns) imported
 * into a fresh TV-show project, first as a dry run, then for real; at N rows and at 4N rows. The
 * import must grow with its file (finding 7 of #12: 500-row batches made it quadratic).
 */

const ROWS = { full: 10_000, smoke: 200 };
const TASK_TYPES = 3;
const STATUSES = ['todo', 'wip', 'wfa', 'done', 'retake'];

interface Run {
  rows: number;
  dryRunMs: number;
  importMs: number;
  /** What the answers said: the preview's created count, and the rows the import answered. */
  previewCreated: number;
  imported: number;
}

/** A deterministic shots file: 50 shots per sequence, 20 sequences per episode, statuses cycling per task type. */
export function shotsCsv(rows: number, taskTypeNames: string[]): string {
  const lines = [['Episode', 'Sequence', 'Name', 'Frame In', 'Frame Out', ...taskTypeNames].join(';')];
  for (let i = 0; i < rows; i += 1) {
    const sequence = Math.floor(i / 50);
    const statuses = taskTypeNames.map((_, t) => STATUSES[(i * (t + 2) + t) % STATUSES.length] ?? 'todo');
    lines.push([`E${String(Math.floor(sequence / 20) + 1).padStart(3, '0')}`, `SQ${String(sequence + 1).padStart(4, '0')}`,
      `SH${String((i % 50) * 10 + 10).padStart(4, '0')}`, '1001', String(1001 + (i % 97) + 24), ...statuses].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A fresh TV-show project with the first shot task types of the production, named after the run. */
async function freshProject(ctx: OpContext, label: string): Promise<{ id: string; taskTypeNames: string[] }> {
  const { pool, production } = ctx;
  const project = await pool.query<{ id: string }>(
    `INSERT INTO project (name, production_type) VALUES ($1, 'tvshow') RETURNING id`, [`Bench CSV ${label} ${Date.now()}`]);
  const id = project.rows[0]?.id;
  if (!id) throw new Error('could not create the import project');
  const typeIds = production.shotTaskTypeIds.slice(0, TASK_TYPES);
  await pool.query(
    `INSERT INTO project_task_type_link (project_id, task_type_id, priority) SELECT $1, t, o FROM unnest($2::uuid[]) WITH ORDINALITY AS x(t, o)`, [id, typeIds]);
  const names = await pool.query<{ name: string }>(
    `SELECT tt.name FROM unnest($1::uuid[]) WITH ORDINALITY AS x(t, o) JOIN task_type tt ON tt.id = x.t ORDER BY x.o`, [typeIds]);
  return { id, taskTypeNames: names.rows.map((row) => row.name) };
}

/** Removes what a run imported, so that the dataset stays the one the other ops are measured on. */
async function removeProject(ctx: OpContext, projectId: string): Promise<void> {
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`DELETE FROM comment WHERE object_id IN (SELECT id FROM task WHERE project_id = $1)`, [projectId]);
    await client.query(`DELETE FROM task WHERE project_id = $1`, [projectId]);
    await client.query(`DELETE FROM entity WHERE project_id = $1`, [projectId]);
    // The run's event log and audit rows too: left behind, each run added ~0.9 million rows to the
    // tables every later import appends to (1.8 million events after a few runs), slowing the next.
    await client.query(`DELETE FROM api_event WHERE project_id = $1`, [projectId]);
    await client.query(`DELETE FROM audit_event WHERE project_id = $1`, [projectId]);
    await client.query(`DELETE FROM project WHERE id = $1`, [projectId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function postCsv(ctx: OpContext, projectId: string, query: string, file: string): Promise<{ ms: number; status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'text/csv' }), 'shots.csv');
  const started = performance.now();
  const res = await fetch(`${ctx.server.baseUrl}/api/import/csv/projects/${projectId}/shots${query}`, {
    method: 'POST', headers: bearer(ctx.production.admin.token), body: form,
  });
  const body: unknown = await res.json();
  return { ms: Math.round(performance.now() - started), status: res.status, body };
}

async function importRun(ctx: OpContext, rows: number, notes: string[]): Promise<Run> {
  const project = await freshProject(ctx, String(rows));
  try {
    const file = shotsCsv(rows, project.taskTypeNames);
    const dry = await postCsv(ctx, project.id, '?dry_run=true', file);
    const real = await postCsv(ctx, project.id, '', file);
    const previewCreated = (dry.body as { created?: number }).created ?? -1;
    const imported = Array.isArray(real.body) ? real.body.length : -1;
    if (dry.status !== 200 || previewCreated !== rows) notes.push(`${rows} rows: the dry run answered ${dry.status}, ${previewCreated} created`);
    if (real.status !== 201 || imported !== rows) notes.push(`${rows} rows: the import answered ${real.status} with ${imported} rows`);
    const tasks = await ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM task WHERE project_id = $1`, [project.id]);
    if (tasks.rows[0]?.n !== rows * project.taskTypeNames.length) notes.push(`${rows} rows: ${tasks.rows[0]?.n} tasks instead of ${rows * project.taskTypeNames.length}`);
    ctx.log(`csv_import: ${rows} rows (${Math.round(file.length / 1024)} KB), dry run ${dry.ms} ms, import ${real.ms} ms`);
    return { rows, dryRunMs: dry.ms, importMs: real.ms, previewCreated, imported };
  } finally {
    await removeProject(ctx, project.id);
  }
}

/** The 10,000-row file and the 40,000-row one, each as a dry run and as an import into a fresh project. */
export async function csvImport(ctx: OpContext): Promise<OpReport> {
  const base = ctx.options.smoke ? ROWS.smoke : ROWS.full;
  const notes: string[] = [];
  const small = await importRun(ctx, base, notes);
  const large = await importRun(ctx, base * 4, notes);
  const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 1)) * 100) / 100;
  const ratios = { dryRun: ratio(large.dryRunMs, small.dryRunMs), import: ratio(large.importMs, small.importMs) };
  const met = notes.length === 0 && small.dryRunMs <= 2000 && small.importMs <= 2000 && ratios.dryRun <= 5 && ratios.import <= 5;
  return {
    name: 'csv_import',
    what: `shots CSV of ${base} and ${base * 4} rows (${TASK_TYPES} task status columns) into a fresh tv show: dry run, then import`,
    load: '1 client, sequential',
    target: `${base} rows <= 2 s each; ${base * 4} rows <= 5x`,
    main: { connections: 1, rate: 0, durationSeconds: 0, result: {
      throughput: 0, offeredRate: 0, latency: summarize([small.dryRunMs, small.importMs]), errors: notes.length, statuses: {}, minutes: [], byKind: {},
      unfinished: 0, bytes: 0, completedTotal: 4,
    } },
    extra: { runs: [small, large], ratios },
    ceilings: {},
    ratios: {},
    met: ctx.options.smoke ? null : met,
    notes,
  };
}
