import type { LightMyRequestResponse } from 'fastify';
import type { TestContext } from '../../../../test/support/test-app.ts';
import { bearer, createProject, personWithToken, type TestPerson } from '../../../../test/support/factories.ts';
import type { Role } from '../../platform/auth/actor.ts';

/** Gazu's requests, replayed as it sends them: JSON bodies, `Authorization: Bearer`, paths under /api. */
export interface Api {
  get(path: string): Promise<LightMyRequestResponse>;
  post(path: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(path: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(path: string): Promise<LightMyRequestResponse>;
}

export function apiAs(ctx: TestContext, token: string): Api {
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    ctx.app.inject({
      method,
      url: `/api/${path}`,
      headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body ?? {}),
    put: (path, body) => send('PUT', path, body ?? {}),
    del: (path) => send('DELETE', path),
  };
}

export type Member = TestPerson & { token: string; api: Api };

export async function member(ctx: TestContext, role: Role): Promise<Member> {
  const person = await personWithToken(ctx, role);
  return { ...person, api: apiAs(ctx, person.token) };
}

/** A production with a manager, an artist and a vendor in its team, plus an admin and an outsider manager. */
export async function production(ctx: TestContext, name?: string) {
  const [admin, manager, artist, vendor, outsider] = await Promise.all([
    member(ctx, 'admin'),
    member(ctx, 'manager'),
    member(ctx, 'user'),
    member(ctx, 'vendor'),
    member(ctx, 'manager'),
  ]);
  const project = await createProject(ctx, { name, team: [{ id: manager.id }, { id: artist.id }, { id: vendor.id }] });
  return { project, admin, manager, artist, vendor, outsider };
}

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The persisted event log rows of a name (api_event), newest last. */
export async function eventsNamed(ctx: TestContext, name: string): Promise<Array<{ data: unknown; project_id: string | null }>> {
  return ctx.db
    .selectFrom('api_event')
    .select(['data', 'project_id'])
    .where('name', '=', name)
    .orderBy('created_at')
    .execute();
}
