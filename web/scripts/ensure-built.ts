import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the web app (web/dist) when it is missing or older than its sources, so that `npm start`
 * always serves the current app. Used as the `prestart` script and by the browser tests' setup.
 */

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INDEX = path.join(WEB, 'dist', 'index.html');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts'].map((entry) => path.join(WEB, entry));

/** The newest modification time under a file or directory, ms. */
function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** Why the bundle must be rebuilt, or null when it is up to date. */
export function staleReason(): string | null {
  if (!existsSync(INDEX)) return 'web/dist is missing';
  const built = statSync(INDEX).mtimeMs;
  const changed = SOURCES.find((source) => newestMtime(source) > built);
  return changed ? `${path.relative(WEB, changed)} changed since the last build` : null;
}

export async function ensureBuilt(log: (line: string) => void = console.log): Promise<boolean> {
  const reason = staleReason();
  if (!reason) return false;
  log(`Building the web app (${reason})…`);
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  log('Web app built into web/dist.');
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureBuilt().catch((error: unknown) => {
    console.error(`The web app could not be built: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
