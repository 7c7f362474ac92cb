import type { NewShotBody, ShotUpdateBody } from '../../../../packages/contracts/src/breakdown.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Json } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { requireEntityReader, requireFilteredListScope, requireListScope } from './breakdown.policy.ts';
import { getOrCreateTemporal } from './entity-creation.repository.ts';
import { recordEntityCreation } from './entity-creation.service.ts';
import { criterionId, firstValue, parseEntityCriteria, type RawQuery } from './entity-criteria.ts';
import { ENTITY_COLUMNS, presentEntity, type EntityView } from './entity.presenter.ts';
import { getEntityOfKind, getProjectEntityOfKind, listEntities, listNamedShots, listShotsOfEpisode } from './entity.repository.ts';
import { fullShot } from './full-entity.repository.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { applyTaskTemplates } from '../studio-tasks/task-templates.service.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

/** `data/projects/<id>/shots`: plain shot rows of a project (vendors: their assigned shots). */
export async function listProjectShots(deps: Deps, actor: Actor, projectId: string): Promise<EntityView[]> {
  return listEntities(deps.db, {
    kind: 'Shot',
    criteria: [{ column: 'project_id', kind: 'uuid', value: projectId }],
    assignedTo: await requireListScope(deps.db, actor, projectId),
  });
}

/**
 * `data/shots/all?sequence_id&name` (Gazu `get_shot_by_name`, `new_shot` existence check) and
 * `data/sequences/<id>/shots`: shots matching any entity-column filter, with project and sequence
 * names. `sequence_id` becomes the parent and project; without a project only admins may list.
 */
export async function listShots(deps: Deps, actor: Actor, query: RawQuery, sequenceId?: string) {
  let criteria = parseEntityCriteria(query);
  const sequenceParam = sequenceId ?? firstValue(query, 'sequence_id');
  if (sequenceParam !== undefined) {
    if (!isUuid(sequenceParam)) throw errors.notFound();
    const sequence = await getEntityOfKind(deps.db, sequenceParam.toLowerCase(), 'Sequence');
    criteria = criteria.filter((c) => c.column !== 'parent_id' && c.column !== 'project_id');
    criteria.push({ column: 'project_id', kind: 'uuid', value: sequence.project_id });
    criteria.push({ column: 'parent_id', kind: 'uuid', value: sequence.id });
  }
  const assignedTo = await requireFilteredListScope(deps.db, actor, criterionId(criteria, 'project_id'));
  return listNamedShots(deps.db, { criteria, assignedTo });
}

/** `data/episodes/<id>/shots`: the shots of every sequence of an episode. */
export async function listEpisodeShots(deps: Deps, actor: Actor, episodeId: string): Promise<EntityView[]> {
  const episode = await getEntityOfKind(deps.db, episodeId, 'Episode');
  const access = await requireEntityReader(deps.db, actor, episode);
  return listShotsOfEpisode(deps.db, episodeId, access.effectiveRole === 'vendor' ? actor.id : undefined);
}

/** `data/shots/<id>`: the full shot (404 for an unknown id or an entity of another kind). */
export async function getFullShot(deps: Deps, actor: Actor, shotId: string) {
  const shot = await getEntityOfKind(deps.db, shotId, 'Shot');
  await requireEntityReader(deps.db, actor, shot);
  const full = await fullShot(deps.db, shotId, actor.id);
  if (!full) throw errors.notFound();
  return full;
}

/**
 * `POST data/projects/<id>/shots` (Gazu `new_shot`): get-or-create by name in the sequence. A new
 * shot emits `shot:new {shot_id, episode_id}`; an existing one is returned as is, without event.
 */
export async function createShot(deps: Deps, actor: Actor, projectId: string, body: NewShotBody): Promise<EntityView> {
  await requireProjectManager(deps.db, actor, projectId);
  return inTransaction(deps, async (tx, events) => {
    let episodeId: string | null = null;
    if (body.sequence_id) {
      const sequence = await getProjectEntityOfKind(tx, body.sequence_id.toLowerCase(), 'Sequence', projectId);
      episodeId = sequence.parent_id;
    }
    const { row, created } = await getOrCreateTemporal(tx, 'Shot', {
      projectId,
      name: body.name,
      parentId: body.sequence_id?.toLowerCase() ?? null,
      data: body.data ?? {},
      nbFrames: body.nb_frames ?? null,
      description: body.description ?? null,
      createdBy: actor.id,
    });
    if (created) {
      await recordEntityCreation(tx, events, actor, { kind: 'Shot', row, projectId, eventData: { episode_id: episodeId } });
      await applyTaskTemplates(tx, [row.id], { actorId: actor.id, events });
    }
    return presentEntity(row, 'Shot');
  });
}

const UPDATABLE = ['name', 'code', 'description', 'canceled', 'nb_frames', 'data', 'status', 'is_casting_standby'] as const;

/**
 * `PUT data/shots/<id>` (Gazu `restore_shot` sends `{canceled: false}`): manager of the project;
 * only shot fields are read, `data` is replaced as Zou's shot route does; emits `shot:update`.
 */
export async function updateShot(deps: Deps, actor: Actor, shotId: string, body: ShotUpdateBody): Promise<EntityView> {
  const shot = await getEntityOfKind(deps.db, shotId, 'Shot');
  await requireProjectManager(deps.db, actor, shot.project_id);
  const changes: Record<string, unknown> = {};
  for (const key of UPDATABLE) if (body[key] !== undefined) changes[key] = body[key];
  return inTransaction(deps, async (tx, events) => {
    const row = Object.keys(changes).length === 0
      ? await tx.selectFrom('entity').select(ENTITY_COLUMNS).where('id', '=', shotId).executeTakeFirstOrThrow()
      : await tx
        .updateTable('entity')
        .set({ ...changes, ...(changes.data !== undefined ? { data: (changes.data ?? {}) as Json } : {}) })
        .where('id', '=', shotId)
        .returning(ENTITY_COLUMNS)
        .executeTakeFirstOrThrow();
    events.push({ name: 'shot:update', data: { shot_id: shotId }, projectId: shot.project_id, actorId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id, action: 'update', objectType: 'shot', objectId: shotId, projectId: shot.project_id,
      before: Object.fromEntries(Object.keys(changes).map((key) => [key, shot[key as keyof typeof shot]])),
      after: changes,
    });
    return presentEntity(row, 'Shot');
  });
}
