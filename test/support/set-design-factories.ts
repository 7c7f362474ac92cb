import type { TestContext } from './test-app.ts';
import { bearer } from './factories.ts';

/** Helpers for the /api/v1 set-design service tests: requests as a person, and catalog items. */
export interface Caller {
  id: string;
  token: string;
}

export async function v1<T = Record<string, unknown>>(
  ctx: TestContext,
  caller: Caller,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(caller.token), payload: payload as never });
  return { status: res.statusCode, body: (res.body ? res.json() : undefined) as T };
}

/** Creates an organization owned by `owner`, with the other people as members of the given roles. */
export async function createOrganization(
  ctx: TestContext,
  owner: Caller,
  members: Array<{ person: { id: string }; role: 'owner' | 'admin' | 'member' }> = [],
): Promise<string> {
  const created = await v1<{ id: string }>(ctx, owner, 'POST', '/organizations', { name: `Org ${Math.random().toString(36).slice(2, 8)}` });
  if (created.status !== 200) throw new Error(`organization not created: ${JSON.stringify(created.body)}`);
  for (const member of members) {
    const added = await v1(ctx, owner, 'POST', `/organizations/${created.body.id}/members`, { person_id: member.person.id, role: member.role });
    if (added.status !== 200) throw new Error(`member not added: ${JSON.stringify(added.body)}`);
  }
  return created.body.id;
}

const scoped = (url: string, organizationId?: string) => (organizationId ? `${url}?organization_id=${organizationId}` : url);

export async function createSubject(ctx: TestContext, caller: Caller, organizationId?: string, name = 'Model A'): Promise<string> {
  const res = await v1<{ id: string }>(ctx, caller, 'POST', scoped('/subjects', organizationId), { name });
  if (res.status !== 200) throw new Error(`subject not created: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function createShotType(ctx: TestContext, caller: Caller, slug: string, organizationId?: string): Promise<string> {
  const res = await v1<{ id: string }>(ctx, caller, 'POST', scoped('/shot-types', organizationId), { name: slug.replace(/_/g, ' '), slug });
  if (res.status !== 200) throw new Error(`shot type not created: ${JSON.stringify(res.body)}`);
  return res.body.id;
}
