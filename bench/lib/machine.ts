import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type pg from 'pg';

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  embeddedPostgres: boolean;
  loadAverageAtStart: number[];
  platform: string;
}

/** The commit measured: RUSHES_BENCH_COMMIT when the run is a snapshot of a commit (no .git), else HEAD (+ "-dirty"). */
export function gitSha(): string {
  if (process.env.RUSHES_BENCH_COMMIT) return process.env.RUSHES_BENCH_COMMIT;
  try {
    const sha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return 'unknown';
  }
}

const SETTINGS = ['shared_buffers', 'work_mem', 'max_connections', 'synchronous_commit', 'fsync', 'wal_level', 'jit', 'max_parallel_workers_per_gather'];

export async function machineFacts(pool: pg.Pool, embedded: boolean): Promise<MachineFacts> {
  const version = await pool.query<{ version: string }>('SELECT version()');
  const settings = await pool.query<{ name: string; setting: string; unit: string | null }>(
    'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1::text[])', [SETTINGS]);
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    postgres: (version.rows[0]?.version ?? '').split(' on ')[0] ?? '',
    postgresSettings: Object.fromEntries(settings.rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting])),
    embeddedPostgres: embedded,
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
    platform: `${os.platform()} ${os.release()}`,
  };
}
