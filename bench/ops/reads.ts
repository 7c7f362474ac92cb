import http from 'node:http';
import type { Actor } from '../../server/src/platform/auth/actor.ts';
import { shotGroups, shotsWithTasksJson } from '../../server/src/modules/breakdown/with-tasks.repository.ts';
import { listPersonTasks } from '../../server/src/modules/user/todo.repository.ts';
import { captureSql } from '../lib/explain.ts';
import type { OpName } from '../lib/args.ts';
import type { Persona } from '../lib/personas.ts';
import type { TaskFilterArgs } from '../load/sql-queries.ts';
import type { HttpRequestSpec, SqlRequestSpec } from '../load/protocol.ts';
import { runCapacity, runLoad } from '../lib/load.ts';
import { cycle, describeLoad, measureHello, measureHttp, measureSql, ratio } from './measure.ts';
import { commentRequests, prepareComments } from './writes.ts';
import { bearer, type OpContext, type OpReport } from './types.ts';

interface ReadOp {
  name: OpName;
  what: string;
  connections: number;
  defaultRate: number;
  targetP95: number;
  /** Largest allowed p95 / C_sql p95. */
  maxSqlRatio?: number;
  http: HttpRequestSpec[];
  sql?: SqlRequestSpec[];
}

/** An op of the issue's table measured with its ceilings at the same connections and offered rate. */
export async function readOp(ctx: OpContext, op: ReadOp, during?: () => Promise<unknown>): Promise<OpReport> {
  const shape = { connections: op.connections, rate: ctx.options.rates[op.name] ?? op.defaultRate };
  ctx.log(`${op.name}: ${describeLoad(shape)} for ${ctx.options.duration} s, then C_sql and C_hello`);
  const [main] = await Promise.all([measureHttp(ctx, shape, op.http), during?.()]);
  const C_sql = op.sql ? await measureSql(ctx, shape, op.sql) : undefined;
  const C_hello = await measureHello(ctx, shape);
  const capacity = await runCapacity({ baseUrl: ctx.server.baseUrl, requests: op.http, connections: op.connections, durationSeconds: Math.max(2, Math.round(ctx.options.duration / 3)) });
  const ratios = { hello: ratio(main, C_hello), sql: ratio(main, C_sql) };
  const p95 = main.result.latency.p95;
  const met = ctx.options.smoke
    ? null
    : main.result.errors === 0 && p95 <= op.targetP95 && (op.maxSqlRatio === undefined || (ratios.sql ?? Infinity) <= op.maxSqlRatio);
  return {
    name: op.name,
    what: op.what,
    load: describeLoad(shape),
    target: `p95 <= ${op.targetP95} ms${op.maxSqlRatio ? `, <= ${op.maxSqlRatio}x C_sql` : ''}`,
    main,
    extra: { capacity },
    ceilings: { C_hello, ...(C_sql ? { C_sql } : {}) },
    ratios,
    met,
    notes: [],
  };
}

const REQUESTS = 5000;
const shotsPath = (projectId: string, sequenceId?: string) =>
  `/api/data/shots/with-tasks?project_id=${projectId}${sequenceId ? `&sequence_id=${sequenceId}` : ''}`;

export async function seqShots(ctx: OpContext): Promise<OpReport> {
  const { production: prod } = ctx;
  const http = cycle(prod.sequenceIds, REQUESTS, (sequenceId, i): HttpRequestSpec => ({
    method: 'GET', path: shotsPath(prod.projectId, sequenceId), headers: bearer(prod.artists[i % prod.artists.length]?.token ?? ''),
  }));
  const sql = cycle(prod.sequenceIds, REQUESTS, (sequenceId): SqlRequestSpec => ({ query: 'shots', args: { projectId: prod.projectId, sequenceId } }));
  if (ctx.options.explain) {
    const scope = { projectId: prod.projectId, sequenceId: prod.sequenceIds[0] };
    for (const q of await captureSql((db) => shotGroups(db, scope))) await ctx.explain('seq_shots.fingerprint', q.sql, [...q.parameters]);
    for (const q of await captureSql((db) => shotsWithTasksJson(db, scope))) await ctx.explain('seq_shots.body', q.sql, [...q.parameters]);
  }
  return readOp(ctx, {
    name: 'seq_shots', what: 'shots of one sequence with their tasks (the shots table)', connections: 50, defaultRate: 50,
    targetP95: 25, maxSqlRatio: 2, http, sql,
  });
}

