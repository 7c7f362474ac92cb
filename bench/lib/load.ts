import { fork, type Serializable } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CapacityResult, CapacitySpec } from '../load/capacity-worker.ts';
import type { LoadResult, LoadSpec } from '../load/protocol.ts';

const WORKER = fileURLToPath(new URL('../load/worker.ts', import.meta.url));
const CAPACITY_WORKER = fileURLToPath(new URL('../load/capacity-worker.ts', import.meta.url));

type Answer<R> = { type: 'result'; result: R } | { type: 'error'; message: string };

/** Runs one load in its own process (bench/load/worker.ts) and returns its measurements. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return inChild<LoadSpec, LoadResult>(WORKER, spec);
}

/** Closed-loop capacity probe (autocannon) in its own process. */
export function runCapacity(spec: CapacitySpec): Promise<CapacityResult> {
  return inChild<CapacitySpec, CapacityResult>(CAPACITY_WORKER, spec);
}

function inChild<S, R>(script: string, spec: S): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (message: Answer<R>) => {
      settled = true;
      if (message.type === 'result') resolve(message.result);
      else reject(new Error(`load process failed: ${message.message}`));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`load process exited with code ${code} before answering`));
    });
    child.send(spec as Serializable);
  });
}
