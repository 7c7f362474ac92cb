import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors, pgErrorCode } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { columnsOf } from './crud-columns.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { isTrueOption, parseListQuery } from './crud-filters.ts';
import { authorize, listCondition } from './crud.policy.ts';
import { countRows, idCondition, resolveProjectId, selectRows } from './crud.repository.ts';
import { presentRow, presentRows } from './crud-serializer.ts';
import { selectRowsJson } from './crud-json.repository.ts';
import type { Collection, Row } from './crud.types.ts';

export interface Page {
  data: Row[];
  total: number;
  nb_pages: number;
  limit: number;
  offset: number;
  page: number;
}

/** A response body already serialised (by PostgreSQL): the route writes it as is. */
export class JsonText {
  constructor(readonly text: string) {}
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
      // A backstop: filter values are parsed by kind before SQL; PostgreSQL's own text never leaves.
      throw errors.badRequest('One of the value of the filter has not the proper format.');
    }
    throw error;
  }
}

/**
 * `GET data/<collection>` (§3.2): the rows the caller may see, filtered, in one statement. Without
 * `page`, a bare array. Collections without a `present` hook are serialised by PostgreSQL
 * (crud-json.repository.ts); the others go through the JavaScript presenters.
 */
export async function listRows(deps: AppDeps, actor: Actor, def: Collection, query: Record<string, unknown>): Promise<Row[] | Page | JsonText> {
  const scope = listCondition(def, actor);
  const options = parseListQuery(def, actor, query);
  const where = scope ? [scope, ...options.where] : options.where;
  const view = { actor, def };
  const inSql = !def.present;
  return withFilterErrors(async () => {
    if (options.page === null) {
      const list = { where, relations: options.relations, ...(def.listCap ? { order: 'newest-created' as const, limit: def.listCap } : {}) };
      if (inSql) return new JsonText((await selectRowsJson(deps.db, def, view, { ...list, fields: options.fields, withTotal: false })).body);
      return presentRows(def, await selectRows(deps.db, def, { ...list, columns: columnsOf(def) }), view, options.fields);
    }
    const { page, limit } = options;
    const offset = Math.max(0, (page - 1) * limit);
    const pageOf = (total: number) => ({ total, nb_pages: Math.ceil(total / limit), limit, offset, page });
    // The rows' JSON text from PostgreSQL, then the page's other keys (`{"total":…}` without its opening brace).
    const jsonPage = (data: string, total: number) => new JsonText(`{"data":${data},${JSON.stringify(pageOf(total)).slice(1)}`);
    if (inSql && page >= 1) {
      const { body, total } = await selectRowsJson(deps.db, def, view, {
        where, relations: options.relations, fields: options.fields, order: 'recent', limit, offset, withTotal: true,
      });
      return jsonPage(body, total);
    }
    const total = await countRows(deps.db, def, where);
    if (page < 1 || offset >= total) return inSql ? jsonPage('[]', total) : { data: [], ...pageOf(total) };
    const rows = await selectRows(deps.db, def, { where, columns: columnsOf(def), relations: options.relations, order: 'recent', limit, offset });
    return { data: presentRows(def, rows, view, options.fields), ...pageOf(total) };
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
