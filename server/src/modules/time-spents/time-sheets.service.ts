import type { Actor } from '../../platform/auth/actor.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { TimeSpentRow } from '../../../../packages/contracts/src/time-spents.schema.ts';
import { errors } from '../../platform/errors/index.ts';
import { parseDay, parseRange, type DateInterval } from './dates.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { findForDay } from './time-spents.repository.ts';
import { presentTimeSpent } from './time-spents.presenter.ts';
import { personTimeSheetScope, timeTableScope } from './time-spents.policy.ts';
import * as sheets from './time-sheets.repository.ts';

type Deps = Pick<AppDeps, 'db'>;

/** `data/persons/<id>/time-spents[?start_date&end_date]` and `data/user/time-spents`: a person's rows. */
export async function personTimeSpentsInRange(
  deps: Deps,
  actor: Actor,
  personId: string,
  query: { start_date?: string; end_date?: string; project_id?: string },
): Promise<TimeSpentRow[]> {
  const range = parseRange(query.start_date, query.end_date);
  const projectIds = await personTimeSheetScope(deps.db, actor, personId, query.project_id);
  const rows = await sheets.listPersonTimeSpents(deps.db, { personId, projectIds, from: range?.start, to: range?.end });
  return rows.map(presentTimeSpent);
}

/** A person's rows of one day (`data/persons/<id>/time-spents/<date>`). */
export async function personTimeSpentsOfDay(deps: Deps, actor: Actor, personId: string, date: string, projectId?: string) {
  const day = parseDay(date);
  const projectIds = await personTimeSheetScope(deps.db, actor, personId, projectId);
  const rows = await sheets.listPersonTimeSpents(deps.db, { personId, projectIds, from: day, to: day });
  return rows.map(presentTimeSpent);
}

/** A person's rows over an interval (`…/time-spents/month/all/<year>/<month>`). */
export async function personTimeSpentsOfInterval(deps: Deps, actor: Actor, personId: string, interval: DateInterval) {
  const { start, end } = interval;
  const projectIds = await personTimeSheetScope(deps.db, actor, personId);
  const rows = await sheets.listPersonTimeSpents(deps.db, { personId, projectIds, from: start, before: end });
  return rows.map(presentTimeSpent);
}

/** A person's minutes per task over an interval (`…/time-spents/{day,week,month,year}/…`). */
export async function personTimeSheet(
  deps: Deps,
  actor: Actor,
  personId: string,
  interval: DateInterval,
  projectId?: string,
) {
  const projectIds = await personTimeSheetScope(deps.db, actor, personId, projectId);
  return sheets.personTimeSheet(deps.db, personId, interval, projectIds);
}

/** Per-person totals by unit (`data/persons/time-spents/*-table`). */
export async function studioTimeTable(
  deps: Deps,
  actor: Actor,
  unit: sheets.TableUnit,
  interval: DateInterval | null,
  projectId?: string,
) {
  const scope = await timeTableScope(deps.db, actor, projectId);
  return sheets.timeTable(deps.db, { unit, interval, ...scope });
}

/** `data/user/tasks/<task_id>/time-spents/<date>`: the caller's own row for that task and day, or null. */
export async function ownTimeSpentOnTask(deps: Deps, actor: Actor, taskId: string, date: string): Promise<TimeSpentRow | null> {
  if (!isUuid(taskId)) throw errors.notFound();
  const row = await findForDay(deps.db, taskId, actor.id, parseDay(date));
  return row ? presentTimeSpent(row) : null;
}
