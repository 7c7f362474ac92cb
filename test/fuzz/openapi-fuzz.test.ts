import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoSeed } from '../../server/src/seed/demo-seed.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { findInternalText } from './internal-text.ts';
import { hostileBodies, operationsOf, requestArbitrary, THREE_MEGABYTES, type FuzzRequest, type IdPool, type Operation } from './openapi-operations.ts';

/**
 * A bounded property test over the whole OpenAPI document (hardening issue #12): every operation is
 * called, as anonymous, an artist and an admin, with schema-driven requests (fast-check) and with the
 * malformed inputs of the hardening findings, against the real app on a seeded database. No answer may
 * be a 5xx, an error that is not JSON, or a body holding internal text (PostgreSQL's messages, stack
 * frames, Fastify codes). `RUSHES_FUZZ_RUNS` (default 2) sets the random requests per operation and
 * actor; `RUSHES_FUZZ_SEED` replays a run.
 */

const RUNS = Number(process.env.RUSHES_FUZZ_RUNS ?? 2);
const SEED = Number(process.env.RUSHES_FUZZ_SEED ?? 20261207);

interface Actor {
  label: 'anonymous' | 'artist' | 'admin';
  personId: string | null;
}

let ctx: TestContext;
let pool: IdPool;
let knownIds: string[];
const actors: Actor[] = [{ label: 'anonymous', personId: null }];

async function idsOf(query: string): Promise<string[]> {
  const result = await sql<{ id: string }>`${sql.raw(query)}`.execute(ctx.db);
  return result.rows.map((row) => row.id);
}

async function entityIds(typeCondition: string): Promise<string[]> {
  return idsOf(`SELECT e.id FROM entity e JOIN entity_type t ON t.id = e.entity_type_id WHERE ${typeCondition} ORDER BY e.created_at LIMIT 4`);
}