/** Status changes per second posted while the whole project's table is read: its fragments go stale as in a working studio. */
const CHURN_RATE = 2;

/**
 * All the project's shots while reviews change task statuses (CHURN_RATE per second, each making one
 * sequence's fragment stale), then revalidation of an up-to-date copy (If-None-Match: 304).
 */
export async function projectShots(ctx: OpContext): Promise<OpReport> {
  const { production: prod } = ctx;
  const people = [prod.manager, ...prod.artists];
  const http = cycle(people, 500, (person): HttpRequestSpec => ({ method: 'GET', path: shotsPath(prod.projectId), headers: bearer(person.token) }));
  if (ctx.options.explain) {
    const scope = { projectId: prod.projectId };
    for (const q of await captureSql((db) => shotGroups(db, scope))) await ctx.explain('project_shots.groups', q.sql, [...q.parameters]);
    for (const q of await captureSql((db) => shotsWithTasksJson(db, scope))) await ctx.explain('project_shots.body', q.sql, [...q.parameters]);
  }
  const candidates = await prepareComments(ctx);
  const churnSeconds = ctx.options.warmup + ctx.options.duration;
  const churn = () => runLoad({
    target: { type: 'http', baseUrl: ctx.server.baseUrl },
    requests: commentRequests(ctx, candidates, Math.ceil(CHURN_RATE * churnSeconds) + 5),
    rate: CHURN_RATE, connections: 2, warmupSeconds: 0, durationSeconds: churnSeconds, timeoutMs: 30_000,
  });
  const report = await readOp(ctx, {
    name: 'project_shots', what: "all the project's shots with their tasks, while statuses change", connections: 5,
    defaultRate: 1, targetP95: 400, http,
    sql: [{ query: 'shots', args: { projectId: prod.projectId } }],
  }, churn);
  report.notes.push(`While measured, ${CHURN_RATE} status changes per second were posted (each makes one sequence's cached fragment stale); its CPU is in the op's.`);
  const first = await fetch(`${ctx.server.baseUrl}${shotsPath(prod.projectId)}`, { headers: bearer(prod.manager.token) });
  const etag = first.headers.get('etag') ?? '';
  await first.arrayBuffer();
  const revalidate = cycle(people, 5000, (person): HttpRequestSpec => ({
    method: 'GET', path: shotsPath(prod.projectId), headers: { ...bearer(person.token), 'if-none-match': etag }, expect: [304],
  }));
  const shape = { connections: 5, rate: ctx.options.rates.project_shots ? ctx.options.rates.project_shots * 25 : 25 };
  ctx.log(`project_shots revalidation: ${describeLoad(shape)}`);
  const revalidation = await measureHttp(ctx, shape, revalidate);
  report.extra.revalidation = revalidation;
  report.extra.bodyBytes = Math.round(report.main ? report.main.result.bytes / Math.max(1, report.main.result.latency.count) : 0);
  report.extra.wireBytes = await bodySizes(`${ctx.server.baseUrl}${shotsPath(prod.projectId)}`, bearer(prod.manager.token));
  report.target += '; revalidation (304) p95 <= 20 ms';
  if (report.met !== null) report.met = report.met && revalidation.result.errors === 0 && revalidation.result.latency.p95 <= 20;
  return report;
}

/** The table's body as sent for each Accept-Encoding (bytes as they cross the wire, not decoded). */
async function bodySizes(url: string, headers: Record<string, string>): Promise<Record<string, { bytes: number; encoding: string }>> {
  const sizes: Record<string, { bytes: number; encoding: string }> = {};
  for (const acceptEncoding of ['identity', 'gzip', 'br', 'gzip, deflate, br, zstd']) {
    sizes[acceptEncoding] = await new Promise((resolve, reject) => {
      http.get(url, { headers: { ...headers, 'accept-encoding': acceptEncoding } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
        res.on('error', reject);
      }).on('error', reject);
    });
  }
  return sizes;
}

