import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TierName } from '../dataset/tiers.ts';
import { freePort } from './server-process.ts';

export interface BenchDatabase {
  /** Environment for every Rushes process of the run. */
  env: NodeJS.ProcessEnv;
  embedded: boolean;
  dataDir: string;
  /** The database URL, known once the server runs (the embedded server is started by Rushes itself). */
  connectionString(): Promise<string>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Where the run's data lives. With DATABASE_URL, a database of its own on that server
 * (rushes_bench_<tier>_s<seed>, created when missing, kept between runs so that the seed happens once).
 * Otherwise Rushes' embedded PostgreSQL in a data directory of its own, kept between runs too.
 */
export async function benchDatabase(tier: TierName, seed: number): Promise<BenchDatabase> {
  const name = `rushes_bench_${tier.toLowerCase()}_s${seed}`;
  const dataDir = process.env.RUSHES_BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'rushes-bench', `${tier}-s${seed}`);
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, RUSHES_DATA_DIR: dataDir };
  const external = process.env.DATABASE_URL;
  if (external) {
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = withDatabase(external, name);
    return { env: { ...base, DATABASE_URL: url }, embedded: false, dataDir, connectionString: async () => url };
  }
  const pgPort = await freePort();
  return {
    env: { ...base, RUSHES_EMBEDDED_PG_PORT: String(pgPort) },
    embedded: true,
    dataDir,
    async connectionString() {
      const password = (await readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
      return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/rushes`;
    },
  };
}
