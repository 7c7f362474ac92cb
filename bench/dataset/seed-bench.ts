import type pg from 'pg';
import { hashPassword } from '../../server/src/platform/auth/password.ts';
import { planDataset } from './plan.ts';
import { BENCH_DATASET_VERSION, BENCH_MARKER_KEY, BENCH_PASSWORD, TIERS, type TierName } from './tiers.ts';
import { writeReference } from './write-reference.ts';
import { writeComments, writeEntities, writePeople, writeProjects, writeTasks, writeTimeSpentsAndWatchers } from './write-production.ts';

export interface BenchMarker {
  tier: TierName;
  seed: number;
  version: number;
}

export interface SeedResult {
  alreadySeeded: boolean;
  marker: BenchMarker;
  counts: Record<string, number>;
  seconds: number;
}

/** The dataset a database holds, if any (server_setting row written by the seed). */
export async function readBenchMarker(db: pg.Pool | pg.PoolClient): Promise<BenchMarker | undefined> {
  const result = await db.query<{ value: string }>('SELECT value FROM server_setting WHERE key = $1', [BENCH_MARKER_KEY]);
  const value = result.rows[0]?.value;
  return value === undefined ? undefined : (JSON.parse(value) as BenchMarker);
}

const TABLES = ['person', 'project', 'entity', 'task', 'assignations', 'comment', 'news', 'notification', 'time_spent', 'subscription'] as const;

async function countRows(client: pg.PoolClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const result = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = result.rows[0]?.n ?? 0;
  }
  const changing = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM news WHERE change`);
  counts.status_changing_comments = changing.rows[0]?.n ?? 0;
  return counts;
}

/**
 * `rushes seed --bench`: writes a tier's dataset in one transaction with COPY (foreign-key triggers
 * off when the role may do so: the rows are consistent by construction), then VACUUM ANALYZE. The
 * same seed always gives the same rows. A database that already holds this dataset is left as is;
 * one holding another dataset is refused.
 */
export async function seedBench(pool: pg.Pool, options: { tier: TierName; seed: number; log: (line: string) => void }): Promise<SeedResult> {
  const started = Date.now();
  const marker: BenchMarker = { tier: options.tier, seed: options.seed, version: BENCH_DATASET_VERSION };
  const client = await pool.connect();
  try {
    const existing = await readBenchMarker(client);
    if (existing) {
      if (existing.tier === marker.tier && existing.seed === marker.seed && existing.version === marker.version) {
        return { alreadySeeded: true, marker, counts: await countRows(client), seconds: (Date.now() - started) / 1000 };
      }
      throw new Error(`This database already holds the bench dataset ${JSON.stringify(existing)}; seed tier ${options.tier} into an empty database.`);
    }
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    const plan = planDataset(TIERS[options.tier], options.seed);
    options.log(`planned tier ${options.tier} (seed ${options.seed}): ${plan.tasks.length} tasks, ${plan.comments.count} comments (${elapsed()})`);
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    await client.query('BEGIN');
    try {
      const superuser = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
      if (superuser.rows[0]?.rolsuper) await client.query('SET LOCAL session_replication_role = replica');
      const ref = await writeReference(client, plan);
      await writePeople(client, plan, ref, passwordHash);
      await writeProjects(client, plan, ref);
      await writeEntities(client, plan, ref);
      await writeTasks(client, plan, ref);
      options.log(`wrote people, projects, ${plan.entities.length} entities and ${plan.tasks.length} tasks (${elapsed()})`);
      await writeComments(client, plan, ref);
      options.log(`wrote ${plan.comments.count} comments with their news and notifications (${elapsed()})`);
      await writeTimeSpentsAndWatchers(client, plan);
      await client.query('INSERT INTO server_setting (key, value) VALUES ($1, $2)', [BENCH_MARKER_KEY, JSON.stringify(marker)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    options.log(`committed (${elapsed()}); vacuum analyze…`);
    await client.query('VACUUM (ANALYZE)');
    const counts = await countRows(client);
    return { alreadySeeded: false, marker, counts, seconds: (Date.now() - started) / 1000 };
  } finally {
    client.release();
  }
}
