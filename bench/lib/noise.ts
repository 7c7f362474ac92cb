import { readFile } from 'node:fs/promises';
import os from 'node:os';

/**
 * How disturbed a measurement was by the rest of the machine: what the CPUs did while the benchmark
 * itself was idle just before an op (other people's work), the CPU steal of a virtual machine during
 * the op (time the hypervisor gave to other guests), and the load average around it. A run is
 * disturbed when others kept the CPUs more than a quarter busy beforehand or steal passed 5 %.
 */

interface CpuTicks {
  busy: number;
  idle: number;
  steal: number;
}

/** The machine-wide `cpu` line of /proc/stat (zeros where there is none). */
async function cpuTicks(): Promise<CpuTicks> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => '');
  const fields = (stat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal };
}

const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

function between(before: CpuTicks, after: CpuTicks): { busyPercent: number; stealPercent: number } {
  const busy = after.busy - before.busy;
  const idle = after.idle - before.idle;
  const steal = after.steal - before.steal;
  return { busyPercent: percentOf(busy, busy + idle + steal), stealPercent: percentOf(steal, busy + idle + steal) };
}

export interface RunNoise {
  /** Machine CPU busy while the benchmark was idle just before the op, %: others' work. */
  othersBusyPercent: number;
  /** CPU steal during the op, %. */
  stealPercent: number;
  loadAverageBefore: number;
  loadAverageAfter: number;
  disturbed: boolean;
}

export const QUIET_WINDOW_MS = 2000;
const MAX_OTHERS_BUSY_PERCENT = 25;
const MAX_STEAL_PERCENT = 5;

/** Measures the quiet window, then the op; `run` is the op. */
export async function measureNoise<T>(run: () => Promise<T>): Promise<{ result: T; noise: RunNoise }> {
  const quietStart = await cpuTicks();
  await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
  const others = between(quietStart, await cpuTicks());
  const loadAverageBefore = Math.round(os.loadavg()[0]! * 100) / 100;
  const opStart = await cpuTicks();
  const result = await run();
  const during = between(opStart, await cpuTicks());
  const noise: RunNoise = {
    othersBusyPercent: others.busyPercent,
    stealPercent: during.stealPercent,
    loadAverageBefore,
    loadAverageAfter: Math.round(os.loadavg()[0]! * 100) / 100,
    disturbed: others.busyPercent > MAX_OTHERS_BUSY_PERCENT || during.stealPercent > MAX_STEAL_PERCENT,
  };
  return { result, noise };
}