export async function todo(ctx: OpContext): Promise<OpReport> {
  const { artists } = ctx.production;
  const http = cycle(artists, REQUESTS, (artist): HttpRequestSpec => ({ method: 'GET', path: '/api/data/user/tasks', headers: bearer(artist.token) }));
  const sql = cycle(artists, REQUESTS, (artist): SqlRequestSpec => ({ query: 'todo', args: { personId: artist.id, done: false, teamOf: artist.id } }));
  if (ctx.options.explain && artists[0]) {
    const filter = { personId: artists[0].id, done: false, teamOf: artists[0].id };
    for (const q of await captureSql((db) => listPersonTasks(db, filter))) await ctx.explain('todo', q.sql, [...q.parameters]);
  }
  return readOp(ctx, {
    name: 'todo', what: "an artist's open tasks with entity names, status, last comment", connections: 50, defaultRate: 50,
    targetP95: 15, maxSqlRatio: 2.5, http, sql,
  });
}

/** A supervisor's board: open tasks of one of his department's task types, assigned to his department's artists. */
export async function taskFilter(ctx: OpContext): Promise<OpReport> {
  const { production: prod } = ctx;
  const open = ['todo', 'wip', 'wfa', 'retake'].map((s) => prod.statuses[s] ?? '');
  const boards: Array<{ supervisor: Persona; args: TaskFilterArgs }> = [];
  for (const supervisor of prod.supervisors) {
    const department = supervisor.departmentIds[0];
    const taskTypeId = Object.entries(prod.taskTypeDepartments).find(([, d]) => d === department)?.[0];
    if (!department || !taskTypeId) continue;
    const team = await ctx.pool.query<{ person_id: string }>(
      `SELECT dl.person_id FROM department_link dl JOIN project_person_link ppl ON ppl.person_id = dl.person_id AND ppl.project_id = $2
        JOIN person p ON p.id = dl.person_id AND p.role IN ('user', 'vendor') WHERE dl.department_id = $1 ORDER BY dl.person_id`,
      [department, prod.projectId]);
    boards.push({ supervisor, args: { personId: supervisor.id, projectId: prod.projectId, taskTypeId, statusIds: open, assigneeIds: team.rows.map((r) => r.person_id), limit: 500 } });
  }
  const path = (a: TaskFilterArgs) =>
    `/api/data/tasks?project_id=${a.projectId}&task_type_id=${a.taskTypeId}&task_status_id=${encodeURIComponent(JSON.stringify(a.statusIds))}` +
    `&assignees=${encodeURIComponent(JSON.stringify(a.assigneeIds))}&relations=true&page=1&limit=${a.limit}`;
  const http = cycle(boards, REQUESTS, (b): HttpRequestSpec => ({ method: 'GET', path: path(b.args), headers: bearer(b.supervisor.token) }));
  const sql = cycle(boards, REQUESTS, (b): SqlRequestSpec => ({ query: 'task_filter', args: b.args }));
  const report = await readOp(ctx, {
    name: 'task_filter', what: 'tasks by status, type and assignee, page of 500 (data/tasks filters)', connections: 50, defaultRate: 50,
    targetP95: 30, maxSqlRatio: 2, http, sql,
  });
  report.extra.boards = boards.map((b) => ({ supervisor: b.supervisor.email, assignees: b.args.assigneeIds.length }));
  return report;
}

export async function context(ctx: OpContext): Promise<OpReport> {
  const { artists } = ctx.production;
  const actorOf = (a: Persona): Actor => ({
    id: a.id, role: 'user', isBot: false, identityType: 'person', sessionId: '', departmentIds: a.departmentIds, email: a.email, fullName: '',
  });
  const http = cycle(artists, REQUESTS, (artist): HttpRequestSpec => ({ method: 'GET', path: '/api/data/user/context', headers: bearer(artist.token) }));
  const sql = cycle(artists, REQUESTS, (artist): SqlRequestSpec => ({ query: 'context', args: actorOf(artist) }));
  const report = await readOp(ctx, {
    name: 'context', what: "the web app's start-up context for an artist", connections: 50, defaultRate: 50, targetP95: 30, http, sql,
  });
  report.notes.push('C_sql runs the route\'s three statements (projects, reference data, persons) side by side, as the route does.');
  return report;
}
