import { watch } from 'vue';
import { fetchSession } from '@/features/auth/auth.api';
import { useAuthStore } from '@/features/auth/auth.store';
import { onTaskChanged } from '@/features/tasks/task-sync';
import { EchoLedger } from './echo-ledger';
import { applyBatch, isApplyingRemoteChange, refreshEverything } from './live-apply';
import { createCoalescer } from './live-coalescer';
import { openLiveConnection } from './live-connection';
import { LastEventCursor } from './live-cursor';
import { useLiveStore } from './live.store';

/** One signed-in person's live updates, from sign-in to sign-out. */
function openLiveSession(personId: string): () => void {
  const live = useLiveStore();
  const cursor = new LastEventCursor();
  const ledger = new EchoLedger();
  const coalescer = createCoalescer({
    me: () => personId,
    flush: (batch) => applyBatch(batch, { ledger, later: (part, delayMs) => coalescer.later(part, delayMs) }).catch(() => undefined),
  });
  // Every change a page of this tab makes is announced through task-sync: those are the viewer's own.
  const stopNoting = onTaskChanged((taskId) => {
    if (!isApplyingRemoteChange()) ledger.noteOwnChange(taskId);
  });
  const connection = openLiveConnection({
    lastEventId: () => cursor.lastEventId,
    onEvent: (name, payload) => {
      if (cursor.see(payload.id)) coalescer.push(name, payload);
    },
    onStatus: (status) => (live.status = status),
    // Nothing seen before the loss: nothing to replay from, so what is shown is read again.
    onRecovered: (replaying) => {
      if (!replaying) void refreshEverything().catch(() => undefined);
    },
    renewSession: () => fetchSession().then(() => true, () => false),
  });
  return () => {
    connection.close();
    coalescer.stop();
    stopNoting();
    live.reset();
  };
}

/**
 * Keeps the web app's live connection open while someone is signed in (closed at sign-out or when
 * the session expires, opened again for the next person). Called once at start-up.
 */
export function startLiveUpdates(): void {
  const auth = useAuthStore();
  let close: (() => void) | null = null;
  // A person who must set up two-factor authentication first is refused by the live stream too.
  const signedInPerson = () => (auth.state === 'authenticated' && !auth.twoFactorSetupRequired ? (auth.user?.id ?? null) : null);
  watch(signedInPerson, (personId) => {
    close?.();
    close = personId ? openLiveSession(personId) : null;
  }, { immediate: true });
}
