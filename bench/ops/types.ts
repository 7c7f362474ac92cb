import type pg from 'pg';
import type { BenchOptions, OpName } from '../lib/args.ts';
import type { Production } from '../lib/personas.ts';
import type { RushesServer } from '../lib/server-process.ts';
import type { HttpRequestSpec, LoadResult, SqlRequestSpec } from '../load/protocol.ts';

export interface OpContext {
  options: BenchOptions;
  server: RushesServer;
  /** The run's database (the runner's own small pool: setup queries, EXPLAIN). */
  pool: pg.Pool;
  connectionString: string;
  production: Production;
  log(line: string): void;
  /** CPU ms used so far by the server process and by PostgreSQL (0 when not measurable: external PostgreSQL). */
  cpu(): Promise<{ server: number; postgres: number }>;
  /** EXPLAIN output of the op's SQL is written here when --explain is on. */
  explain(name: string, sql: string, params: unknown[]): Promise<void>;
}

export interface Measurement {
  connections: number;
  rate: number;
  durationSeconds: number;
  result: LoadResult;
  /** Highest server RSS sampled during the run (MB). */
  rssMaxMb?: number;
  /** CPU per completed request (ms): the server process and PostgreSQL; robust to a busy machine. */
  cpuPerRequest?: { server: number; postgres: number };
}

export interface OpReport {
  name: OpName;
  what: string;
  load: string;
  target: string;
  main: Measurement | null;
  /** Other measured figures: the revalidation run, rising-rate steps, bulk timings... */
  extra: Record<string, unknown>;
  ceilings: { C_hello?: Measurement; C_sql?: Measurement };
  /** The op's p95 over each ceiling's p95. */
  ratios: { hello?: number; sql?: number };
  /** null: no target (smoke runs) or not measurable. */
  met: boolean | null;
  notes: string[];
}

export type Requests = Array<HttpRequestSpec | SqlRequestSpec>;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
