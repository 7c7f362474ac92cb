import type pg from 'pg';
import { seedBench } from './seed-bench.ts';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD, isTierName } from './tiers.ts';

/**
 * `rushes seed --bench [--tier F|S|small] [--seed N]`, called by the CLI with its way of reaching the
 * database. Returns a usage error to print, or undefined once the dataset is there.
 */
export async function runBenchSeed(
  args: { tier?: string; seed?: string },
  withPool: (work: (pool: pg.Pool) => Promise<void>) => Promise<void>,
  log: (line: string) => void,
): Promise<string | undefined> {
  const tier = args.tier ?? 'F';
  if (!isTierName(tier)) return `Unknown tier "${tier}": use F, S or small.`;
  const seed = args.seed === undefined ? 1 : Number(args.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return `--seed takes a non-negative integer, got "${args.seed}".`;
  await withPool(async (pool) => {
    const result = await seedBench(pool, { tier, seed, log });
    const counts = Object.entries(result.counts).map(([table, n]) => `${table} ${n}`).join(', ');
    log(result.alreadySeeded ? `Tier ${tier} (seed ${seed}) is already in this database: ${counts}.` : `Seeded tier ${tier} (seed ${seed}) in ${result.seconds.toFixed(1)} s: ${counts}.`);
    log(`Every seeded person logs in with the password "${BENCH_PASSWORD}" (admin@${BENCH_EMAIL_DOMAIN}, manager01@…, artist001@…).`);
  });
  return undefined;
}