beforeAll(async () => {
  ctx = await createTestContext();
  await runDemoSeed(ctx.db, { adminEmail: 'admin@fuzz.test', adminPassword: 'fuzz-admin-password', minPasswordLength: 8 }, () => undefined);
  const person = async (email: string) => (await idsOf(`SELECT id FROM person WHERE email = '${email}'`))[0]!;
  actors.push({ label: 'artist', personId: await person('alice@demo.rushes.local') }, { label: 'admin', personId: await person('admin@fuzz.test') });
  const tables = ['project', 'person', 'task', 'comment', 'task_type', 'entity_type', 'task_status', 'notification', 'preview_file', 'output_type', 'time_spent', 'department'];
  pool = {};
  for (const table of tables) pool[table] = await idsOf(`SELECT id FROM ${table} ORDER BY created_at LIMIT 4`);
  pool.shot = await entityIds(`t.name = 'Shot'`);
  pool.sequence = await entityIds(`t.name = 'Sequence'`);
  pool.episode = await entityIds(`t.name = 'Episode'`);
  pool.asset = await entityIds(`t.name NOT IN ('Shot', 'Sequence', 'Episode', 'Scene', 'Edit', 'Concept')`);
  pool.entity = [...pool.shot, ...pool.asset];
  knownIds = Object.values(pool).flat();
  pool.any = knownIds;
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

/** A fresh session for each fuzzing actor, active and in its role again: a fuzzed request may have logged it out or deactivated it. */
async function authHeaders(): Promise<Map<string, Record<string, string>>> {
  const ids = actors.flatMap((actor) => (actor.personId ? [actor.personId] : []));
  await sql`UPDATE person SET active = true, archived = false WHERE id = ANY(${ids}::uuid[])`.execute(ctx.db);
  await sql`UPDATE person SET role = 'admin' WHERE id = ${actors[2]!.personId}`.execute(ctx.db);
  await sql`UPDATE person SET role = 'user' WHERE id = ${actors[1]!.personId}`.execute(ctx.db);
  const headers = new Map<string, Record<string, string>>();
  for (const actor of actors) {
    if (!actor.personId) headers.set(actor.label, {});
    else headers.set(actor.label, { authorization: `Bearer ${(await ctx.deps.tokens.issueLoginTokens(actor.personId, 'script')).access_token}` });
  }
  return headers;
}

interface Failure {
  actor: string;
  request: string;
  status: number;
  problem: string;
}

function describeRequest(request: FuzzRequest): string {
  const body = request.payload === undefined ? '' : ` body ${request.payload.length > 160 ? `${request.payload.slice(0, 160)}… (${request.payload.length} chars)` : request.payload}`;
  return `${request.method} ${request.url}${body}`;
}

let sent = 0;
async function send(actor: string, auth: Record<string, string>, request: FuzzRequest, failures: Failure[]): Promise<void> {
  sent += 1;
  let response;
  try {
    response = await ctx.app.inject({ method: request.method as 'GET', url: request.url, headers: { ...request.headers, ...auth }, ...(request.payload === undefined ? {} : { payload: request.payload }) });
  } catch (error) {
    failures.push({ actor, request: describeRequest(request), status: 0, problem: `inject threw: ${(error as Error).message}` });
    return;
  }
  const problem = problemOf(response.statusCode, String(response.headers['content-type'] ?? ''), response.body);
  if (problem) failures.push({ actor, request: describeRequest(request), status: response.statusCode, problem });
}

function problemOf(status: number, contentType: string, body: string): string | null {
  if (status >= 500) return `server error: ${body.slice(0, 300)}`;
  const internal = findInternalText(body);
  if (internal) return `internal text in the body: ${internal}`;
  if (status >= 400 && body !== '') {
    if (!contentType.includes('json')) return `error body is not JSON (${contentType})`;
    try {
      JSON.parse(body);
    } catch {
      return 'error body does not parse as JSON';
    }
  }
  return null;
}

function hostileRequests(operation: Operation, sample: FuzzRequest): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  if (operation.body || operation.method !== 'GET') {
    for (const body of hostileBodies()) requests.push({ method: operation.method, url: sample.url, headers: { 'content-type': body.contentType }, payload: body.payload });
  }
  // A NUL in the query, and in each path parameter (finding 1).
  const [path] = sample.url.split('?');
  requests.push({ method: operation.method, url: `${path}?name=%00&page=1`, headers: {} });
  for (const name of operation.pathParams) {
    requests.push({ method: operation.method, url: operation.path.replace(/\{([^}]+)\}/g, (_w, param: string) => (param === name ? '%00' : encodeURIComponent(sample.url.split('/').find((s) => /^[0-9a-f-]{36}$/.test(s)) ?? 'x'))), headers: {} });
  }
  return requests;
}

describe('OpenAPI document under fuzzed and malformed input', () => {
  it('answers every operation without a 5xx, a non-JSON error or internal text', async () => {
    const document = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(300);
    const failures: Failure[] = [];
    const started = Date.now();
    for (const [index, operation] of operations.entries()) {
      const headers = await authHeaders();
      const arbitrary = requestArbitrary(operation, pool, { ids: knownIds });
      for (const [actorIndex, actor] of actors.entries()) {
        const samples = fc.sample(arbitrary, { numRuns: RUNS, seed: SEED + index * 7 + actorIndex });
        for (const request of samples) await send(actor.label, headers.get(actor.label)!, request, failures);
      }
      // Malformed input as the artist (past authentication, not past every permission) and as the admin.
      const sample = fc.sample(arbitrary, { numRuns: 1, seed: SEED + index })[0]!;
      for (const label of ['artist', 'admin']) {
        for (const request of hostileRequests(operation, sample)) await send(label, headers.get(label)!, request, failures);
      }
      if (operation.method !== 'GET' && index % 10 === 0) {
        await send('artist', headers.get('artist')!, { method: operation.method, url: sample.url, headers: { 'content-type': 'application/json' }, payload: THREE_MEGABYTES }, failures);
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`fuzz: ${sent} requests over ${operations.length} operations in ${seconds} s (runs ${RUNS}, seed ${SEED}): ${failures.length} failures`);
    const distinct = [...new Map(failures.map((failure) => [`${failure.request.split('?')[0]} ${failure.problem.slice(0, 60)}`, failure])).values()];
    expect(distinct.map((f) => `${f.actor} ${f.status} ${f.request} -> ${f.problem}`)).toEqual([]);
  }, 1_800_000);
});
