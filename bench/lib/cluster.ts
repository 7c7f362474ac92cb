import path from 'node:path';
import type { BenchOptions } from './args.ts';
import { startBalancer } from './balancer.ts';
import { cpuReading } from './cpu.ts';
import { REPO_ROOT, startRushes, type RushesServer } from './server-process.ts';

/**
 * The Rushes side of a run: the one process already started, or (`--processes N`) N processes on the
 * same database and file storage behind the balancer, seen by the ops as one server at the balancer's
 * address. CPU and memory are summed over the processes (the balancer's own CPU is not Rushes').
 */
export interface Cluster {
  server: RushesServer;
  cpu(postmaster: number | undefined): Promise<{ server: number; postgres: number }>;
}

export async function startCluster(first: RushesServer, options: BenchOptions, env: NodeJS.ProcessEnv, stem: string, cpuProfDir?: string): Promise<Cluster> {
  if (options.processes === 1) return { server: first, cpu: (postmaster) => cpuReading(first.pid, postmaster) };
  const servers = [first];
  try {
    for (let n = 2; n <= options.processes; n += 1) {
      servers.push(await startRushes({ env, logFile: path.join(REPO_ROOT, 'bench', 'results', `${stem}.server-${n}.log`), cpuProfDir }));
    }
  } catch (error) {
    await Promise.all(servers.slice(1).map((server) => server.stop()));
    throw error;
  }
  const balancer = await startBalancer(servers.map((server) => server.baseUrl));
  const server: RushesServer = {
    baseUrl: balancer.baseUrl,
    pid: first.pid,
    async rssMb() {
      return (await Promise.all(servers.map((s) => s.rssMb()))).reduce((sum, mb) => sum + mb, 0);
    },
    async stop() {
      await balancer.stop();
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
  return {
    server,
    async cpu(postmaster) {
      const readings = await Promise.all(servers.map((s, i) => cpuReading(s.pid, i === 0 ? postmaster : undefined)));
      return { server: readings.reduce((sum, r) => sum + r.server, 0), postgres: readings[0]?.postgres ?? 0 };
    },
  };
}
