/** What the runner asks a load process to do, and what it answers (child-process IPC messages). */

/**
 * What Chromium sends as Accept-Encoding: every HTTP request of the benchmark says the same unless
 * its spec sets the header, so that answers are compressed (and their CPU counted) as the web app
 * gets them. Bytes are counted as they come over the wire, compressed.
 */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Statuses that count as success (default: 2xx). */
  expect?: number[];
  /** Label for per-kind statistics (mixed load). */
  kind?: string;
}

export interface SqlRequestSpec {
  /** A named query of bench/load/sql-queries.ts, with its JSON arguments. */
  query: string;
  args: unknown;
  kind?: string;
}

export interface LoadSpec {
  target: { type: 'http'; baseUrl: string } | { type: 'sql'; connectionString: string };
  /** Requests are sent in this order, cycling. */
  requests: Array<HttpRequestSpec | SqlRequestSpec>;
  /** Open model: arrivals at this rate (per second), whatever the latency. */
  rate: number;
  /** At most this many requests in flight (connections / pool size); later arrivals wait, and their wait counts. */
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Abort a request after this long (counted as an error). */
  timeoutMs: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  /** Completed requests per second over the measured window. */
  throughput: number;
  offeredRate: number;
  latency: LatencySummary;
  errors: number;
  /** Responses by HTTP status (or "ok" / error name for SQL). */
  statuses: Record<string, number>;
  /** Per-minute latency (mixed load drift), 1-based minute numbers. */
  minutes: Array<{ minute: number; throughput: number; latency: LatencySummary }>;
  byKind: Record<string, { latency: LatencySummary; errors: number }>;
  /** Requests that were still waiting for a connection or a response when the window closed. */
  unfinished: number;
  firstError?: string;
  bytes: number;
  /** Every completed request, warm-up included (CPU accounting divides by it). */
  completedTotal: number;
}

export type WorkerMessage = { type: 'result'; result: LoadResult } | { type: 'error'; message: string };

/** Nearest-rank percentiles over raw samples (milliseconds). */
export function summarize(samples: number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const total = sorted.reduce((sum, v) => sum + v, 0);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(total / sorted.length),
  };
}
