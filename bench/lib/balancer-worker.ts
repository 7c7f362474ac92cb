import http from 'node:http';
import { createProxyServer } from 'http-proxy-3';

/** `node balancer-worker.ts <port> <target>...`: round-robin proxy; tells its parent once it listens (balancer.ts). */
const [portArg, ...targets] = process.argv.slice(2);
if (!portArg || targets.length === 0) throw new Error('usage: balancer-worker <port> <target>...');

// Keep-alive towards the processes, as a balancer's upstream pool does.
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const proxy = createProxyServer({ agent, xfwd: false });
let next = 0;
const pick = () => targets[next++ % targets.length]!;

proxy.on('error', (_error, _req, res) => {
  if (res instanceof http.ServerResponse && !res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":true,"message":"Bad gateway"}');
  else res.destroy();
});

const server = http.createServer((req, res) => proxy.web(req, res, { target: pick() }));
server.on('upgrade', (req, socket, head) => proxy.ws(req, socket, head, { target: pick() }));
server.keepAliveTimeout = 65_000;
server.listen(Number(portArg), '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
