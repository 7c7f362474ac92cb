import { performance } from 'node:perf_hooks';
import type { Persona } from '../lib/personas.ts';
import type { HttpRequestSpec } from '../load/protocol.ts';
import { describeLoad, measureHello, measureHttp } from './measure.ts';
import { bearer, type Measurement, type OpContext, type OpReport } from './types.ts';
import { summarize } from '../load/protocol.ts';

const BULK_TYPE = 'Bench Bulk';

/** The shot task type the bulk op creates tasks of: created and linked to the project once, its tasks removed before each try. */
async function bulkTaskType(ctx: OpContext): Promise<string> {
  const { pool, production } = ctx;
  const existing = await pool.query<{ id: string }>(`SELECT id FROM task_type WHERE name = $1 AND for_entity = 'Shot'`, [BULK_TYPE]);
  const id = existing.rows[0]?.id ?? (await pool.query<{ id: string }>(
    `INSERT INTO task_type (name, short_name, for_entity, color) VALUES ($1, 'bulk', 'Shot', '#000000') RETURNING id`, [BULK_TYPE])).rows[0]?.id;
  if (!id) throw new Error('could not create the bulk task type');
  await pool.query(
    `INSERT INTO project_task_type_link (project_id, task_type_id, priority) VALUES ($1, $2, 99) ON CONFLICT DO NOTHING`, [production.projectId, id]);
  return id;
}

async function removeBulkTasks(ctx: OpContext, taskTypeId: string): Promise<void> {
  await ctx.pool.query('DELETE FROM task WHERE project_id = $1 AND task_type_id = $2', [ctx.production.projectId, taskTypeId]);
}

async function timedCreate(ctx: OpContext, taskTypeId: string): Promise<{ ms: number; created: number; status: number }> {
  const url = `${ctx.server.baseUrl}/api/actions/projects/${ctx.production.projectId}/task-types/${taskTypeId}/shots/create-tasks`;
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: bearer(ctx.production.manager.token) });
  const body = (await res.json()) as unknown[];
  return { ms: Math.round((performance.now() - started) * 10) / 10, created: Array.isArray(body) ? body.length : -1, status: res.status };
}

/** One client creates one task type's tasks for every shot (one transaction), then asks again: nothing new. */
export async function bulkTasks(ctx: OpContext): Promise<OpReport> {
  const taskTypeId = await bulkTaskType(ctx);
  const shots = await ctx.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM entity e JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot' WHERE e.project_id = $1`, [ctx.production.projectId]);
  const expected = shots.rows[0]?.n ?? 0;
  const tries = ctx.options.smoke ? 2 : 5;
  const creations: number[] = [];
  const reruns: number[] = [];
  const notes: string[] = [];
  let errors = 0;
  for (let i = 0; i < tries; i += 1) {
    await removeBulkTasks(ctx, taskTypeId);
    const created = await timedCreate(ctx, taskTypeId);
    const again = await timedCreate(ctx, taskTypeId);
    creations.push(created.ms);
    reruns.push(again.ms);
    if (created.status !== 201 || created.created !== expected) {
      errors += 1;
      notes.push(`try ${i + 1}: status ${created.status}, ${created.created} tasks created for ${expected} shots`);
    }
    if (again.status !== 201 || again.created !== 0) {
      errors += 1;
      notes.push(`try ${i + 1}: the rerun answered ${again.status} with ${again.created} new tasks`);
    }
  }
  await removeBulkTasks(ctx, taskTypeId);
  const create = summarize(creations);
  const rerun = summarize(reruns);
  ctx.log(`bulk_tasks: ${expected} tasks created in ${creations.join(', ')} ms; reruns ${reruns.join(', ')} ms`);
  return {
    name: 'bulk_tasks',
    what: `create one task type's tasks for all ${expected} shots, one transaction; rerun creates none`,
    load: '1 client, sequential',
    target: '<= 600 ms; rerun creates none',
    main: { connections: 1, rate: 0, durationSeconds: 0, result: {
      throughput: 0, offeredRate: 0, latency: create, errors, statuses: {}, minutes: [], byKind: {}, unfinished: 0, bytes: 0, completedTotal: tries,
    } },
    extra: { tries, shots: expected, createMs: creations, rerunMs: reruns, rerun },
    ceilings: {},
    ratios: {},
    met: ctx.options.smoke ? null : errors === 0 && create.max <= 600,
    notes,
  };
}

interface Candidate {
  taskId: string;
  supervisor: Persona;
  status: 'wip' | 'wfa';
}

