import { expect } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';
import { createShotEntity, createTestTask, taskStatusId } from '../../../../test/support/factories.ts';
import type { CreatedComment } from '../../../../packages/contracts/src/comments.schema.ts';
import { call, setupProduction, type Caller, type Production } from '../tasks/tasks.fixtures.ts';

/** Test fixtures shared by the comment suites (imported by *.test.ts files only). */

const STATUS_SHORT_NAMES = ['todo', 'wip', 'wfa', 'retake', 'done'] as const;

export interface CommentSuite {
  ctx: TestContext;
  p: Production;
  /** The studio's task status ids by short name: todo, wip, wfa, retake, done. */
  status: Record<string, string>;
}

/** A test app with a production (tasks.fixtures.ts) and the studio's task statuses. */
export async function commentSuite(): Promise<CommentSuite> {
  const ctx = await createTestContext();
  const p = await setupProduction(ctx);
  const status: Record<string, string> = {};
  for (const shortName of STATUS_SHORT_NAMES) status[shortName] = await taskStatusId(ctx, shortName);
  return { ctx, p, status };
}

/** A layout task on a new shot of the production, assigned to artist and artist2 unless told otherwise. */
export async function freshTask({ ctx, p }: CommentSuite, assignees: string[] = [p.artist.id, p.artist2.id]) {
  const shot = await createShotEntity(ctx, p.project.id);
  return createTestTask(ctx, { projectId: p.project.id, entityId: shot.id, taskTypeId: p.layout.id, assignees });
}

/** Posts a comment (`actions/tasks/<id>/comment`), which must be created. */
export async function postComment(
  ctx: TestContext,
  caller: Caller,
  taskId: string,
  statusId: string,
  text = '',
  extra: Record<string, unknown> = {},
): Promise<CreatedComment> {
  const res = await call<CreatedComment>(ctx, caller, 'POST', `actions/tasks/${taskId}/comment`, { task_status_id: statusId, comment: text, ...extra });
  expect(res.status).toBe(201);
  return res.body;
}
