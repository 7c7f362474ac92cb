import type { TestContext } from '../../../../test/support/test-app.ts';
import { uniqueSuffix } from '../../../../test/support/factories.ts';
import { call, type Caller } from '../tasks/tasks.fixtures.ts';

/** Test fixtures of the playlists suites (imported by *.test.ts files only). */

export interface PreviewOptions {
  revision?: number;
  position?: number;
  extension?: string;
  status?: string;
  isMovie?: boolean;
}

/** A preview file row of a task (no stored file): enough for entries, revisions and their checks. */
export async function insertPreview(ctx: TestContext, taskId: string, options: PreviewOptions = {}): Promise<{ id: string }> {
  return ctx.db
    .insertInto('preview_file')
    .values({
      task_id: taskId,
      name: uniqueSuffix(),
      original_name: `file_${uniqueSuffix()}`,
      revision: options.revision ?? 1,
      position: options.position ?? 1,
      extension: options.extension ?? 'png',
      status: options.status ?? 'ready',
      is_movie: options.isMovie ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function newPlaylist(ctx: TestContext, caller: Caller, projectId: string, body: Record<string, unknown> = {}) {
  const response = await call<{ id: string; shots: Array<{ entity_id: string; preview_file_id: string | null }> }>(
    ctx, caller, 'POST', 'data/playlists', { name: `Dailies ${uniqueSuffix()}`, project_id: projectId, ...body },
  );
  if (response.status !== 201) throw new Error(`playlist creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** An episode of the production. */
export async function createEpisode(ctx: TestContext, projectId: string): Promise<{ id: string }> {
  const type = await ctx.db.selectFrom('entity_type').select('id').where('name', '=', 'Episode').executeTakeFirst()
    ?? await ctx.db.insertInto('entity_type').values({ name: 'Episode' }).returning('id').executeTakeFirstOrThrow();
  return ctx.db.insertInto('entity').values({ name: `E${uniqueSuffix()}`, project_id: projectId, entity_type_id: type.id }).returning('id').executeTakeFirstOrThrow();
}
