import { parseArgs } from 'node:util';
import { isTierName, type TierName } from '../dataset/tiers.ts';

export const OP_NAMES = ['seq_shots', 'project_shots', 'todo', 'task_filter', 'context', 'bulk_tasks', 'comment_status', 'csv_import', 'events_fanout', 'table_tti', 'mixed'] as const;
export type OpName = (typeof OP_NAMES)[number];

export interface BenchOptions {
  tier: TierName;
  seed: number;
  only: OpName[];
  /** Measured seconds per load run (each op runs itself and its ceilings). */
  duration: number;
  warmup: number;
  mixedDuration: number;
  /** Per-op offered rates overriding the defaults (`--rate todo=300`). */
  rates: Partial<Record<OpName, number>>;
  cpuProf: boolean;
  explain: boolean;
  logLevel: string;
  /** CI: prove the benchmark runs end to end; no target is checked. */
  smoke: boolean;
  quick: boolean;
  /** Rushes processes on the one database, behind a round-robin balancer when more than one. */
  processes: number;
  /** Runs of each op (its figure: the median p95 run; the spread is reported). */
  repeats: number;
  /** Extra runs of an op whose run was disturbed by the rest of the machine (bench/lib/noise.ts). */
  retries: number;
}

const USAGE = `Usage: npm run bench -- [options]
  --tier F|S|small     dataset (default F), seeded on first use
  --seed N             dataset seed (default 1)
  --only a,b           ops to run: ${OP_NAMES.join(', ')}
  --duration S         measured seconds per load run (default 30)
  --warmup S           unmeasured seconds before each run (default 5)
  --mixed-duration S   the mixed load's length (default 300: the issue's 5 minutes)
  --quick              --duration 10 --warmup 2 --mixed-duration 60 (a full tier in about ten minutes)
  --rate op=R          offered rate of an op (requests per second), repeatable
  --cpu-prof           profile the server (node --cpu-prof); a summary goes to bench/results/
  --explain            EXPLAIN (ANALYZE, BUFFERS) of each op's SQL into bench/results/
  --log-level L        the server's LOG_LEVEL (default info, as deployed)
  --processes N        N Rushes processes on the one database behind a round-robin balancer (default 1)
  --repeats N          runs of each op; its figure is the median run, with the spread (default 1)
  --retries N          extra runs of an op disturbed by the rest of the machine (default 2; smoke 0)
  --smoke              CI: tier small, short runs, no targets
Environment: DATABASE_URL (PostgreSQL to use; the bench creates its own database there), otherwise the
embedded PostgreSQL with its data in RUSHES_BENCH_DATA_DIR (default <tmp>/rushes-bench/<tier>-s<seed>).`;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      tier: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' }, duration: { type: 'string' },
      warmup: { type: 'string' }, 'mixed-duration': { type: 'string' }, quick: { type: 'boolean' }, rate: { type: 'string', multiple: true },
      'cpu-prof': { type: 'boolean' }, explain: { type: 'boolean' }, 'log-level': { type: 'string' }, smoke: { type: 'boolean' }, processes: { type: 'string' }, repeats: { type: 'string' }, retries: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const smoke = values.smoke ?? false;
  const quick = (values.quick ?? false) || smoke;
  const tier = values.tier ?? (smoke ? 'small' : 'F');
  if (!isTierName(tier)) throw new Error(`Unknown tier "${tier}".\n${USAGE}`);
  const number = (raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`Not a number: ${raw}`);
    return value;
  };
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...OP_NAMES];
  for (const name of only) if (!(OP_NAMES as readonly string[]).includes(name)) throw new Error(`Unknown op "${name}".\n${USAGE}`);
  const rates: Partial<Record<OpName, number>> = {};
  for (const entry of values.rate ?? []) {
    const [name, rate] = entry.split('=');
    if (!name || !(OP_NAMES as readonly string[]).includes(name)) throw new Error(`--rate takes op=R, got ${entry}`);
    rates[name as OpName] = number(rate, 0);
  }
  return {
    tier,
    seed: number(values.seed, 1),
    only: only as OpName[],
    duration: number(values.duration, smoke ? 2 : quick ? 10 : 30),
    warmup: number(values.warmup, smoke ? 0.5 : quick ? 2 : 5),
    mixedDuration: number(values['mixed-duration'], smoke ? 4 : quick ? 60 : 300),
    rates,
    cpuProf: values['cpu-prof'] ?? false,
    explain: values.explain ?? false,
    logLevel: values['log-level'] ?? 'info',
    smoke,
    quick,
    processes: processCount(values.processes),
    repeats: Math.max(1, Math.round(number(values.repeats, 1))),
    retries: Math.round(number(values.retries, smoke ? 0 : 2)),
  };
}

function processCount(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 8) throw new Error(`--processes takes 1 to 8, got ${raw}`);
  return count;
}
