import { runLoad } from '../lib/load.ts';
import { sampler } from '../lib/server-process.ts';
import type { HttpRequestSpec, SqlRequestSpec } from '../load/protocol.ts';
import type { Measurement, OpContext } from './types.ts';

export interface LoadShape {
  connections: number;
  rate: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  timeoutMs?: number;
}

async function withCpu(ctx: OpContext, run: () => Promise<Measurement>): Promise<Measurement> {
  const before = await ctx.cpu();
  const measurement = await run();
  const after = await ctx.cpu();
  const n = Math.max(1, measurement.result.completedTotal);
  const per = (a: number, b: number) => Math.round(((b - a) / n) * 100) / 100;
  return { ...measurement, cpuPerRequest: { server: per(before.server, after.server), postgres: per(before.postgres, after.postgres) } };
}

/** One HTTP load against the server, its RSS sampled every second and its CPU cost accounted. */
export function measureHttp(ctx: OpContext, shape: LoadShape, requests: HttpRequestSpec[]): Promise<Measurement> {
  return withCpu(ctx, () => httpRun(ctx, shape, requests));
}

async function httpRun(ctx: OpContext, shape: LoadShape, requests: HttpRequestSpec[]): Promise<Measurement> {
  const durationSeconds = shape.durationSeconds ?? ctx.options.duration;
  const rss = sampler(() => ctx.server.rssMb());
  const result = await runLoad({
    target: { type: 'http', baseUrl: ctx.server.baseUrl },
    requests,
    rate: shape.rate,
    connections: shape.connections,
    warmupSeconds: shape.warmupSeconds ?? ctx.options.warmup,
    durationSeconds,
    timeoutMs: shape.timeoutMs ?? 30_000,
  });
  const samples = await rss.stop();
  return { connections: shape.connections, rate: shape.rate, durationSeconds, result, rssMaxMb: Math.max(0, ...samples) };
}

export function measureSql(ctx: OpContext, shape: LoadShape, requests: SqlRequestSpec[]): Promise<Measurement> {
  return withCpu(ctx, () => sqlRun(ctx, shape, requests));
}

async function sqlRun(ctx: OpContext, shape: LoadShape, requests: SqlRequestSpec[]): Promise<Measurement> {
  const durationSeconds = shape.durationSeconds ?? ctx.options.duration;
  const result = await runLoad({
    target: { type: 'sql', connectionString: ctx.connectionString },
    requests,
    rate: shape.rate,
    connections: shape.connections,
    warmupSeconds: shape.warmupSeconds ?? ctx.options.warmup,
    durationSeconds,
    timeoutMs: shape.timeoutMs ?? 30_000,
  });
  return { connections: shape.connections, rate: shape.rate, durationSeconds, result };
}

/** C_hello: the API root (no auth, no database) of the same server, at the same connections and rate. */
export function measureHello(ctx: OpContext, shape: LoadShape): Promise<Measurement> {
  return measureHttp(ctx, shape, [{ method: 'GET', path: '/api/', kind: 'hello' }]);
}

export const ratio = (op: Measurement | null | undefined, ceiling: Measurement | undefined): number | undefined => {
  if (!op || !ceiling || ceiling.result.latency.p95 <= 0) return undefined;
  return Math.round((op.result.latency.p95 / ceiling.result.latency.p95) * 100) / 100;
};

/** `count` items cycling over a list. */
export function cycle<T, R>(items: T[], count: number, make: (item: T, index: number) => R): R[] {
  if (items.length === 0) throw new Error('nothing to cycle over');
  return Array.from({ length: count }, (_, i) => make(items[i % items.length] as T, i));
}

export const describeLoad = (m: { connections: number; rate: number }) => `${m.connections} conn, ${m.rate}/s open`;
