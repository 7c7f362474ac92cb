import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUSHES = path.join(REPO_ROOT, 'bin', 'rushes.js');
export const BENCH_ADMIN = { email: 'bench-admin@bench.rushes.test', password: 'rushes-bench-admin' };

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

export interface ServerOptions {
  /** Environment of every Rushes process of the run (server and seed): DATABASE_URL or RUSHES_DATA_DIR... */
  env: NodeJS.ProcessEnv;
  logFile: string;
  cpuProfDir?: string;
}

export interface RushesServer {
  baseUrl: string;
  pid: number;
  /** Resident set size of the server process now, in MB. */
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

async function waitForStatus(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Rushes exited with code ${child.exitCode} while starting; see the server log`);
    try {
      const res = await fetch(`${baseUrl}/api/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Rushes did not answer ${baseUrl}/api/status within ${timeoutMs / 1000} s`);
}

/** `rushes serve` in its own process, on a free port of 127.0.0.1; its output goes to a log file. */
export async function startRushes(options: ServerOptions): Promise<RushesServer> {
  const port = await freePort();
  const execArgv = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...execArgv, RUSHES, 'serve'], {
    cwd: REPO_ROOT,
    env: { ...options.env, PORT: String(port), HOST: '127.0.0.1', RUSHES_ADMIN_EMAIL: BENCH_ADMIN.email, RUSHES_ADMIN_PASSWORD: BENCH_ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(baseUrl, child, 10 * 60_000);
  } catch (error) {
    child.kill('SIGTERM');
    await exited;
    throw error;
  }
  const pid = child.pid ?? 0;
  return {
    baseUrl,
    pid,
    async rssMb() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** Runs a `rushes` command (seed, migrate) to completion with the run's environment. */
export function runRushes(args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUSHES, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (chunk: Buffer) => chunk.toString('utf8').split('\n').filter(Boolean).forEach(onLine);
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`rushes ${args.join(' ')} exited with code ${code}`))));
  });
}

/** Samples a value every second until stopped; keeps every sample. */
export function sampler(read: () => Promise<number>): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      samples.push(await read());
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}
