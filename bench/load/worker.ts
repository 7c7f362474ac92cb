import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../../server/src/platform/db/schema.ts';
import { installTypeParsers } from '../../server/src/platform/db/pg-types.ts';
import { preparingPool } from '../../server/src/platform/db/prepared-pool.ts';
import { BROWSER_ACCEPT_ENCODING, summarize, type HttpRequestSpec, type LoadResult, type LoadSpec, type SqlRequestSpec, type WorkerMessage } from './protocol.ts';
import { SQL_QUERIES } from './sql-queries.ts';

/**
 * A load process (forked by the runner, so that generating load never shares an event loop with the
 * server or the runner). Open model, corrected for coordinated omission: requests arrive on a fixed
 * schedule (rate r: one every 1/r s); at most `connections` are in flight and a later arrival waits
 * for a free one; a request's latency runs from its scheduled arrival, not from when it could be sent,
 * so a slow server is charged for the queue it causes.
 */

interface Outcome {
  ok: boolean;
  status: string;
  bytes: number;
  error?: string;
}

type Sender = (request: HttpRequestSpec | SqlRequestSpec) => Promise<Outcome>;

function httpSender(baseUrl: string, connections: number, timeoutMs: number): { send: Sender; close(): Promise<void> } {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const send: Sender = (spec) =>
    new Promise((resolve) => {
      const request = spec as HttpRequestSpec;
      const headers: Record<string, string> = { 'accept-encoding': BROWSER_ACCEPT_ENCODING, ...request.headers };
      if (request.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        headers['content-length'] = String(Buffer.byteLength(request.body));
      }
      const req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          const ok = request.expect ? request.expect.includes(code) : code >= 200 && code < 300;
          resolve({ ok, status: String(code), bytes });
        });
        res.on('error', (error) => resolve({ ok: false, status: 'response-error', bytes, error: error.message }));
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', (error) => resolve({ ok: false, status: 'request-error', bytes: 0, error: error.message }));
      req.end(request.body);
    });
  return { send, close: async () => agent.destroy() };
}

function sqlSender(connectionString: string, connections: number): { send: Sender; close(): Promise<void> } {
  installTypeParsers();
  const pool = new pg.Pool({ connectionString, max: connections });
  pool.on('error', () => undefined);
  // Prepared like the server's own statements: a direct client would not plan each call again either.
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  const send: Sender = async (spec) => {
    const request = spec as SqlRequestSpec;
    const query = SQL_QUERIES[request.query];
    if (!query) return { ok: false, status: 'unknown-query', bytes: 0, error: `no SQL query named ${request.query}` };
    try {
      const bytes = await query(db, request.args);
      return { ok: true, status: 'ok', bytes };
    } catch (error) {
      return { ok: false, status: 'sql-error', bytes: 0, error: (error as Error).message };
    }
  };
  return { send, close: () => db.destroy() };
}

interface Sample {
  intended: number;
  latency: number;
  ok: boolean;
  kind: string;
}

function report(
  spec: LoadSpec,
  measured: Sample[],
  statuses: Record<string, number>,
  extra: { windowStart: number; unfinished: number; firstError?: string; bytes: number; completedTotal: number },
): LoadResult {
  const ok = measured.filter((s) => s.ok);
  const minutes: LoadResult['minutes'] = [];
  const { windowStart } = extra;
  for (let minute = 1; minute <= Math.ceil(spec.durationSeconds / 60); minute += 1) {
    const inMinute = ok.filter((s) => Math.floor((s.intended - windowStart) / 60_000) + 1 === minute);
    const seconds = Math.min(60, spec.durationSeconds - (minute - 1) * 60);
    minutes.push({ minute, throughput: inMinute.length / seconds, latency: summarize(inMinute.map((s) => s.latency)) });
  }
  const byKind: LoadResult['byKind'] = {};
  for (const kind of new Set(measured.map((s) => s.kind))) {
    const of = measured.filter((s) => s.kind === kind);
    byKind[kind] = { latency: summarize(of.filter((s) => s.ok).map((s) => s.latency)), errors: of.filter((s) => !s.ok).length };
  }
  return {
    throughput: Math.round((ok.length / spec.durationSeconds) * 10) / 10,
    offeredRate: spec.rate,
    latency: summarize(ok.map((s) => s.latency)),
    errors: measured.length - ok.length + extra.unfinished,
    statuses,
    minutes,
    byKind,
    unfinished: extra.unfinished,
    ...(extra.firstError ? { firstError: extra.firstError } : {}),
    bytes: extra.bytes,
    completedTotal: extra.completedTotal,
  };
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const sender = spec.target.type === 'http' ? httpSender(spec.target.baseUrl, spec.connections, spec.timeoutMs) : sqlSender(spec.target.connectionString, spec.connections);
  const interval = 1000 / spec.rate;
  const start = performance.now() + 20;
  const measureFrom = start + spec.warmupSeconds * 1000;
  const end = measureFrom + spec.durationSeconds * 1000;
  const waiting: number[] = [];
  let waitingHead = 0;
  let arrivals = 0;
  let sent = 0;
  let inFlight = 0;
  let bytes = 0;
  let completedTotal = 0;
  let firstError: string | undefined;
  const samples: Sample[] = [];
  const statuses: Record<string, number> = {};

  const dispatch = (intended: number) => {
    const request = spec.requests[sent % spec.requests.length];
    sent += 1;
    if (!request) return;
    inFlight += 1;
    void sender.send(request).then((outcome) => {
      inFlight -= 1;
      completedTotal += 1;
      if (intended >= measureFrom) {
        samples.push({ intended, latency: performance.now() - intended, ok: outcome.ok, kind: request.kind ?? 'all' });
        statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
        bytes += outcome.bytes;
        if (!outcome.ok) firstError ??= outcome.error ?? `status ${outcome.status}`;
      }
      pump();
    });
  };
  const pump = () => {
    const now = performance.now();
    for (let due = start + arrivals * interval; due <= now && due < end; due = start + arrivals * interval) {
      waiting.push(due);
      arrivals += 1;
    }
    while (inFlight < spec.connections && waitingHead < waiting.length) dispatch(waiting[waitingHead++] ?? now);
  };

  // The scheduler ticks every millisecond (arrivals due since the last tick are released together).
  await new Promise<void>((resolve) => {
    const tick = () => {
      pump();
      if (performance.now() < end) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  // Drain: arrivals of the window still queued or in flight get up to the request timeout to finish.
  const drainUntil = performance.now() + spec.timeoutMs;
  while ((inFlight > 0 || waitingHead < waiting.length) && performance.now() < drainUntil) {
    pump();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const unfinished = inFlight + (waiting.length - waitingHead);
  await sender.close();
  return report(spec, samples, statuses, { windowStart: measureFrom, unfinished, firstError, bytes, completedTotal });
}

process.once('message', (spec: LoadSpec) => {
  run(spec).then(
    (result) => process.send?.({ type: 'result', result } satisfies WorkerMessage, () => process.exit(0)),
    (error: unknown) => process.send?.({ type: 'error', message: (error as Error).stack ?? String(error) } satisfies WorkerMessage, () => process.exit(1)),
  );
});
