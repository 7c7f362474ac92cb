/** Calling one listed route on the app and telling "no such route" from "no such object". */
import type { App } from '../../server/src/platform/http/app.ts';
import { bearer } from '../support/factories.ts';
import { placeholderValue, type SurfaceSeed } from './surface-seed.ts';
import type { HttpMethod } from './route-list.ts';

export interface RouteToCall { method: HttpMethod; path: string }

export interface CallOutcome {
  /** The router holds a route for this method and path (the web app's catch-all does not count). */
  served: boolean;
  /** Not served, but a route with an id parameter took one of the path's literal segments (its 400/404 is that route's). */
  shadowed: boolean;
  status: number;
  body: string;
}

/** The template with each placeholder replaced by a seeded id or a plausible value. */
export function concretePath(seed: SurfaceSeed, template: string): string {
  const segments = template.split('/');
  return segments
    .map((segment, index) => segment.replace(/:(\w+)/g, (_, name: string) => placeholderValue(seed, name, segments[index - 1])))
    .join('/');
}

const ENDS_SESSION = new Set(['GET /api/auth/logout', 'POST /api/auth/logout']);
const PHASE: Record<HttpMethod, number> = { GET: 0, HEAD: 0, PUT: 1, POST: 2, DELETE: 3 };

/**
 * Reads first, then writes, then deletes (deepest paths first, so children go before their parents),
 * and the logouts last: they end the admin's session that every other call uses.
 */
export function callOrder(a: RouteToCall, b: RouteToCall): number {
  const last = (route: RouteToCall) => (ENDS_SESSION.has(`${route.method} ${route.path}`) ? 1 : 0);
  const depth = (route: RouteToCall) => (route.method === 'DELETE' ? -route.path.split('/').length : 0);
  return last(a) - last(b) || PHASE[a.method] - PHASE[b.method] || depth(a) - depth(b) || a.path.localeCompare(b.path);
}

const ID_PARAM = /(^id$|_id$|Id$)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the router holds an API route for this method and URL. Two matches do not count: the web
 * app's `GET /*` fallback (it answers every path; no API route has a wildcard), and a route whose id
 * parameter swallowed one of the template's literal segments (`data/departments/hardware-items`
 * matching `data/departments/:id`, which answers "Malformed ID": the route the client means is missing).
 */
export function routeMatch(app: App, method: HttpMethod, url: string, template: string): { served: boolean; shadowed: boolean } {
  const found = app.findRoute({ method, url });
  if (found === null) return { served: false, shadowed: false };
  const params = found.params as Record<string, string>;
  if ('*' in params) return { served: false, shadowed: false };
  const literals = new Set(template.split('/').filter((segment) => segment !== '' && !segment.includes(':')));
  const shadowed = Object.entries(params).some(([name, value]) => ID_PARAM.test(name) && !UUID.test(value) && literals.has(value));
  return { served: !shadowed, shadowed };
}

/** Calls the route as the admin, with an empty JSON object for a write. */
export async function callRoute(app: App, seed: SurfaceSeed, route: RouteToCall): Promise<CallOutcome> {
  const url = concretePath(seed, route.path);
  const match = routeMatch(app, route.method, url, route.path);
  const writes = route.method === 'POST' || route.method === 'PUT';
  const res = await app.inject({ method: route.method, url, headers: bearer(seed.adminToken), ...(writes ? { payload: {} } : {}) });
  return { ...match, status: res.statusCode, body: res.body.slice(0, 300) };
}
