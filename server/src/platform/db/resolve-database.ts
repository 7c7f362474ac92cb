import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { runningPostmaster, startEmbeddedPostgres } from './embedded-postgres.ts';

export interface ResolvedDatabase {
  connectionString: string;
  /** Stops the embedded server when this process started it; a no-op otherwise. */
  release(): Promise<void>;
  embedded: boolean;
}

/**
 * Where the data lives: DATABASE_URL when set (nothing is started), else Rushes' embedded PostgreSQL.
 * `tool` mode (migrate, create-admin) reuses the embedded server of a running Rushes instead of
 * starting a second one on the same data directory, which PostgreSQL would refuse.
 */
export async function resolveDatabase(config: Config, mode: 'serve' | 'tool', log: (line: string) => void): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return { connectionString: config.databaseUrl, release: async () => undefined, embedded: false };
  }
  if (mode === 'tool') {
    const running = runningPostmaster(path.join(config.dataDir, 'pg'));
    if (running) {
      const password = readFileSync(path.join(config.dataDir, 'pg-password'), 'utf8').trim();
      log(`using the embedded PostgreSQL already running for ${config.dataDir} (port ${running.port})`);
      return {
        connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/rushes`,
        release: async () => undefined,
        embedded: true,
      };
    }
  }
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
  return { connectionString: server.connectionString, release: () => server.stop(), embedded: true };
}
