/**
 * The Zou surface contract: every route that Gazu and the Kitsu web client call (routes.json, from
 * extract-routes.ts) is called as an admin on a seeded server. A route must exist (no unknown-route
 * 404/405, and not only as an id route taking a literal segment for its id) and must not fail (no 5xx). Routes known to be missing are listed in not-served-yet.json;
 * that list only shrinks: a missing route not in it fails, and so does a listed route that is served.
 *
 *   ZOU_SURFACE_UPDATE=1 npx vitest run --config vitest.config.ts test/zou-surface/zou-surface.test.ts
 * rewrites the list from what the server serves now (review the diff before committing it), and
 * ZOU_SURFACE_REPORT=<file> writes every route's status and the start of its answer there.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { bearer } from '../support/factories.ts';
import { routeKey, type RouteList } from './route-list.ts';
import { callOrder, callRoute, type CallOutcome, type RouteToCall } from './surface-call.ts';
import { surfaceCoverage } from './surface-coverage.ts';
import { seedSurface, type SurfaceSeed } from './surface-seed.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const RATCHET_FILE = path.join(here, 'not-served-yet.json');
const list = JSON.parse(readFileSync(path.join(here, 'routes.json'), 'utf8')) as RouteList;
/** `routes`: the ratchet. `zou_does_not_serve`: which of them Zou lacks too (the client calls a wrong path), and why. */
interface NotServedYet { note: string; routes: string[]; zou_does_not_serve_note: string; zou_does_not_serve: Record<string, string> }
const ratchet = JSON.parse(readFileSync(RATCHET_FILE, 'utf8')) as NotServedYet;

const routes: RouteToCall[] = [...new Map(list.calls.map((call) => [routeKey(call), { method: call.method, path: call.path }])).values()];

let ctx: TestContext;
let seed: SurfaceSeed;

beforeAll(async () => {
  ctx = await createTestContext();
  seed = await seedSurface(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

describe('Zou surface', () => {
  it('tells "no such route" from "no such object"', async () => {
    const missingObject = await callRoute(ctx.app, seed, { method: 'GET', path: `/api/data/shots/${randomUUID()}` });
    expect(missingObject).toMatchObject({ served: true, status: 404 });
    const missingRoute = await callRoute(ctx.app, seed, { method: 'GET', path: '/api/data/no-such-collection' });
    expect(missingRoute).toMatchObject({ served: false, status: 404 });
    const wrongMethod = await callRoute(ctx.app, seed, { method: 'PUT', path: '/api/data/user/context' });
    expect(wrongMethod).toMatchObject({ served: false, status: 405 });
    // `data/departments/:id` takes "no-such-list" as an id: the listed route is still missing.
    const shadowed = await callRoute(ctx.app, seed, { method: 'GET', path: '/api/data/departments/no-such-list' });
    expect(shadowed).toMatchObject({ served: false, shadowed: true, status: 400 });
    // The seeded ids are real: the admin reads the seeded shot.
    const shot = await ctx.app.inject({ method: 'GET', url: `/api/data/shots/${seed.ids.shot}`, headers: bearer(seed.adminToken) });
    expect(shot.statusCode).toBe(200);
  });

  it('serves every route the clients call, except those listed as not served yet, without a 5xx', async () => {
    const outcomes = new Map<string, CallOutcome>();
    for (const route of [...routes].sort(callOrder)) outcomes.set(routeKey(route), await callRoute(ctx.app, seed, route));

    const failures: string[] = [];
    const missing = new Set<string>();
    for (const [key, outcome] of outcomes) {
      if (outcome.status >= 500) failures.push(`${key} answered ${outcome.status}: ${outcome.body}`);
      if (outcome.served) continue;
      missing.add(key);
      if (!outcome.shadowed && outcome.status !== 404 && outcome.status !== 405) failures.push(`${key}: no route matched, yet it answered ${outcome.status}`);
    }
    if (process.env.ZOU_SURFACE_REPORT) writeFileSync(process.env.ZOU_SURFACE_REPORT, `${JSON.stringify(Object.fromEntries(outcomes), null, 2)}\n`);
    if (process.env.ZOU_SURFACE_UPDATE === '1') {
      const zouLacks = Object.fromEntries(Object.entries(ratchet.zou_does_not_serve).filter(([key]) => missing.has(key)));
      const rewritten: NotServedYet = { ...ratchet, note: ratchetNote, routes: [...missing].sort(), zou_does_not_serve: zouLacks };
      writeFileSync(RATCHET_FILE, `${JSON.stringify(rewritten, null, 2)}\n`);
    } else {
      for (const key of Object.keys(ratchet.zou_does_not_serve)) {
        if (!ratchet.routes.includes(key)) failures.push(`${key} is in zou_does_not_serve but not in the routes of not-served-yet.json`);
      }
      const listed = new Set(ratchet.routes);
      for (const key of missing) if (!listed.has(key)) failures.push(`${key} is not served (and not in not-served-yet.json)`);
      for (const key of listed) {
        if (!outcomes.has(key)) failures.push(`${key} is in not-served-yet.json but no client calls it any more: remove it`);
        else if (!missing.has(key)) failures.push(`${key} is served now: remove it from not-served-yet.json`);
      }
    }

    const coverage = surfaceCoverage(list.calls, missing, new Set(Object.keys(ratchet.zou_does_not_serve)));
    console.log([
      `Zou surface: Gazu functions served ${coverage.gazuFunctions.served} of ${coverage.gazuFunctions.total} `
        + `(${coverage.gazuFunctionsZouLacks} more call only routes Zou lacks too); `
        + `Kitsu client routes served ${coverage.kitsuRoutes.served} of ${coverage.kitsuRoutes.total} (${coverage.kitsuRoutesZouLacks} more Zou lacks too); `
        + `distinct routes served ${outcomes.size - missing.size} of ${outcomes.size}`,
      ...coverage.gazuModules.map((m) => `  gazu.${m.module}: ${m.served} of ${m.total}`),
    ].join('\n'));
    expect(failures).toEqual([]);
  }, 600_000);
});

const ratchetNote = 'Routes that Gazu or the Kitsu web client call and Rushes does not serve yet (method and path template of routes.json). '
  + 'zou-surface.test.ts fails when a route missing from the server is not listed here, and when a listed one is served: remove it then.';
