import { createHash } from 'node:crypto';
import type { AssetsWithTasksQuery, ShotsWithTasksQuery } from '../../../../packages/contracts/src/breakdown-with-tasks.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectMember } from '../../platform/auth/permissions.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { featureId } from './ids.ts';
import {
  assetsFingerprint,
  assetsWithTasksJson,
  shotsFingerprint,
  shotsWithTasksJson,
  type AssetScope,
  type ShotScope,
} from './with-tasks.repository.ts';

type Deps = Pick<AppDeps, 'db'>;

/** A production table: its validator, and its JSON text unless the caller's copy is current (null: answer 304). */
export interface TableResponse {
  etag: string;
  body: string | null;
}

/** `If-None-Match` holds the validator (weak comparison, RFC 9110 §13.1.2), or `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === opaque;
  });
}

/** Strong validator: the data fingerprint, the scope asked for and, for vendors, who asks (their view differs). */
function etagOf(kind: string, fingerprint: string, scope: object): string {
  const digest = createHash('sha1').update(`${kind}|${fingerprint}|${JSON.stringify(scope)}`).digest('base64url');
  return `"${digest}"`;
}

/**
 * The fingerprint is read before the body: a change committed in between gives a newer body under
 * the older validator, which the next revalidation replaces; never an older body under a newer one.
 */
async function table<S extends object>(
  deps: Deps,
  kind: string,
  scope: S,
  ifNoneMatch: string | undefined,
  read: { fingerprint(scope: S): Promise<string>; body(scope: S): Promise<string> },
): Promise<TableResponse> {
  const etag = etagOf(kind, await read.fingerprint(scope), scope);
  if (matchesIfNoneMatch(ifNoneMatch, etag)) return { etag, body: null };
  return { etag, body: await read.body(scope) };
}

async function projectScope(deps: Deps, actor: Actor, projectIdParam: string) {
  const projectId = featureId(projectIdParam);
  const access = await requireProjectMember(deps.db, actor, projectId);
  return { projectId, vendorId: access.effectiveRole === 'vendor' ? actor.id : undefined };
}

const optionalId = (value: string | undefined) => (value === undefined || value === '' ? undefined : featureId(value));

/** `GET data/shots/with-tasks`: team members; vendors get the shots, and tasks, assigned to them. */
export async function shotsWithTasks(deps: Deps, actor: Actor, query: ShotsWithTasksQuery, ifNoneMatch?: string): Promise<TableResponse> {
  const scope: ShotScope = { ...(await projectScope(deps, actor, query.project_id)), sequenceId: optionalId(query.sequence_id), episodeId: optionalId(query.episode_id) };
  return table(deps, 'shots', scope, ifNoneMatch, {
    fingerprint: (s) => shotsFingerprint(deps.db, s),
    body: (s) => shotsWithTasksJson(deps.db, s),
  });
}

/** `GET data/assets/with-tasks`: the same for assets, optionally of one asset type. */
export async function assetsWithTasks(deps: Deps, actor: Actor, query: AssetsWithTasksQuery, ifNoneMatch?: string): Promise<TableResponse> {
  const scope: AssetScope = { ...(await projectScope(deps, actor, query.project_id)), assetTypeId: optionalId(query.asset_type_id) };
  return table(deps, 'assets', scope, ifNoneMatch, {
    fingerprint: (s) => assetsFingerprint(deps.db, s),
    body: (s) => assetsWithTasksJson(deps.db, s),
  });
}
