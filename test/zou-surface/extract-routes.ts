/**
 * Extracts the list of HTTP calls made by Gazu and by the Kitsu web client's API layer into
 * test/zou-surface/routes.json (data only: no code of theirs is kept).
 *
 *   node --import tsx test/zou-surface/extract-routes.ts <gazu-checkout> <kitsu-checkout>
 *
 * Each checkout is a git work tree, a git directory (a bare mirror), or a plain directory; a plain
 * directory may carry a SOURCE.json saying where its files were read from (per-file commits). CI never
 * runs this (no network, no checkouts): it only reads the committed routes.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractedFunction } from './extracted-function.ts';
import { gazuModuleCalls } from './gazu-calls.ts';
import { kitsuFileCalls } from './kitsu-calls.ts';
import { MANUAL_RESOLUTIONS } from './manual-resolutions.ts';
import type { ClientCall, ClientName, RouteList, SourceInfo } from './route-list.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Checkout { dir: string; source: SourceInfo }

/** A readable directory of the sources, and where they come from. A bare git directory is exported first. */
function openCheckout(given: string, repository: string, subdir: string): Checkout {
  const git = (...args: string[]) => execFileSync('git', ['-C', given, ...args], { encoding: 'utf8' }).trim();
  const manifest = path.join(given, 'SOURCE.json');
  if (existsSync(path.join(given, subdir))) {
    if (existsSync(manifest)) {
      const recorded = JSON.parse(readFileSync(manifest, 'utf8')) as SourceInfo & { how?: string };
      return { dir: given, source: { repository, commit: recorded.commit ?? null, files: recorded.files, note: recorded.how } };
    }
    return { dir: given, source: { repository, commit: existsSync(path.join(given, '.git')) ? git('rev-parse', 'HEAD') : null } };
  }
  // A bare mirror: export the one folder needed at HEAD.
  const commit = git('rev-parse', 'HEAD');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zou-surface-'));
  execFileSync('sh', ['-c', `git -C "$1" archive HEAD "$2" | tar -x -C "$3"`, 'sh', given, subdir, dir]);
  return { dir, source: { repository, commit } };
}

interface Collected { calls: ClientCall[]; withoutCalls: number; excluded: RouteList['excluded']; unresolved: string[] }

/** Applies the manual table, then keeps every request as a call; helpers and unresolved ones are reported. */
function collect(client: ClientName, functions: ExtractedFunction[]): Collected {
  const out: Collected = { calls: [], withoutCalls: 0, excluded: [], unresolved: [] };
  for (const fn of functions) {
    const manual = MANUAL_RESOLUTIONS[`${client}:${fn.module}:${fn.function}`];
    if (manual && 'exclude' in manual) { out.excluded.push({ client, module: fn.module, function: fn.function, reason: manual.exclude }); continue; }
    if (manual) {
      for (const call of manual.calls) out.calls.push({ client, module: fn.module, function: fn.function, ...call, resolution: 'manual' });
      continue;
    }
    const passThrough = fn.unresolved.filter((item) => item.passThrough);
    if (passThrough.length > 0 && fn.calls.length === 0 && passThrough.length === fn.unresolved.length) {
      out.excluded.push({ client, module: fn.module, function: fn.function, reason: 'transport helper: sends the path its caller gives' });
      continue;
    }
    for (const item of fn.unresolved) out.unresolved.push(`${client} ${fn.module} ${fn.function}: ${item.reason}`);
    if (fn.calls.length === 0 && fn.unresolved.length === 0) out.withoutCalls += 1;
    const seen = new Set<string>();
    for (const call of fn.calls) {
      const key = `${call.method} ${call.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.calls.push({ client, module: fn.module, function: fn.function, ...call, resolution: 'auto' });
    }
  }
  return out;
}

function main(): void {
  const [gazuArg, kitsuArg] = process.argv.slice(2);
  if (!gazuArg || !kitsuArg) {
    console.error('usage: node --import tsx test/zou-surface/extract-routes.ts <gazu-checkout> <kitsu-checkout>');
    process.exit(2);
  }
  const gazu = openCheckout(gazuArg, 'cgwire/gazu', 'gazu');
  const kitsu = openCheckout(kitsuArg, 'cgwire/kitsu', 'src/store/api');
  const gazuDir = path.join(gazu.dir, 'gazu');
  const kitsuDir = path.join(kitsu.dir, 'src/store/api');
  const gazuFunctions = readdirSync(gazuDir).filter((name) => name.endsWith('.py')).sort()
    .flatMap((name) => gazuModuleCalls(name.replace(/\.py$/, ''), readFileSync(path.join(gazuDir, name), 'utf8')));
  const kitsuFunctions = readdirSync(kitsuDir).filter((name) => name.endsWith('.js') && name !== 'client.js').sort()
    .flatMap((name) => kitsuFileCalls(name, readFileSync(path.join(kitsuDir, name), 'utf8')));
  const fromGazu = collect('gazu', gazuFunctions);
  const fromKitsu = collect('kitsu', kitsuFunctions);
  const list: RouteList = {
    generated_by: 'test/zou-surface/extract-routes.ts',
    sources: { gazu: gazu.source, kitsu: kitsu.source },
    functions_without_calls: { gazu: fromGazu.withoutCalls, kitsu: fromKitsu.withoutCalls },
    excluded: [...fromGazu.excluded, ...fromKitsu.excluded],
    calls: [...fromGazu.calls, ...fromKitsu.calls],
  };
  writeFileSync(path.join(here, 'routes.json'), `${JSON.stringify(list, null, 2)}\n`);
  const unresolved = [...fromGazu.unresolved, ...fromKitsu.unresolved];
  console.log(`${list.calls.length} calls (${fromGazu.calls.length} Gazu, ${fromKitsu.calls.length} Kitsu), ${list.excluded.length} excluded, ${unresolved.length} unresolved`);
  for (const line of unresolved) console.log(`  unresolved: ${line}`);
  if (unresolved.length > 0) process.exitCode = 1;
}

main();
