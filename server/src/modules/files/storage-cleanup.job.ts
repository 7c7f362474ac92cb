import type { AppDeps } from '../../platform/http/types.ts';
import { keysOfDeletedRow } from '../../platform/storage/layout.ts';

/**
 * Removes the stored objects of deleted rows. The jobs are queued by the database itself, in the
 * deleting transaction (migration 0110), whatever path deleted the rows; payload `{kind, ids}`.
 * Deleting a missing object is not an error, so a job run twice is harmless.
 */
export const STORAGE_CLEANUP_QUEUE = 'storage:cleanup';

export function defineStorageCleanupJob(deps: Pick<AppDeps, 'jobs' | 'storage'>): void {
  deps.jobs.define({
    queue: STORAGE_CLEANUP_QUEUE,
    maxAttempts: 5,
    async handle(payload, context) {
      const kind = String(payload.kind);
      const ids = Array.isArray(payload.ids) ? payload.ids.map(String) : [];
      for (const id of ids) {
        if (context.signal.aborted) throw new Error('The worker is stopping');
        await Promise.all(keysOfDeletedRow(kind, id).map((key) => deps.storage.delete(key)));
      }
    },
  });
}
