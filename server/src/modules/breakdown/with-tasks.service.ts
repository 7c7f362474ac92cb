import { createHash } from 'node:crypto';
import type { AssetsWithTasksQuery, ShotsWithTasksQuery } from '../../../../packages/contracts/src/breakdown-with-tasks.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectMember } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { featureId } from './ids.ts';
import type { FragmentCache } from './with-tasks.cache.ts';
import { tablePiece, type TablePiece } from './table-gzip.ts';
import {
  assetFragments,
  assetGroups,
  assetsWithTasksJson,
  projectFingerprint,
  shotFragments,
  shotGroups,
  shotsWithTasksJson,
  type AssetScope,
  type ShotScope,
  type TableFragment,
  type TableGroup,
} from './with-tasks.repository.ts';

type Deps = Pick<AppDeps, 'db'>;

/**
 * A production table: its validator, and unless the caller's copy is current (null: answer 304) its
 * body — the pieces of its fragments (sent as JSON or gzip: table-gzip.ts), or JSON built whole.
 */
export interface TableResponse {
  etag: string;
  body: { pieces: TablePiece[] } | { json: string } | null;
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

interface TableReads<S> {
  kind: 'shots' | 'assets';
  groups(db: Executor, scope: S): Promise<TableGroup[]>;
  fragments(db: Executor, scope: S, wanted: { ids: string[]; withoutGroup: boolean }): Promise<TableFragment[]>;
  whole(db: Executor, scope: S): Promise<string>;
}

const SHOTS: TableReads<ShotScope> = { kind: 'shots', groups: shotGroups, fragments: shotFragments, whole: shotsWithTasksJson };
const ASSETS: TableReads<AssetScope> = { kind: 'assets', groups: assetGroups, fragments: assetFragments, whole: assetsWithTasksJson };

/** Strong validator: what the table's rows depend on, the scope asked for and, for vendors, who asks (their view differs). */
function etagOf(kind: string, fingerprint: string, scope: object): string {
  return `"${createHash('sha1').update(`${kind}|${JSON.stringify(scope)}|${fingerprint}`).digest('base64url')}"`;
}

const groupsFingerprint = (groups: TableGroup[]) => groups.map((g) => `${g.group_id ?? '-'}=${g.fingerprint}`).join('|');

const fragmentKey = (kind: string, projectId: string, group: TableGroup) => `${kind}|${projectId}|${group.group_id ?? '-'}|${group.fingerprint}`;

/**
 * The table from its groups' fragments: cached ones as they are, the others built in one statement,
 * deflated once and cached. Fragments are kept as UTF-8 bytes (the elements of their JSON array) with
 * their deflated form: a table is their elements copied side by side, plain or gzip, with no string
 * to build and encode, nor any JSON to compress, again on each request.
 */
async function assemble<S extends { projectId: string }>(
  db: Executor,
  cache: FragmentCache,
  reads: TableReads<S>,
  scope: S,
  groups: TableGroup[],
): Promise<TablePiece[]> {
  const pieces = groups.map((group) => {
    const cached = cache.get(fragmentKey(reads.kind, scope.projectId, group));
    return cached === undefined || Buffer.isBuffer(cached) ? undefined : cached;
  });
  const missing = groups.filter((_, i) => pieces[i] === undefined);
  if (missing.length > 0) {
    const ids = missing.flatMap((group) => (group.group_id === null ? [] : [group.group_id]));
    const built = new Map((await reads.fragments(db, scope, { ids, withoutGroup: ids.length < missing.length })).map((f) => [f.group_id, f.body]));
    groups.forEach((group, i) => {
      if (pieces[i] !== undefined) return;
      const json = Buffer.from(built.get(group.group_id) ?? '[]', 'utf8');
      // Each fragment is a JSON array: its elements are what the table puts side by side.
      const piece = tablePiece(json.subarray(1, json.byteLength - 1));
      pieces[i] = piece;
      cache.set(fragmentKey(reads.kind, scope.projectId, group), piece);
    });
  }
  return pieces as TablePiece[];
}

/**
 * The validator is read first and the fragments after: a change committed in between gives a newer
 * body under the older validator, which the next revalidation replaces; never an older body under a
 * newer one. A whole project is validated by its cheap project fingerprint (a revalidation costs one
 * index-only scan), its groups' fingerprints read only to build a body (and kept for that project
 * fingerprint); a narrower scope is validated by its groups' fingerprints directly. A cached fragment
 * is keyed by its own fingerprint, so it is current. Vendors' views are built whole, never cached.
 */
async function table<S extends { projectId: string; vendorId?: string }>(
  deps: Deps,
  cache: FragmentCache,
  reads: TableReads<S>,
  scope: S,
  ifNoneMatch: string | undefined,
): Promise<TableResponse> {
  const { projectId, vendorId, ...narrower } = scope;
  const whole = Object.keys(narrower).length === 0;
  let groups: TableGroup[] | undefined;
  let fingerprint: string;
  if (whole) {
    fingerprint = `project:${await projectFingerprint(deps.db, projectId)}`;
  } else {
    groups = await reads.groups(deps.db, scope);
    fingerprint = groupsFingerprint(groups);
  }
  const etag = etagOf(reads.kind, fingerprint, scope);
  if (matchesIfNoneMatch(ifNoneMatch, etag)) return { etag, body: null };
  if (vendorId) return { etag, body: { json: await reads.whole(deps.db, scope) } };
  if (!groups) {
    const key = `${reads.kind}|${projectId}|groups|${fingerprint}`;
    const known = cache.get(key);
    if (Buffer.isBuffer(known)) groups = JSON.parse(known.toString('utf8')) as TableGroup[];
    else {
      groups = await reads.groups(deps.db, scope);
      cache.set(key, Buffer.from(JSON.stringify(groups), 'utf8'));
    }
  }
  return { etag, body: { pieces: await assemble(deps.db, cache, reads, scope, groups) } };
}

async function projectScope(deps: Deps, actor: Actor, projectIdParam: string) {
  const projectId = featureId(projectIdParam);
  const access = await requireProjectMember(deps.db, actor, projectId);
  return { projectId, ...(access.effectiveRole === 'vendor' ? { vendorId: actor.id } : {}) };
}

const optionalId = (value: string | undefined) => (value === undefined || value === '' ? undefined : featureId(value));

/** `GET data/shots/with-tasks`: team members; vendors get the shots, and tasks, assigned to them. */
export async function shotsWithTasks(
  deps: Deps,
  cache: FragmentCache,
  actor: Actor,
  query: ShotsWithTasksQuery,
  ifNoneMatch?: string,
): Promise<TableResponse> {
  const sequenceId = optionalId(query.sequence_id);
  const episodeId = optionalId(query.episode_id);
  const scope: ShotScope = { ...(await projectScope(deps, actor, query.project_id)), ...(sequenceId ? { sequenceId } : {}), ...(episodeId ? { episodeId } : {}) };
  return table(deps, cache, SHOTS, scope, ifNoneMatch);
}

/** `GET data/assets/with-tasks`: the same for assets, optionally of one asset type. */
export async function assetsWithTasks(
  deps: Deps,
  cache: FragmentCache,
  actor: Actor,
  query: AssetsWithTasksQuery,
  ifNoneMatch?: string,
): Promise<TableResponse> {
  const assetTypeId = optionalId(query.asset_type_id);
  const scope: AssetScope = { ...(await projectScope(deps, actor, query.project_id)), ...(assetTypeId ? { assetTypeId } : {}) };
  return table(deps, cache, ASSETS, scope, ifNoneMatch);
}
