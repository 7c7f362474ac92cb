import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { LoggedEvent } from '../../../../packages/contracts/src/events.schema.ts';

/** The events `only_files` keeps: a new file was stored (Zou's list). */
const FILE_EVENTS = ['preview-file:add-file', 'organisation:set-thumbnail', 'person:set-thumbnail', 'project:set-thumbnail'];

export interface EventLogFilter {
  after?: string;
  before?: string;
  limit: number;
  onlyFiles: boolean;
  projectId?: string;
  /** Set for a caller who may not read the whole log: only these projects' events. */
  projectIds?: string[];
  name?: string;
  /** Older than this event (pages by id: ids follow the log's order). */
  cursorEventId?: string;
}

/** The log, newest first. */
export async function lastEvents(db: Executor, filter: EventLogFilter): Promise<LoggedEvent[]> {
  const result = await sql<LoggedEvent>`
    SELECT id, created_at, name, user_id, project_id, data FROM api_event
     WHERE (${filter.after ?? null}::timestamp IS NULL OR created_at > ${filter.after ?? null}::timestamp)
       AND (${filter.before ?? null}::timestamp IS NULL OR created_at < ${filter.before ?? null}::timestamp)
       AND (NOT ${filter.onlyFiles} OR name = ANY(${FILE_EVENTS}::text[]))
       AND (${filter.projectId ?? null}::uuid IS NULL OR project_id = ${filter.projectId ?? null}::uuid)
       AND (${filter.projectIds ?? null}::uuid[] IS NULL OR project_id = ANY(${filter.projectIds ?? null}::uuid[]))
       AND (${filter.name ?? null}::text IS NULL OR name = ${filter.name ?? null}::text)
       AND (${filter.cursorEventId ?? null}::uuid IS NULL OR id < ${filter.cursorEventId ?? null}::uuid)
     ORDER BY id DESC
     LIMIT ${filter.limit}`.execute(db);
  return result.rows;
}
