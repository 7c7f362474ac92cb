import { readdir, readFile } from 'node:fs/promises';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime (+ the reaped children's cutime + cstime) of a process, in ms; 0 when it is gone or unreadable. */
async function processCpuMs(pid: number, withChildren: boolean): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const at = (i: number) => Number(fields[i] ?? 0);
  // fields[0] is the state (field 3 of proc(5)): utime is field 14, so index 11.
  return (at(11) + at(12) + (withChildren ? at(13) + at(14) : 0)) * TICK_MS;
}

async function childrenOf(parent: number): Promise<number[]> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name)).map(Number);
  const children: number[] = [];
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) children.push(pid);
  }
  return children;
}

/**
 * CPU time spent by the server process and by PostgreSQL (the postmaster, its live children and the
 * children it has reaped) between two readings: what a request costs, whatever else runs on the
 * machine. Linux only; zeros elsewhere.
 */
export async function cpuReading(serverPid: number, postmasterPid: number | undefined): Promise<{ server: number; postgres: number }> {
  const server = await processCpuMs(serverPid, false);
  if (!postmasterPid) return { server, postgres: 0 };
  let postgres = await processCpuMs(postmasterPid, true);
  for (const pid of await childrenOf(postmasterPid)) postgres += await processCpuMs(pid, false);
  return { server, postgres };
}

/** The postmaster serving a connection: the parent of its backend (same machine only). */
export async function postmasterOf(backendPid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${backendPid}/stat`, 'utf8').catch(() => '');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
}
