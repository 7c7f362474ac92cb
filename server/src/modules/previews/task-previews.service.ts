import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import type { PreviewFile } from '../../../../packages/contracts/src/previews.schema.ts';
import { requireTaskAccess } from '../tasks/task.policy.ts';
import { findTaskContext } from '../tasks/task.repository.ts';
import { presentPreviewFile } from './preview.presenter.ts';
import { findTaskPreviews } from './preview.repository.ts';

/** Team member of the task's production, vendors only on their entities; 404 for an unknown or malformed task. */
export async function listTaskPreviews(db: Executor, actor: Actor, taskId: string): Promise<PreviewFile[]> {
  const context = await findTaskContext(db, uuidOr404(taskId));
  if (!context) throw errors.notFound();
  await requireTaskAccess(db, actor, context);
  return (await findTaskPreviews(db, context.task.id)).map(presentPreviewFile);
}
