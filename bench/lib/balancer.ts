import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './server-process.ts';

/**
 * The load balancer of a multi-process run (`--processes N`): a round-robin HTTP and WebSocket proxy
 * (http-proxy-3) in a process of its own, so that proxying never shares an event loop with a Rushes
 * process or with the load generators. Each request goes to the next process; a WebSocket stays on the
 * process it was opened on, as behind any balancer without sticky sessions (Socket.IO's websocket
 * transport needs none).
 */
export interface Balancer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./balancer-worker.ts', import.meta.url));

export async function startBalancer(targets: string[]): Promise<Balancer> {
  const port = await freePort();
  const child = fork(WORKER, [String(port), ...targets], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the balancer exited with code ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
