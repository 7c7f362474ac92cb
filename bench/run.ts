import { mkdir, writeFile, appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { readBenchMarker } from './dataset/seed-bench.ts';
import { BENCH_DATASET_VERSION } from './dataset/tiers.ts';
import { parseBenchArgs, type BenchOptions, type OpName } from './lib/args.ts';
import { benchDatabase } from './lib/bench-db.ts';
import { postmasterOf } from './lib/cpu.ts';
import { startCluster } from './lib/cluster.ts';
import { measureNoise, type RunNoise } from './lib/noise.ts';
import { gitSha, machineFacts } from './lib/machine.ts';
import { loadProduction } from './lib/personas.ts';
import { summarizeProfile } from './lib/profile.ts';
import { renderTable } from './lib/report.ts';
import { REPO_ROOT, runRushes, startRushes, type RushesServer } from './lib/server-process.ts';
import { context, projectShots, seqShots, taskFilter, todo } from './ops/reads.ts';
import { bulkTasks, commentStatus } from './ops/writes.ts';
import { csvImport } from './ops/imports.ts';
import { eventsFanout } from './ops/events-fanout.ts';
import { tableTti } from './ops/table-tti.ts';
import { ensureBuilt } from '../web/scripts/ensure-built.ts';
import { mixed } from './ops/mixed.ts';
import type { OpContext, OpReport } from './ops/types.ts';

const RESULTS = path.join(REPO_ROOT, 'bench', 'results');
const OPS: Record<OpName, (ctx: OpContext) => Promise<OpReport>> = {
  seq_shots: seqShots, project_shots: projectShots, todo, task_filter: taskFilter, context, bulk_tasks: bulkTasks, comment_status: commentStatus, csv_import: csvImport, events_fanout: eventsFanout, table_tti: tableTti, mixed,
};

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Seeds the tier through `rushes seed --bench` (the same command users run) unless the database already holds it. */
async function ensureDataset(pool: pg.Pool, options: BenchOptions, env: NodeJS.ProcessEnv): Promise<number | null> {
  const marker = await readBenchMarker(pool);
  if (marker && marker.tier === options.tier && marker.seed === options.seed && marker.version === BENCH_DATASET_VERSION) return null;
  if (marker) throw new Error(`The bench database holds ${JSON.stringify(marker)}; remove it (or set RUSHES_BENCH_DATA_DIR) to reseed.`);
  const started = Date.now();
  await runRushes(['seed', '--bench', '--tier', options.tier, '--seed', String(options.seed)], env, (line) => log(`seed: ${line}`));
  return (Date.now() - started) / 1000;
}

/**
 * Runs each op `repeats` times, and again (up to `retries` more) while its runs were disturbed by the
 * rest of the machine. The op's figure is its (upper) median run by p95 among the undisturbed ones (all of
 * them when none was quiet); every run's p95 and noise are kept in `extra.runs`.
 */
async function runOps(ctx: OpContext, options: BenchOptions): Promise<OpReport[]> {
  const reports: OpReport[] = [];
  for (const name of options.only) {
    const runs: Array<{ report: OpReport; noise: RunNoise }> = [];
    let retries = 0;
    for (;;) {
      const { result: report, noise } = await measureNoise(() => OPS[name](ctx));
      runs.push({ report, noise });
      const p95 = report.main?.result.latency.p95 ?? '-';
      log(`${name}: p95 ${p95} ms, errors ${report.main?.result.errors ?? '-'}, met ${report.met}; others kept the CPUs ${noise.othersBusyPercent} % busy before it, steal ${noise.stealPercent} %${noise.disturbed ? ' (disturbed)' : ''}`);
      const quiet = runs.filter((run) => !run.noise.disturbed).length;
      if (runs.length >= options.repeats && (quiet >= options.repeats || retries >= options.retries)) break;
      if (runs.length >= options.repeats) retries += 1;
    }
    reports.push(chooseRun(runs));
  }
  return reports;
}

function chooseRun(runs: Array<{ report: OpReport; noise: RunNoise }>): OpReport {
  const quiet = runs.filter((run) => !run.noise.disturbed);
  const pool = (quiet.length ? quiet : runs).slice().sort((a, b) => (a.report.main?.result.latency.p95 ?? 0) - (b.report.main?.result.latency.p95 ?? 0));
  // The upper median: of two runs, the slower one.
  const chosen = pool[Math.ceil((pool.length - 1) / 2)]!;
  const p95s = runs.map((run) => run.report.main?.result.latency.p95 ?? 0);
  chosen.report.extra.runs = runs.map((run) => ({ p95: run.report.main?.result.latency.p95 ?? null, met: run.report.met, ...run.noise }));
  chosen.report.extra.noise = { ...chosen.noise, runs: runs.length, p95Spread: [Math.min(...p95s), Math.max(...p95s)], quietRuns: quiet.length };
  if (!quiet.length) chosen.report.notes.push(`Every run was disturbed by the rest of the machine (${runs.length} runs): read its figures with that in mind.`);
  return chosen.report;
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const sha = gitSha();
  const stem = `${options.tier}-${sha}${options.processes > 1 ? `-p${options.processes}` : ''}`;
  await mkdir(RESULTS, { recursive: true });
  const database = await benchDatabase(options.tier, options.seed);
  const profileDir = options.cpuProf ? path.join(RESULTS, 'profiles', stem) : undefined;
  if (profileDir) await mkdir(profileDir, { recursive: true });
  log(`tier ${options.tier}, seed ${options.seed}, ${database.embedded ? `embedded PostgreSQL in ${database.dataDir}` : 'DATABASE_URL'}`);
  // The browser op opens the web app: the server serves web/dist as it is when it starts.
  if (options.only.includes('table_tti')) await ensureBuilt((line) => log(line));
  const serverStarted = Date.now();
  let server: RushesServer | undefined = await startRushes({
    env: { ...database.env, LOG_LEVEL: options.logLevel }, logFile: path.join(RESULTS, `${stem}.server.log`), cpuProfDir: profileDir,
  });
  const connectionString = await database.connectionString();
  const pool = new pg.Pool({ connectionString, max: 4 });
  // The embedded PostgreSQL stops with the server: its idle connections then end, which is no error here.
  pool.on('error', () => undefined);
  let poolEnded = false;
  try {
    const seedSeconds = await ensureDataset(pool, options, database.env);
    const machine = await machineFacts(pool, database.embedded);
    const counts = await pool.query<{ tasks: number; comments: number; shots: number }>(
      `SELECT (SELECT count(*) FROM task)::int AS tasks, (SELECT count(*) FROM comment)::int AS comments,
              (SELECT count(*) FROM entity e JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot')::int AS shots`);
    // More processes join once the dataset is there (the first one migrated): same database, same files.
    const cluster = await startCluster(server, options, { ...database.env, DATABASE_URL: connectionString }, stem, profileDir);
    server = cluster.server;
    const production = await loadProduction(pool, server.baseUrl, options.tier);
    log(`logged in ${production.artists.length} artists, ${production.supervisors.length} supervisors, a manager and the admin`);
    const explainFile = path.join(RESULTS, `${stem}.explain.txt`);
    // CPU accounting needs a PostgreSQL of our own: a shared one's time is everybody's.
    const backend = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const postmaster = database.embedded ? await postmasterOf(backend.rows[0]?.pid ?? 0) : undefined;
    const ctx: OpContext = {
      options, server, pool, connectionString, production, log,
      cpu: () => cluster.cpu(postmaster),
      async explain(name, sql, params) {
        const result = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
        await appendFile(explainFile, `=== ${name}\n${result.rows.map((r) => r['QUERY PLAN']).join('\n')}\n\n`);
      },
    };
    const opsStarted = Date.now();
    const reports = await runOps(ctx, options);
    const rssMaxMb = Math.max(0, ...reports.flatMap((r) => [r.main?.rssMaxMb ?? 0]));
    const datasetCounts = counts.rows[0];
    await pool.end();
    poolEnded = true;
    const stopping = server;
    server = undefined;
    await stopping.stop();
    const profile = profileDir ? await summarizeProfiles(profileDir, (opsStarted - serverStarted) / 1000) : undefined;
    const output = {
      tier: options.tier, seed: options.seed, commit: sha, date: new Date().toISOString(),
      options: { processes: options.processes, repeats: options.repeats, retries: options.retries, duration: options.duration, warmup: options.warmup, mixedDuration: options.mixedDuration, quick: options.quick, smoke: options.smoke, logLevel: options.logLevel },
      machine: { ...machine, loadAverageAtEnd: (await import('node:os')).loadavg().map((v) => Math.round(v * 100) / 100) },
      dataset: { ...datasetCounts, seededNowSeconds: seedSeconds },
      serverRssMaxMb: rssMaxMb,
      ops: Object.fromEntries(reports.map((r) => [r.name, r])),
      ...(profile ? { profile } : {}),
    };
    const file = path.join(RESULTS, `${stem}.json`);
    await writeFile(file, `${JSON.stringify(output, null, 2)}\n`);
    console.log(`\n${renderTable(reports)}\n`);
    console.log(`machine: ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.postgres}; load average ${machine.loadAverageAtStart.join(' ')} at start`);
    if (options.processes > 1) console.log(`${options.processes} Rushes processes behind a round-robin balancer (http-proxy-3, a process of its own); CPU per request sums the processes`);
    if (profile) console.log(`server profile (self time):\n${profile.map((p) => `  ${p.selfPercent.toFixed(1)} %  ${p.function}`).join('\n')}`);
    console.log(`results: ${path.relative(REPO_ROOT, file)}`);
  } finally {
    if (!poolEnded) await pool.end();
    await server?.stop();
  }
}

/** The server's main thread (of the profiles written, tsx's loader thread writes one too, the busiest), while the ops ran. */
async function summarizeProfiles(dir: string, skipSeconds: number) {
  let best: { hits: number; profile: unknown } | undefined;
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as { nodes?: Array<{ hitCount?: number; callFrame: { functionName: string } }> };
    const hits = (profile.nodes ?? []).reduce((sum, n) => sum + (n.callFrame.functionName === '(idle)' ? 0 : (n.hitCount ?? 0)), 0);
    if (!best || hits > best.hits) best = { hits, profile };
  }
  return best ? summarizeProfile(best.profile, 30, skipSeconds) : undefined;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});
