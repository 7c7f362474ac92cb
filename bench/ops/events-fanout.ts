import { performance } from 'node:perf_hooks';
import { io as connectClient, type Socket } from 'socket.io-client';
import { summarize } from '../load/protocol.ts';
import type { Persona } from '../lib/personas.ts';
import { commentRequests, prepareComments } from './writes.ts';
import type { OpContext, OpReport } from './types.ts';

/**
 * `events_fanout`: clients connected to the live events (Socket.IO /events, as gazu.events and the web
 * app connect), status comments posted at a steady rate, and for every comment each client's
 * `comment:new` timed. Two latencies per delivery: from the moment the write was sent (an upper bound
 * of commit → delivery, since it includes the request's own work before its commit) and from the
 * moment its answer came back (after commit; negative when the event outran the answer).
 */

const CONNECT_BATCH = 25;
/** How long deliveries may still arrive after the last write's answer. */
const DRAIN_MS = 3_000;

interface Write {
  sentAt: number;
  ackedAt?: number;
  commentId?: string;
  failed?: string;
}

function connect(baseUrl: string, persona: Persona): Promise<Socket> {
  const socket = connectClient(`${baseUrl}/events`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { authorization: `Bearer ${persona.token}` },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`${persona.email} could not connect: ${error.message}`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function eventsFanout(ctx: OpContext): Promise<OpReport> {
  const clientCount = ctx.options.smoke ? 20 : 200;
  const rate = ctx.options.rates.events_fanout ?? 20;
  const duration = ctx.options.smoke ? 3 : Math.min(ctx.options.duration, 20);
  const { production } = ctx;
  // Everyone here is in the production's team: each client should receive every comment.
  const viewers = [production.manager, ...production.supervisors, ...production.artists];
  const candidates = await prepareComments(ctx);
  const writeCount = Math.round(rate * duration);
  const requests = commentRequests(ctx, candidates, writeCount);

  ctx.log(`events_fanout: connecting ${clientCount} clients`);
  const sockets: Socket[] = [];
  const arrivals: Array<{ commentId: string; at: number; client: number }> = [];
  try {
    for (let start = 0; start < clientCount; start += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, clientCount - start) }, (_, i) => connect(ctx.server.baseUrl, viewers[(start + i) % viewers.length]!));
      sockets.push(...(await Promise.all(batch)));
    }
    sockets.forEach((socket, client) => {
      socket.on('comment:new', (payload: { comment_id?: string }) => {
        if (payload.comment_id) arrivals.push({ commentId: payload.comment_id, at: performance.now(), client });
      });
    });

    ctx.log(`events_fanout: ${writeCount} status comments at ${rate}/s to ${clientCount} clients`);
    const cpuBefore = await ctx.cpu();
    const writes: Write[] = [];
    const pending: Array<Promise<void>> = [];
    const began = performance.now();
    for (let i = 0; i < requests.length; i += 1) {
      const due = began + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const request = requests[i]!;
      const write: Write = { sentAt: performance.now() };
      writes.push(write);
      pending.push(
        fetch(`${ctx.server.baseUrl}${request.path}`, {
          method: request.method,
          headers: { ...request.headers, 'content-type': 'application/json' },
          body: request.body,
        }).then(async (res) => {
          write.ackedAt = performance.now();
          if (res.status !== 201) write.failed = `${res.status} ${(await res.text()).slice(0, 200)}`;
          else write.commentId = ((await res.json()) as { id: string }).id;
        }, (error: Error) => {
          write.failed = error.message;
        }),
      );
    }
    await Promise.all(pending);
    await sleep(DRAIN_MS);
    const cpuAfter = await ctx.cpu();

    const byComment = new Map(writes.filter((w) => w.commentId).map((w) => [w.commentId as string, w]));
    const fromSend: number[] = [];
    const fromAck: number[] = [];
    const lastPerEvent = new Map<string, number>();
    for (const arrival of arrivals) {
      const write = byComment.get(arrival.commentId);
      if (!write) continue;
      fromSend.push(arrival.at - write.sentAt);
      if (write.ackedAt !== undefined) fromAck.push(arrival.at - write.ackedAt);
      lastPerEvent.set(arrival.commentId, Math.max(lastPerEvent.get(arrival.commentId) ?? 0, arrival.at - write.sentAt));
    }
    const succeeded = byComment.size;
    const expected = succeeded * clientCount;
    const delivered = fromSend.length;
    const failedWrites = writes.filter((w) => w.failed);
    const latency = summarize(fromSend);
    const writeLatency = summarize(writes.filter((w) => w.ackedAt !== undefined).map((w) => (w.ackedAt as number) - w.sentAt));
    const perEvent = (ms: number) => Math.round((ms / Math.max(1, succeeded)) * 100) / 100;
    const elapsed = (performance.now() - began - DRAIN_MS) / 1000;
    return {
      name: 'events_fanout',
      what: `status comments delivered as comment:new to ${clientCount} Socket.IO clients`,
      load: `${rate} writes/s for ${duration} s, ${clientCount} clients`,
      target: 'p95 <= 100 ms from write to delivery, every event to every client',
      main: {
        connections: clientCount,
        rate,
        durationSeconds: duration,
        result: {
          throughput: Math.round((succeeded / elapsed) * 100) / 100,
          offeredRate: rate,
          latency,
          errors: failedWrites.length + (expected - delivered),
          statuses: { delivered, expected, failedWrites: failedWrites.length },
          minutes: [],
          byKind: { write: { latency: writeLatency, errors: failedWrites.length } },
          unfinished: 0,
          ...(failedWrites[0]?.failed ? { firstError: failedWrites[0].failed } : {}),
          bytes: 0,
          completedTotal: succeeded,
        },
        cpuPerRequest: { server: perEvent(cpuAfter.server - cpuBefore.server), postgres: perEvent(cpuAfter.postgres - cpuBefore.postgres) },
      },
      extra: {
        deliveries: { expected, delivered, missing: expected - delivered },
        fromWriteSent: latency,
        fromWriteAnswered: summarize(fromAck),
        lastClientPerEvent: summarize([...lastPerEvent.values()]),
        writeAnswer: writeLatency,
        serverCpuMsPerEvent: perEvent(cpuAfter.server - cpuBefore.server),
      },
      ceilings: {},
      ratios: {},
      met: ctx.options.smoke ? null : failedWrites.length === 0 && delivered === expected && latency.p95 <= 100,
      notes: [
        'Latency from the write being sent: an upper bound of commit to delivery (it includes the request before its commit).',
        `The ${clientCount} clients run in the bench runner, on the same machine as the server.`,
      ],
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}