/** Open shot tasks of the main project whose department has a supervisor: he reviews them (his comments notify the assignees). */
async function commentCandidates(ctx: OpContext): Promise<Candidate[]> {
  const { production: prod } = ctx;
  const rows = await ctx.pool.query<{ id: string; department_id: string; short_name: 'wip' | 'wfa' }>(
    `SELECT t.id, tt.department_id, ts.short_name
       FROM task t JOIN task_type tt ON tt.id = t.task_type_id JOIN task_status ts ON ts.id = t.task_status_id
      WHERE t.project_id = $1 AND ts.short_name IN ('wip', 'wfa') AND EXISTS (SELECT 1 FROM assignations a WHERE a.task_id = t.id)
      ORDER BY t.id LIMIT 4000`, [prod.projectId]);
  const byDepartment = new Map(prod.supervisors.map((s) => [s.departmentIds[0], s]));
  return rows.rows.flatMap((row) => {
    const supervisor = byDepartment.get(row.department_id);
    return supervisor ? [{ taskId: row.id, supervisor, status: row.short_name }] : [];
  });
}

/**
 * Comment requests that each change their task's status (wip <-> wfa), cycling over the candidates;
 * the candidates remember the status they were left in, so that consecutive runs keep changing it.
 */
export function commentRequests(ctx: OpContext, candidates: Candidate[], count: number): HttpRequestSpec[] {
  const { statuses } = ctx.production;
  return Array.from({ length: count }, (_, i) => {
    const candidate = candidates[i % candidates.length] as Candidate;
    candidate.status = candidate.status === 'wip' ? 'wfa' : 'wip';
    return {
      method: 'POST',
      path: `/api/actions/tasks/${candidate.taskId}/comment`,
      headers: bearer(candidate.supervisor.token),
      body: JSON.stringify({ task_status_id: statuses[candidate.status], comment: `Bench review ${i}: moved to ${candidate.status}` }),
      expect: [201],
      kind: 'comment_status',
    };
  });
}

export async function prepareComments(ctx: OpContext): Promise<Candidate[]> {
  const candidates = await commentCandidates(ctx);
  if (candidates.length === 0) throw new Error('no task to comment on');
  return candidates;
}

/** Rising offered rate until p95 > 25 ms (or errors, or the server falls behind); the last rate that held is the result. */
export async function commentStatus(ctx: OpContext): Promise<OpReport> {
  const candidates = await prepareComments(ctx);
  const steps = ctx.options.smoke ? [20] : [100, 200, 300, 350, 400, 450, 500, 600, 700, 800];
  const duration = Math.min(ctx.options.duration, 20);
  const results: Array<{ rate: number; measurement: Measurement; held: boolean }> = [];
  let best: Measurement | null = null;
  for (const rate of ctx.options.rates.comment_status ? [ctx.options.rates.comment_status] : steps) {
    const shape = { connections: 50, rate, durationSeconds: duration };
    const requests = commentRequests(ctx, candidates, Math.ceil(rate * (duration + ctx.options.warmup) * 1.05) + 50);
    ctx.log(`comment_status: ${describeLoad(shape)} for ${duration} s`);
    const measurement = await measureHttp(ctx, shape, requests);
    const { latency, errors, throughput } = measurement.result;
    const held = errors === 0 && latency.p95 <= 25 && throughput >= rate * 0.95;
    results.push({ rate, measurement, held });
    if (!held) break;
    best = measurement;
  }
  const reference = best ?? results[results.length - 1]?.measurement ?? null;
  const C_hello = reference ? await measureHello(ctx, { connections: 50, rate: reference.rate, durationSeconds: duration }) : undefined;
  const sustained = best?.rate ?? 0;
  return {
    name: 'comment_status',
    what: 'post a comment that changes status and notifies (durable: answered after commit)',
    load: 'rising open-model rate, 50 conn',
    target: '>= 300/s at p95 <= 25 ms',
    main: reference,
    extra: {
      maxSustainedRate: sustained,
      steps: results.map((r) => ({ rate: r.rate, held: r.held, p95: r.measurement.result.latency.p95, p99: r.measurement.result.latency.p99,
        throughput: r.measurement.result.throughput, errors: r.measurement.result.errors })),
    },
    ceilings: C_hello ? { C_hello } : {},
    ratios: {},
    met: ctx.options.smoke ? null : sustained >= 300,
    notes: ['No C_sql: a write flow of some twenty statements has no single-statement equivalent.'],
  };
}
