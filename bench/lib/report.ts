import type { Measurement, OpReport } from '../ops/types.ts';

const fmt = (value: number | undefined | null, digits = 1) => (value === undefined || value === null ? '-' : value.toFixed(digits));

/** The stdout table: one line per op (and its extra lines: revalidation, bulk rerun, rising steps). */
export function renderTable(reports: OpReport[]): string {
  const header = ['op', 'load', 'p50 ms', 'p95 ms', 'p99 ms', 'thr/s', 'err', 'CPU/req node+pg', 'cap/s', 'C_hello p95', 'C_sql p95', 'x C_sql', 'target', 'met'];
  const cpu = (m: { cpuPerRequest?: { server: number; postgres: number } } | null | undefined) =>
    m?.cpuPerRequest ? `${m.cpuPerRequest.server.toFixed(2)}+${m.cpuPerRequest.postgres.toFixed(2)}` : '-';
  const rows: string[][] = [];
  for (const r of reports) {
    const m = r.main?.result;
    rows.push([
      r.name, r.load, fmt(m?.latency.p50), fmt(m?.latency.p95), fmt(m?.latency.p99), fmt(m?.throughput), String(m?.errors ?? '-'), cpu(r.main),
      fmt((r.extra.capacity as { throughput?: number } | undefined)?.throughput, 0),
      fmt(r.ceilings.C_hello?.result.latency.p95), fmt(r.ceilings.C_sql?.result.latency.p95), fmt(r.ratios.sql, 2), r.target,
      r.met === null ? 'n/a' : r.met ? 'yes' : 'NO',
    ]);
    const revalidation = r.extra.revalidation as Measurement | undefined;
    if (revalidation) {
      const v = revalidation.result;
      rows.push(['  revalidation 304', `${revalidation.connections} conn, ${revalidation.rate}/s open`, fmt(v.latency.p50), fmt(v.latency.p95),
        fmt(v.latency.p99), fmt(v.throughput), String(v.errors), cpu(revalidation), '', '', '', '', '', '']);
    }
    if (r.name === 'bulk_tasks') {
      const rerun = r.extra.rerun as { p50: number; max: number } | undefined;
      rows.push(['  rerun (creates none)', '', fmt(rerun?.p50), '', '', '', '', '', '', '', '', '', `max ${fmt(rerun?.max)} ms`, '']);
    }
    if (r.name === 'csv_import') {
      for (const run of r.extra.runs as Array<{ rows: number; dryRunMs: number; importMs: number }>) {
        rows.push([`  ${run.rows} rows`, '', '', '', '', '', '', '', '', '', '', '', `dry run ${run.dryRunMs} ms, import ${run.importMs} ms`, '']);
      }
      const ratios = r.extra.ratios as { dryRun: number; import: number };
      rows.push(['  4x rows / 1x', '', '', '', '', '', '', '', '', '', '', '', `dry run ${fmt(ratios.dryRun, 2)}x, import ${fmt(ratios.import, 2)}x`, '']);
    }
    const noise = r.extra.noise as { runs: number; p95Spread: [number, number]; quietRuns: number; othersBusyPercent: number; stealPercent: number } | undefined;
    if (noise) {
      const spread = noise.runs > 1 ? `${noise.runs} runs (${noise.quietRuns} quiet), p95 ${fmt(noise.p95Spread[0])}-${fmt(noise.p95Spread[1])}; ` : '';
      rows.push(['  noise', '', '', '', '', '', '', '', '', '', '', '', `${spread}others ${fmt(noise.othersBusyPercent, 0)} % busy before, steal ${fmt(noise.stealPercent, 1)} %`, '']);
    }
    if (r.name === 'comment_status') rows.push(['  max sustained rate', '', '', '', '', fmt(r.extra.maxSustainedRate as number, 0), '', '', '', '', '', '', '', '']);
    if (r.name === 'mixed') rows.push(['  drift p95 min1->last', '', '', '', '', '', '', '', '', '', '', fmt(r.extra.driftP95 as number, 2), `RSS max ${String(r.extra.rssMaxMb)} MB`, '']);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
