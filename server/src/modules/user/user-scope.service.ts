import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import * as scope from './user-scope.repository.ts';
import type { ScopedKind } from './user-scope.repository.ts';

/**
 * gazu.user's "user scope" reads. Like Zou, the parent is looked up first (404 when unknown, malformed
 * or of another kind), then only what the caller has tasks assigned on, in open projects, is listed.
 */

async function requireEntity(db: Executor, id: string, kind: ScopedKind): Promise<void> {
  if (!isUuid(id) || !(await scope.entityOfKindExists(db, id, kind))) throw errors.notFound();
}

async function requireProject(db: Executor, id: string): Promise<void> {
  if (!isUuid(id) || !(await scope.projectExists(db, id))) throw errors.notFound();
}

export async function projectAssetTypes(db: Executor, actor: Actor, projectId: string) {
  await requireProject(db, projectId);
  return scope.assetTypesForProject(db, actor.id, projectId);
}

export async function assetTypeAssets(db: Executor, actor: Actor, projectId: string, assetTypeId: string) {
  await requireProject(db, projectId);
  if (!isUuid(assetTypeId) || !(await scope.assetTypeExists(db, assetTypeId))) throw errors.notFound();
  return scope.assetsForAssetType(db, actor.id, projectId, assetTypeId);
}

export async function projectSequences(db: Executor, actor: Actor, projectId: string) {
  await requireProject(db, projectId);
  return scope.sequencesForProject(db, actor.id, projectId);
}

export async function projectEpisodes(db: Executor, actor: Actor, projectId: string) {
  await requireProject(db, projectId);
  return scope.episodesForProject(db, actor.id, projectId);
}

export async function sequenceChildren(db: Executor, actor: Actor, sequenceId: string, kind: 'Shot' | 'Scene') {
  await requireEntity(db, sequenceId, 'Sequence');
  return scope.childrenOfSequence(db, actor.id, sequenceId, kind);
}

export async function entityTasks(db: Executor, actor: Actor, entityId: string, kind: ScopedKind) {
  await requireEntity(db, entityId, kind);
  return scope.tasksForEntity(db, actor.id, entityId);
}

export async function entityTaskTypes(db: Executor, actor: Actor, entityId: string, kind: ScopedKind) {
  await requireEntity(db, entityId, kind);
  return scope.taskTypesForEntity(db, actor.id, entityId);
}
