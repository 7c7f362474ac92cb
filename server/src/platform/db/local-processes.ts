import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Probes of local processes, for the embedded database's lock files (postmaster.pid, rushes.pid).
 * A pid in a lock file may be stale or reused by an unrelated process after a crash, so where Linux's
 * /proc is available the probes look at what the process really is; elsewhere they trust the pid.
 */

interface ProcStat {
  state: string;
  ppid: number;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) may contain spaces and parentheses: fields resume after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number.parseInt(fields[1] ?? '', 10) };
  } catch {
    return undefined;
  }
}

/** True when the process exists and is not a zombie (an exited child that nobody has reaped yet). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = procStat(pid)?.state;
  return state !== 'Z' && state !== 'X';
}

export function parentPid(pid: number): number | undefined {
  return procStat(pid)?.ppid;
}

/** The process's arguments, or undefined where they cannot be read (no /proc, process gone). */
export function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** A live `rushes` command (`node bin/rushes.js …`, `npx rushes …`); any live process where /proc is missing. */
export function isRushesProcess(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  const argv = commandLine(pid);
  if (argv === undefined) return true;
  return argv.some((arg) => /^rushes(\.js)?$/.test(path.basename(arg)));
}

/** A live PostgreSQL postmaster serving this data directory (`postgres -D <pgData> …`). */
export function isPostmasterOf(pid: number, pgData: string): boolean {
  if (!isProcessAlive(pid)) return false;
  const argv = commandLine(pid);
  if (argv === undefined) return true;
  const dataArg = argv.indexOf('-D');
  return dataArg >= 0 && path.resolve(argv[dataArg + 1] ?? '') === path.resolve(pgData);
}
