import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { resolveDatabase, type ResolvedDatabase } from './db/resolve-database.ts';
import { isRushesProcess } from './db/local-processes.ts';
import { loadSigningKey } from './auth/signing-key.ts';
import { TokenService } from './auth/token-service.ts';
import { EventBus } from './events/event-bus.ts';
import { createStorage } from './storage/index.ts';
import { JobQueue } from './jobs/index.ts';
import { Mailer } from './mail/index.ts';
import { buildApp, type App } from './http/app.ts';
import { ensureInitialAdmin, type CreatedAdmin } from '../modules/persons/admin-bootstrap.service.ts';
import type { AppDeps } from './http/types.ts';
import { adminCreatedBeforeFailure, portProblem, StartupError } from './startup-errors.ts';

/** How long the first admin's line waits for the start-up logs to be written. */
const ADMIN_LINE_DELAY_MS = 200;

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
  const jobs = new JobQueue(handle.db, {
    pollIntervalMs: config.jobPollIntervalMs,
    log: config.logLevel === 'silent' ? () => undefined : (line) => console.warn(line),
  });
  const mailer = new Mailer(config.mail, config.logLevel === 'silent' ? () => undefined : (line) => console.warn(line));
  return { config, db: handle.db, tokens: new TokenService(handle.db, key, config), events: new EventBus(), storage: createStorage(config), jobs, mailer, listenUrl: handle.pool.options.connectionString };
}

/**
 * Claims the data directory for this `serve` process through `<dataDir>/rushes.pid`: two servers on
 * one embedded database would fight over it. A pid file left by a killed process is taken over.
 */
async function claimDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  const pidFile = path.join(dataDir, 'rushes.pid');
  await mkdir(dataDir, { recursive: true });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await writeFile(pidFile, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
    if (holder !== process.pid && isRushesProcess(holder)) {
      throw new Error(`Another Rushes process (pid ${holder}) is already serving ${dataDir}; stop it first, or set RUSHES_DATA_DIR to another directory.`);
    }
    await rm(pidFile, { force: true });
  }
  return {
    async release() {
      const holder = await readFile(pidFile, 'utf8').catch(() => '');
      if (Number.parseInt(holder, 10) === process.pid) await rm(pidFile, { force: true });
    },
  };
}

/** Listens on PORT, turning a taken or forbidden port into the one line that says to change PORT. */
async function listenOnPort(app: App, config: Config): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    throw portProblem(error, config.port, 'PORT', 'the web app and API') ?? error;
  }
}

/** Start-up failed: after the first admin was created, say how to give it a password (it is not created again). */
function failureAfterAdmin(error: unknown, admin: CreatedAdmin | undefined, config: Config): unknown {
  if (!admin) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new StartupError(`${reason}\n${adminCreatedBeforeFailure(admin.email, !config.adminPassword)}`, { cause: error });
}

/**
 * `rushes serve`: database, first admin, HTTP server; stop() closes them in order. The first admin's
 * credentials are printed last, once everything else has logged, so that they are not scrolled away.
 */
export async function startServer(config: Config, log: (line: string) => void = console.log): Promise<RunningServer> {
  const claim = config.databaseUrl ? undefined : await claimDataDir(config.dataDir);
  let opened: Awaited<ReturnType<typeof openMigratedDatabase>> | undefined;
  let app: App | undefined;
  let admin: CreatedAdmin | undefined;
  const adminLines: string[] = [];
  const stop = async () => {
    await app?.deps.jobs.stop();
    await app?.close();
    await opened?.handle.close();
    await opened?.resolved.release();
    await claim?.release();
  };
  try {
    opened = await openMigratedDatabase(config, 'serve', log);
    admin = await ensureInitialAdmin(opened.handle.db, {
      email: config.adminEmail,
      password: config.adminPassword,
      minPasswordLength: config.minPasswordLength,
      print: (line) => adminLines.push(line),
    });
    app = await buildApp(await createDeps(config, opened.handle));
    await listenOnPort(app, config);
    app.deps.jobs.start();
  } catch (error) {
    await stop();
    throw failureAfterAdmin(error, admin, config);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  log(`Rushes is serving ${url} (API at ${url}/api/, docs at ${url}/api/docs)${opened.resolved.embedded ? ' with its embedded PostgreSQL' : ''}`);
  if (adminLines.length > 0) {
    // Whatever else start-up writes (Fastify's own listening line, the first job poll's warnings) goes first.
    await new Promise((resolve) => setTimeout(resolve, ADMIN_LINE_DELAY_MS));
    for (const line of adminLines) log(line);
  }

  let stopping: Promise<void> | undefined;
  return { app, url, stop: () => (stopping ??= stop()) };
}
