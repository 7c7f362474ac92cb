import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Kysely's statements as named prepared statements. Sent unnamed, every statement is parsed and
 * planned again on each call; for the app's many small statements (the comment flow sends about
 * twenty) and its join-heavy reads, planning was a large share of PostgreSQL's time (bench/README.md).
 * Named, a statement is parsed once per connection and PostgreSQL's plan cache takes over: custom
 * plans for the first five executions, then the generic plan when it costs no more.
 *
 * Bounds: only parameterised statements (a text without parameters may hold several commands, which
 * cannot be prepared) of at most MAX_PARAMETERS parameters; at most MAX_PER_CONNECTION names per connection (statements beyond it run
 * unnamed), so texts that vary without end (IN lists of any length) cannot grow a backend's memory
 * without bound. A prepared plan whose result type a migration changed under a running server
 * (SQLSTATE 0A000, "cached plan must not change result type") is retried once unnamed, and the
 * connection stops naming statements (the stale names stay bound to the old plans until it closes).
 */

const MAX_PER_CONNECTION = 200;
/** Statements with more parameters (multi-row VALUES lists) are one-offs: not worth a plan kept in the backend. */
const MAX_PARAMETERS = 256;
const NAME_CACHE_LIMIT = 10_000;

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= NAME_CACHE_LIMIT) names.clear();
    name = `r${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

interface ConnectionState {
  prepared: Set<string>;
  disabled: boolean;
}

const states = new WeakMap<pg.PoolClient, ConnectionState>();

function stateOf(client: pg.PoolClient): ConnectionState {
  let state = states.get(client);
  if (!state) {
    state = { prepared: new Set(), disabled: false };
    states.set(client, state);
  }
  return state;
}

const isCachedPlanError = (error: unknown) => (error as { code?: string }).code === '0A000';

async function run<R>(client: pg.PoolClient, text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
  const values = [...parameters];
  const state = stateOf(client);
  if (values.length === 0 || values.length > MAX_PARAMETERS || state.disabled) {
    return client.query(text, values) as unknown as Promise<PostgresQueryResult<R>>;
  }
  const name = statementName(text);
  if (!state.prepared.has(name) && state.prepared.size >= MAX_PER_CONNECTION) {
    return client.query(text, values) as unknown as Promise<PostgresQueryResult<R>>;
  }
  state.prepared.add(name);
  try {
    return (await client.query({ name, text, values })) as unknown as PostgresQueryResult<R>;
  } catch (error) {
    if (!isCachedPlanError(error)) throw error;
    state.disabled = true;
    return client.query(text, values) as unknown as Promise<PostgresQueryResult<R>>;
  }
}

function preparingClient(client: pg.PoolClient): PostgresPoolClient {
  function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>) {
    if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as unknown as pg.Submittable) as unknown as PostgresCursor<R>;
    return run<R>(client, sqlOrCursor, parameters ?? []);
  }
  return { query, release: () => client.release() };
}

/** The pool Kysely uses: the same pg.Pool, its clients naming their statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => preparingClient(await pool.connect()),
    end: () => pool.end(),
  };
}
