import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors, pgErrorCode } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { columnsOf, isUuid } from './crud-columns.ts';
import { isTrueOption, parseListQuery } from './crud-filters.ts';
import { authorize, listCondition } from './crud.policy.ts';
import { countRows, idCondition, resolveProjectId, selectRows } from './crud.repository.ts';
import { presentRow, presentRows } from './crud-serializer.ts';
import type { Collection, Row } from './crud.types.ts';

export interface Page {
  data: Row[];
  total: number;
  nb_pages: number;
  limit: number;
  offset: number;
  page: number;
}

export function assertId(id: string): void {
  if (!isUuid(id)) throw errors.malformedId();
}

/** PostgreSQL refused to cast a filter value (an integer column filtered with "abc"). */
async function withFilterErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (pgErrorCode(error)?.startsWith('22')) {
      throw errors.badRequest(`One of the value of the filter has not the proper format: ${(error as Error).message}`);
    }
    throw error;
  }
}

/**
 * `GET data/<collection>` (§3.2): the rows the caller may see, filtered, in one query (two when
 * paginated: rows and count). Without `page`, a bare array.
 */
export async function listRows(deps: AppDeps, actor: Actor, def: Collection, query: Record<string, unknown>): Promise<Row[] | Page> {
  const scope = listCondition(def, actor);
  const options = parseListQuery(def, actor, query);
  const where = scope ? [scope, ...options.where] : options.where;
  const columns = columnsOf(def);
  const view = { actor, def };
  return withFilterErrors(async () => {
    if (options.page === null) {
      const rows = await selectRows(deps.db, def, {
        where,
        columns,
        relations: options.relations,
        ...(def.listCap ? { order: 'newest-created', limit: def.listCap } : {}),
      });
      return presentRows(def, rows, view, options.fields);
    }
    const { page, limit } = options;
    const total = await countRows(deps.db, def, where);
    const offset = Math.max(0, (page - 1) * limit);
    const rows =
      page < 1 || offset >= total
        ? []
        : await selectRows(deps.db, def, { where, columns, relations: options.relations, order: 'recent', limit, offset });
    return { data: presentRows(def, rows, view, options.fields), total, nb_pages: Math.ceil(total / limit), limit, offset, page };
  });
}

/** One row as the caller sees it, or undefined. */
export async function presentOne(
  db: Executor,
  actor: Actor,
  def: Collection,
  id: string,
  options: { relations: boolean; detail?: boolean },
): Promise<Row | undefined> {
  const [row] = await selectRows(db, def, { where: [idCondition(id)], columns: columnsOf(def), ...options });
  return row ? presentRow(def, row, { actor, def }) : undefined;
}

/** `GET data/<collection>/<id>` (§3.4): relations on unless `relations=false`. */
export async function getRow(deps: AppDeps, actor: Actor, def: Collection, id: string, query: Record<string, unknown>): Promise<Row> {
  assertId(id);
  const relations = query.relations === undefined ? true : isTrueOption(query.relations);
  const [row] = await selectRows(deps.db, def, { where: [idCondition(id)], columns: columnsOf(def), relations, detail: true });
  if (!row) throw errors.notFound();
  const projectId = await resolveProjectId(deps.db, def.project, row);
  await authorize(deps.db, def.policy.read, { actor, object: row, projectId });
  return presentRow(def, row, { actor, def });
}
