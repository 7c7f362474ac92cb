import { addEvent, emptyBatch, isEmptyBatch, mergeBatch, type LiveBatch } from './live-batch';

export interface CoalescerOptions {
  /** Applies a batch; the next batch waits until it is done. */
  flush: (batch: LiveBatch) => Promise<void> | void;
  /** The viewer's person id. */
  me: () => string | null;
  /** A burst is applied once no event came for this long… */
  quietMs?: number;
  /** …or this long after its first event, so that a steady stream still shows. */
  maxWaitMs?: number;
}

/**
 * Gathers live events into batches and applies one batch at a time: a bulk change of 200 cells is
 * read back once, not 600 times, and a batch never races the one before it.
 */
export function createCoalescer(options: CoalescerOptions) {
  const quietMs = options.quietMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1_000;
  let batch = emptyBatch();
  let firstEventAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushing: Promise<void> | null = null;
  const deferred = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;

  function schedule() {
    if (stopped) return;
    const now = Date.now();
    firstEventAt ??= now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flushNow(), Math.max(0, Math.min(quietMs, firstEventAt + maxWaitMs - now)));
  }

  /** Applies what is gathered now (after the batch in progress, if any). */
  async function flushNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    while (flushing) await flushing;
    if (stopped || isEmptyBatch(batch)) return;
    const current = batch;
    batch = emptyBatch();
    firstEventAt = null;
    flushing = (async () => {
      try {
        await options.flush(current);
      } finally {
        flushing = null;
      }
    })();
    await flushing;
  }

  return {
    /** One live event. */
    push(name: string, payload: Record<string, unknown>) {
      addEvent(batch, name, payload, options.me());
      if (!isEmptyBatch(batch)) schedule();
    },
    /** Puts part of a batch back, to be applied after `delayMs` (a task the viewer is still changing). */
    later(part: LiveBatch, delayMs: number) {
      const handle = setTimeout(() => {
        deferred.delete(handle);
        mergeBatch(batch, part);
        if (!isEmptyBatch(batch)) schedule();
      }, delayMs);
      deferred.add(handle);
    },
    flushNow,
    /** Drops what is gathered and every timer (sign-out). */
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const handle of deferred) clearTimeout(handle);
      deferred.clear();
      batch = emptyBatch();
    },
  };
}

export type Coalescer = ReturnType<typeof createCoalescer>;
