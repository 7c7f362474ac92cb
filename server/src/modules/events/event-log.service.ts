import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { LastEventsQuery, LoggedEvent } from '../../../../packages/contracts/src/events.schema.ts';
import { memberProjectIds } from '../../platform/live/live-events.repository.ts';
import { lastEvents } from './event-log.repository.ts';

const MAX_LIMIT = 1000;

/** A date (2022-07-12) or date-time the database can compare; anything else is the caller's mistake. */
function dateParameter(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?Z?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw errors.badRequest(`Wrong date format for ${name}: ${value}`);
  }
  return value.replace(/Z$/, '');
}

/**
 * Zou's event log (`GET data/events/last`): admins read it all; a manager the events of the productions
 * whose team he is in (which hides the events of no production); anyone else is refused.
 */
export async function listLastEvents(actor: Actor, query: LastEventsQuery, db: Executor): Promise<LoggedEvent[]> {
  if (actor.role !== 'admin' && actor.role !== 'manager') throw errors.forbidden();
  const projectIds = actor.role === 'admin' ? undefined : await memberProjectIds(db, actor.id);
  if (query.project_id && projectIds && !projectIds.includes(query.project_id)) throw errors.forbidden();
  return lastEvents(db, {
    after: dateParameter(query.after, 'after'),
    before: dateParameter(query.before, 'before'),
    limit: Math.min(query.limit ?? 100, MAX_LIMIT),
    onlyFiles: query.only_files === true,
    projectId: query.project_id,
    projectIds,
    name: query.name,
    cursorEventId: query.cursor_event_id,
  });
}
