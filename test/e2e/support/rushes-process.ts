import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the real `rushes` command (bin/rushes.js) as a child process, the way a user or a service
 * manager does, and keeps track of every process and temporary data directory so that a test file's
 * afterAll can clean up even when a test failed half-way.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(REPO_ROOT, 'bin', 'rushes.js');

export type Env = Record<string, string | undefined>;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RushesProcess {
  child: ChildProcess;
  pid: number;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  stdout(): string;
  exited: Promise<Exit>;
  /** Resolves with the first match in the output; rejects when the process exits or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

const children = new Set<ChildProcess>();
const dataDirs = new Set<string>();

/** The environment of a child: the caller's, without anything that would choose a database or an admin. */
function childEnv(overrides: Env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of Object.keys(env)) {
    if (name === 'DATABASE_URL' || name === 'PORT' || name.startsWith('RUSHES_')) delete env[name];
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function spawnRushes(args: string[], env: Env = {}): RushesProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  let stdout = '';
  const listeners = new Set<() => void>();
  const onData = (isStdout: boolean) => (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    if (isStdout) stdout += text;
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData(true));
  child.stderr?.on('data', onData(false));
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${BIN}`);
  return {
    child,
    pid: child.pid,
    output: () => output,
    stdout: () => stdout,
    exited,
    waitForOutput(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return false;
          done();
          resolve(match);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern} in the output of rushes ${args.join(' ')}:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        const listener = () => void check();
        listeners.add(listener);
        if (check()) return;
        void exited.then((exit) => {
          if (check()) return;
          done();
          reject(new Error(`rushes ${args.join(' ')} exited (${exit.code ?? exit.signal}) before printing ${pattern}:\n${output}`));
        });
      });
    },
  };
}

/** Runs a command to completion. */
export async function runRushes(args: string[], env: Env = {}, timeoutMs = 120_000): Promise<Exit & { output: string; stdout: string }> {
  const proc = spawnRushes(args, env);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  return { ...exit, output: proc.output(), stdout: proc.stdout() };
}

export interface ServingRushes extends RushesProcess {
  url: string;
}

/** `rushes serve`, resolved once it prints the address it serves. */
export async function startServe(env: Env, timeoutMs = 180_000): Promise<ServingRushes> {
  const proc = spawnRushes(['serve'], env);
  const match = await proc.waitForOutput(/Rushes is serving (http:\/\/localhost:\d+)/, timeoutMs);
  return { ...proc, url: (match[1] ?? '').replace('localhost', '127.0.0.1') };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A new empty RUSHES_DATA_DIR, traversable by the postgres user that the embedded server runs as under root. */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rushes-e2e-'));
  await chmod(dir, 0o755);
  dataDirs.add(dir);
  return dir;
}

/** Pids of live PostgreSQL processes (postmaster and its children) started on `<dataDir>/pg`. */
export function postgresPidsOf(dataDir: string): number[] {
  const pgData = path.join(dataDir, 'pg');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (state !== 'Z' && argv.some((arg) => arg === pgData)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** The postmaster's pid from its lock file, when there is one. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Kills every process these helpers started and every PostgreSQL on their data directories, then removes the directories. */
export async function cleanUpProcesses(): Promise<void> {
  const waits: Array<Promise<unknown>> = [];
  for (const child of children) {
    waits.push(new Promise((resolve) => child.once('close', resolve)));
    child.kill('SIGKILL');
  }
  await Promise.all(waits);
  for (const dir of dataDirs) {
    for (const pid of postgresPidsOf(dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await waitFor(() => postgresPidsOf(dir).length === 0, `the PostgreSQL processes of ${dir} to end`, 10_000).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
  dataDirs.clear();
}
