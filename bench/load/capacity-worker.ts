import autocannon from 'autocannon';
import { BROWSER_ACCEPT_ENCODING, type HttpRequestSpec } from './protocol.ts';

/** What the runner asks: the most a server serves of these requests with N connections and no pause. */
export interface CapacitySpec {
  baseUrl: string;
  requests: HttpRequestSpec[];
  connections: number;
  durationSeconds: number;
}

export interface CapacityResult {
  /** Completed 2xx/3xx responses per second, closed loop. */
  throughput: number;
  /** Closed-loop latencies (not corrected: each connection waits for its answer before the next). */
  p50: number;
  p99: number;
  errors: number;
}

/**
 * Capacity probe, in a forked process of its own: autocannon in its closed-loop mode (each connection
 * sends its next request as soon as the previous answer arrives), which measures throughput well.
 * Latency figures of the benchmark come from the open-model worker (worker.ts), not from here.
 */
process.once('message', (spec: CapacitySpec) => {
  const requests = spec.requests.slice(0, 200).map((r) => ({ method: r.method, path: r.path, headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING, ...r.headers }, ...(r.body ? { body: r.body } : {}) }));
  autocannon({ url: spec.baseUrl, connections: spec.connections, duration: spec.durationSeconds, requests }).then(
    (result) => {
      const ok = result['2xx'] + result['3xx'];
      const answer: CapacityResult = {
        throughput: Math.round((ok / Math.max(1, result.duration)) * 10) / 10,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx - result['3xx'],
      };
      process.send?.({ type: 'result', result: answer }, () => process.exit(0));
    },
    (error: unknown) => process.send?.({ type: 'error', message: String(error) }, () => process.exit(1)),
  );
});
