import { Random } from '../dataset/random.ts';
import type { HttpRequestSpec } from '../load/protocol.ts';
import { describeLoad, measureHttp } from './measure.ts';
import { bearer, type OpContext, type OpReport } from './types.ts';
import { commentRequests, prepareComments } from './writes.ts';

/**
 * What 200 people of a studio do, by share of requests: their todo list, a task's page (full task,
 * its comments), the shots table of a sequence (a fresh load, or a revalidation), a supervisor's
 * board, reviews that change a status, the start-up context, and now and then a revalidation of the
 * whole project's table.
 */
const MIX: Array<[string, number]> = [
  ['todo', 22], ['task_full', 15], ['task_comments', 15], ['seq_shots', 10], ['seq_shots_revalidate', 10], ['comment_status', 10],
  ['task_filter', 8], ['context', 5], ['time_spents', 4.5], ['project_shots_revalidate', 0.5],
];

export async function mixed(ctx: OpContext): Promise<OpReport> {
  const { production: prod } = ctx;
  const rng = new Random(prod.projectId.charCodeAt(0), 42);
  const shape = { connections: 200, rate: ctx.options.rates.mixed ?? 100, durationSeconds: ctx.options.mixedDuration };
  const total = Math.ceil(shape.rate * (shape.durationSeconds + ctx.options.warmup) * 1.05) + 100;
  const tasks = await ctx.pool.query<{ id: string }>(
    `SELECT t.id FROM task t WHERE t.project_id = $1 AND t.last_comment_date IS NOT NULL ORDER BY t.id LIMIT 5000`, [prod.projectId]);
  const taskIds = tasks.rows.map((r) => r.id);
  const etags = new Map<string, string>();
  const etagOf = async (path: string, token: string) => {
    const cached = etags.get(path);
    if (cached !== undefined) return cached;
    const res = await fetch(`${ctx.server.baseUrl}${path}`, { headers: bearer(token) });
    await res.arrayBuffer();
    const etag = res.headers.get('etag') ?? '';
    etags.set(path, etag);
    return etag;
  };
  const comments = commentRequests(ctx, await prepareComments(ctx), Math.ceil(total * 0.12));
  const boards = prod.supervisors.flatMap((s) => {
    const type = Object.entries(prod.taskTypeDepartments).find(([, d]) => d === s.departmentIds[0])?.[0];
    return type ? [{ token: s.token, type }] : [];
  });
  const open = encodeURIComponent(JSON.stringify(['todo', 'wip', 'wfa', 'retake'].map((n) => prod.statuses[n])));
  const requests: HttpRequestSpec[] = [];
  let commentIndex = 0;
  for (let i = 0; i < total; i += 1) {
    const kind = MIX[rng.weighted(MIX.map(([, w]) => w))]?.[0] ?? 'todo';
    const artist = rng.pick(prod.artists);
    const get = (path: string, extra: Partial<HttpRequestSpec> = {}): HttpRequestSpec => ({ method: 'GET', path, headers: bearer(artist.token), kind, ...extra });
    const sequencePath = `/api/data/shots/with-tasks?project_id=${prod.projectId}&sequence_id=${rng.pick(prod.sequenceIds)}`;
    switch (kind) {
      case 'todo': requests.push(get('/api/data/user/tasks')); break;
      case 'task_full': requests.push(get(`/api/data/tasks/${rng.pick(taskIds)}/full`)); break;
      case 'task_comments': requests.push(get(`/api/data/tasks/${rng.pick(taskIds)}/comments`)); break;
      case 'seq_shots': requests.push(get(sequencePath)); break;
      case 'seq_shots_revalidate':
      case 'project_shots_revalidate': {
        const path = kind === 'seq_shots_revalidate' ? sequencePath : `/api/data/shots/with-tasks?project_id=${prod.projectId}`;
        const etag = await etagOf(path, artist.token);
        requests.push(get(path, { headers: { ...bearer(artist.token), 'if-none-match': etag }, expect: [200, 304] }));
        break;
      }
      case 'comment_status': requests.push({ ...(comments[commentIndex++ % comments.length] as HttpRequestSpec), kind }); break;
      case 'task_filter': {
        const board = rng.pick(boards);
        requests.push(get(`/api/data/tasks?project_id=${prod.projectId}&task_type_id=${board.type}&task_status_id=${open}&page=1&limit=100`,
          { headers: bearer(board.token) }));
        break;
      }
      case 'context': requests.push(get('/api/data/user/context')); break;
      default: requests.push(get('/api/data/user/time-spents'));
    }
  }
  ctx.log(`mixed: ${describeLoad(shape)} for ${shape.durationSeconds} s (${requests.length} requests planned)`);
  const main = await measureHttp(ctx, shape, requests);
  const { minutes, latency, errors } = main.result;
  const first = minutes[0]?.latency.p95 ?? 0;
  const last = minutes[minutes.length - 1]?.latency.p95 ?? 0;
  const drift = first > 0 ? Math.round((last / first) * 100) / 100 : null;
  const rssOk = (main.rssMaxMb ?? 0) <= 1024;
  return {
    name: 'mixed',
    what: '200 virtual users, realistic mix (reads, reviews, revalidations)',
    load: `${describeLoad(shape)}, ${shape.durationSeconds} s`,
    target: 'p99 <= 150 ms, 0 errors, no drift minute 1 -> last (p95 ratio <= 1.5), RSS <= 1 GB',
    main,
    extra: { driftP95: drift, minutes, rssMaxMb: main.rssMaxMb, mix: Object.fromEntries(MIX) },
    ceilings: {},
    ratios: {},
    met: ctx.options.smoke ? null : latency.p99 <= 150 && errors === 0 && drift !== null && drift <= 1.5 && rssOk,
    notes: [],
  };
}
