import type { AppDeps } from '../../../platform/http/types.ts';
import { BASE_IMAGES_ZIP_QUEUE, failUploadTask, processBaseImagesZip } from './base-images-zip.job.ts';
import { OPERATORS_WEBHOOK_ATTEMPTS, OPERATORS_WEBHOOK_QUEUE, postToOperators } from './operators-webhook.job.ts';

/** The set-design background jobs, defined once per process when the module loads. */
export function defineSetDesignJobs(deps: AppDeps): void {
  deps.jobs.define({
    queue: BASE_IMAGES_ZIP_QUEUE,
    // Retried only for failures of the machinery (database, storage); a refused archive fails at once.
    maxAttempts: 3,
    handle: (payload, context) => processBaseImagesZip(deps, String(payload.task_id), context.signal),
    onExhausted: (payload, error) => failUploadTask(deps, String(payload.task_id), `Processing the archive failed: ${error}`),
  });
  deps.jobs.define({
    queue: OPERATORS_WEBHOOK_QUEUE,
    maxAttempts: OPERATORS_WEBHOOK_ATTEMPTS,
    handle: (payload, context) => postToOperators(deps, payload, context.signal),
  });
}
