import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

export interface ResolvedDatabase {
  connectionString: string;
  /** Stops the embedded server when this process started it; a no-op otherwise. */
  release(): Promise<void>;
  embedded: boolean;
}

/** Port of a live embedded PostgreSQL already serving this data directory (a running Rushes server). */
function runningEmbeddedPort(pgData: string): number | undefined {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return Number.isInteger(port) ? port : undefined;
}

/**
 * Where the data lives: DATABASE_URL when set (nothing is started), else Rushes' embedded PostgreSQL.
 * `tool` mode (migrate, create-admin, seed) reuses the embedded server of a running Rushes instead of
 * starting a second one on the same data directory.
 */
export async function resolveDatabase(config: Config, mode: 'serve' | 'tool', log: (line: string) => void): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return { connectionString: config.databaseUrl, release: async () => undefined, embedded: false };
  }
  if (mode === 'tool') {
    const port = runningEmbeddedPort(path.join(config.dataDir, 'pg'));
    if (port !== undefined) {
      const password = readFileSync(path.join(config.dataDir, 'pg-password'), 'utf8').trim();
      return {
        connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/rushes`,
        release: async () => undefined,
        embedded: true,
      };
    }
  }
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
  return { connectionString: server.connectionString, release: () => server.stop(), embedded: true };
}
