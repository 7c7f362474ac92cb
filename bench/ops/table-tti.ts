import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { BENCH_PASSWORD } from '../dataset/tiers.ts';
import { summarize } from '../load/protocol.ts';
import type { OpContext, OpReport } from './types.ts';

/**
 * `table_tti`: the project's shots table opened in real Chromium (Debian's, headless) over a studio
 * VPN — the network throttled to 100 Mbit/s each way with 20 ms of latency — with an empty cache,
 * as a manager. Timed from navigation start to the table's first interactive frame (the web app's
 * `rushes:shots-table-ready` mark); the table's answer is weighed as it crossed the wire and
 * decoded. Once as the browser asks (compressed), once with `Accept-Encoding: identity` to show
 * what compression buys.
 */

const TARGET_MS = 1500;
const READY_MARK = 'rushes:shots-table-ready';
const VPN = { offline: false, latency: 20, downloadThroughput: (100e6 / 8), uploadThroughput: (100e6 / 8) };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Load {
  ttiMs: number;
  /** When the table's request started, its first byte came and its last (ms from navigation start). */
  request: { start: number; firstByte: number; end: number };
  /** The app's scripts and styles loaded (the last of them to finish, ms from navigation start). */
  assetsEnd: number;
  wireBytes: number;
  decodedBytes: number;
  encoding: string;
}

/** Watches the with-tasks answer of a page load: its bytes on the wire (headers included) and decoded. */
function weighTable(cdp: CDPSession): () => { wireBytes: number; decodedBytes: number; encoding: string } {
  let requestId: string | undefined;
  let decodedBytes = 0;
  let wireBytes = 0;
  let encoding = 'identity';
  cdp.on('Network.responseReceived', (event) => {
    if (!event.response.url.includes('/api/data/shots/with-tasks')) return;
    requestId = event.requestId;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    encoding = headers['content-encoding'] ?? 'identity';
  });
  cdp.on('Network.dataReceived', (event) => {
    if (event.requestId === requestId) decodedBytes += event.dataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    if (event.requestId === requestId) wireBytes = event.encodedDataLength;
  });
  return () => ({ wireBytes, decodedBytes, encoding });
}

async function loadTable(browser: Browser, ctx: OpContext, compressed: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  try {
    const page = await context.newPage();
    const base = ctx.server.baseUrl;
    // Signed in unthrottled, through the login page as a person would; the cache is off for the load measured.
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', ctx.production.manager.email);
    await page.fill('input[name=password]', BENCH_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForFunction(() => !location.pathname.startsWith('/login'));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', VPN);
    if (!compressed) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    const weigh = weighTable(cdp);
    await page.goto(`${base}/productions/${ctx.production.projectId}/shots`);
    await page.waitForSelector('[data-testid=entity-row]', { timeout: 60_000 });
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK, { timeout: 60_000 });
    const timing = await page.evaluate((mark) => {
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const table = resources.find((entry) => entry.name.includes('/api/data/shots/with-tasks'));
      const assets = resources.filter((entry) => /\.(js|css)$/.test(new URL(entry.name).pathname));
      return {
        tti: performance.getEntriesByName(mark)[0]!.startTime,
        request: { start: table?.startTime ?? 0, firstByte: table?.responseStart ?? 0, end: table?.responseEnd ?? 0 },
        assetsEnd: Math.max(0, ...assets.map((entry) => entry.responseEnd)),
      };
    }, READY_MARK);
    const round = (value: number) => Math.round(value);
    return {
      ttiMs: round(timing.tti),
      request: { start: round(timing.request.start), firstByte: round(timing.request.firstByte), end: round(timing.request.end) },
      assetsEnd: round(timing.assetsEnd),
      ...weigh(),
    };
  } finally {
    await context.close();
  }
}

export async function tableTti(ctx: OpContext): Promise<OpReport> {
  const runs = ctx.options.smoke ? 1 : 5;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const loads: Record<'compressed' | 'identity', Load[]> = { compressed: [], identity: [] };
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const kind of ['compressed', 'identity'] as const) {
        const load = await loadTable(browser, ctx, kind === 'compressed');
        loads[kind].push(load);
        ctx.log(
          `table_tti: ${kind} run ${run + 1}/${runs}: ${load.ttiMs} ms; scripts loaded at ${load.assetsEnd} ms, table asked at ${load.request.start}, ` +
            `first byte ${load.request.firstByte}, last ${load.request.end}; ${load.wireBytes.toLocaleString('en')} bytes on the wire (${load.encoding}), ${load.decodedBytes.toLocaleString('en')} decoded`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  const compressed = summarize(loads.compressed.map((load) => load.ttiMs));
  const identity = summarize(loads.identity.map((load) => load.ttiMs));
  const last = (kind: 'compressed' | 'identity') => loads[kind].at(-1)!;
  return {
    name: 'table_tti',
    what: "the tier's shots table opened in Chromium over a 100 Mbit/s, 20 ms network, empty cache",
    load: `1 browser, ${runs} cold loads each way`,
    target: `time to interactive p50 < ${TARGET_MS} ms compressed`,
    main: {
      connections: 1, rate: 0, durationSeconds: 0,
      result: { throughput: 0, offeredRate: 0, latency: compressed, errors: 0, statuses: {}, minutes: [], byKind: {}, unfinished: 0, bytes: last('compressed').wireBytes, completedTotal: runs },
    },
    extra: {
      runs: loads,
      compressed: { tti: compressed, wireBytes: last('compressed').wireBytes, decodedBytes: last('compressed').decodedBytes, encoding: last('compressed').encoding },
      identity: { tti: identity, wireBytes: last('identity').wireBytes, decodedBytes: last('identity').decodedBytes },
    },
    ceilings: {},
    ratios: {},
    met: ctx.options.smoke ? null : compressed.p50 < TARGET_MS,
    notes: [
      'Throttled with the DevTools protocol (Network.emulateNetworkConditions): 100 Mbit/s down and up, 20 ms latency; cache disabled.',
      'Time to interactive: navigation start to the web app\'s rushes:shots-table-ready mark (first frame with the rows drawn).',
    ],
  };
}
