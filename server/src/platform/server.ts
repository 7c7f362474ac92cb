import { writeFile, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { resolveDatabase, type ResolvedDatabase } from './db/resolve-database.ts';
import { loadSigningKey } from './auth/signing-key.ts';
import { TokenService } from './auth/token-service.ts';
import { EventBus } from './events/event-bus.ts';
import { buildApp, type App } from './http/app.ts';
import { ensureInitialAdmin } from '../modules/persons/admin-bootstrap.service.ts';
import type { AppDeps } from './http/types.ts';

export interface RunningServer {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database (starting the embedded one when needed) and applies migrations. */
export async function openMigratedDatabase(
  config: Config,
  mode: 'serve' | 'tool',
  log: (line: string) => void,
): Promise<{ handle: DatabaseHandle; resolved: ResolvedDatabase }> {
  const resolved = await resolveDatabase(config, mode, log);
  const handle = openDatabase(resolved.connectionString);
  try {
    await migrate(handle.pool, log);
  } catch (error) {
    await handle.close();
    await resolved.release();
    throw error;
  }
  return { handle, resolved };
}

export async function createDeps(config: Config, handle: DatabaseHandle): Promise<AppDeps> {
  const key = await loadSigningKey(handle.db, config.jwtSecret);
  return { config, db: handle.db, tokens: new TokenService(handle.db, key, config), events: new EventBus() };
}

/** `rushes serve`: database, first admin, HTTP server; stops everything cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config, log: (line: string) => void = console.log): Promise<RunningServer> {
  const { handle, resolved } = await openMigratedDatabase(config, 'serve', log);
  await ensureInitialAdmin(handle.db, {
    email: config.adminEmail,
    password: config.adminPassword,
    minPasswordLength: config.minPasswordLength,
    print: log,
  });
  const deps = await createDeps(config, handle);
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const pidFile = path.join(config.dataDir, 'rushes.pid');
  if (resolved.embedded) {
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(pidFile, `${process.pid}\n`);
  }
  log(`Rushes is serving ${url} (API at ${url}/api/, docs at ${url}/api/docs)${resolved.embedded ? ' with its embedded PostgreSQL' : ''}`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await handle.close();
      await resolved.release();
      if (resolved.embedded) await rm(pidFile, { force: true });
    })());
  return { app, url, stop };
}
