import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec, WorkerMessage } from '../load/protocol.ts';

const WORKER = fileURLToPath(new URL('../load/worker.ts', import.meta.url));

/** Runs one load in its own process (bench/load/worker.ts) and returns its measurements. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (message: WorkerMessage) => {
      settled = true;
      if (message.type === 'result') resolve(message.result);
      else reject(new Error(`load process failed: ${message.message}`));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`load process exited with code ${code} before answering`));
    });
    child.send(spec);
  });
}
