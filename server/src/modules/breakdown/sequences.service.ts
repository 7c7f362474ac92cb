import type { NewSequenceBody } from '../../../../packages/contracts/src/breakdown.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager } from '../../platform/auth/permissions.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { requireEntityReader, requireFilteredListScope, requireListScope } from './breakdown.policy.ts';
import { getOrCreateTemporal } from './entity-creation.repository.ts';
import { recordEntityCreation } from './entity-creation.service.ts';
import { criterionId, firstValue, parseEntityCriteria, type Criterion, type RawQuery } from './entity-criteria.ts';
import { presentEntity, type EntityView } from './entity.presenter.ts';
import { getEntityOfKind, getProjectEntityOfKind, listEntities } from './entity.repository.ts';
import { fullSequence } from './full-entity.repository.ts';
import { isUuid } from '../../platform/http/uuid.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

const projectCriterion = (projectId: string): Criterion => ({ column: 'project_id', kind: 'uuid', value: projectId });

/** `data/projects/<id>/sequences`: plain sequence rows (vendors: sequences of their assigned shots). */
export async function listProjectSequences(deps: Deps, actor: Actor, projectId: string): Promise<EntityView[]> {
  return listEntities(deps.db, {
    kind: 'Sequence',
    criteria: [projectCriterion(projectId)],
    assignedTo: await requireListScope(deps.db, actor, projectId),
  });
}

/**
 * `data/sequences?project_id&name` or `?episode_id&name` (Gazu `get_sequence_by_name`, `new_sequence`
 * existence check): `episode_id` becomes the parent and project; without a project only admins list.
 */
export async function listSequences(deps: Deps, actor: Actor, query: RawQuery): Promise<EntityView[]> {
  let criteria = parseEntityCriteria(query);
  const episodeParam = firstValue(query, 'episode_id');
  if (episodeParam !== undefined) {
    if (!isUuid(episodeParam)) throw errors.notFound();
    const episode = await getEntityOfKind(deps.db, episodeParam.toLowerCase(), 'Episode');
    criteria = criteria.filter((c) => c.column !== 'parent_id' && c.column !== 'project_id');
    criteria.push(projectCriterion(episode.project_id), { column: 'parent_id', kind: 'uuid', value: episode.id });
  }
  const assignedTo = await requireFilteredListScope(deps.db, actor, criterionId(criteria, 'project_id'));
  return listEntities(deps.db, { kind: 'Sequence', criteria, assignedTo });
}

/** `data/episodes/<id>/sequences`: sequences of an episode (extra query keys filter them). */
export async function listEpisodeSequences(deps: Deps, actor: Actor, episodeId: string, query: RawQuery): Promise<EntityView[]> {
  const episode = await getEntityOfKind(deps.db, episodeId, 'Episode');
  const assignedTo = await requireListScope(deps.db, actor, episode.project_id);
  const criteria = parseEntityCriteria(query).filter((c) => c.column !== 'parent_id');
  criteria.push({ column: 'parent_id', kind: 'uuid', value: episodeId });
  return listEntities(deps.db, { kind: 'Sequence', criteria, assignedTo });
}

/** `data/sequences/<id>`: the sequence with its project name and its episode id and name. */
export async function getFullSequence(deps: Deps, actor: Actor, sequenceId: string) {
  const sequence = await getEntityOfKind(deps.db, sequenceId, 'Sequence');
  await requireEntityReader(deps.db, actor, sequence);
  const full = await fullSequence(deps.db, sequenceId);
  if (!full) throw errors.notFound();
  return full;
}

/**
 * `POST data/projects/<id>/sequences` (Gazu `new_sequence`): get-or-create by name in the episode
 * (or at the top of the project); a new sequence emits `sequence:new`.
 */
export async function createSequence(deps: Deps, actor: Actor, projectId: string, body: NewSequenceBody): Promise<EntityView> {
  await requireProjectManager(deps.db, actor, projectId);
  return inTransaction(deps, async (tx, events) => {
    const episodeId = body.episode_id?.toLowerCase() ?? null;
    if (episodeId) await getProjectEntityOfKind(tx, episodeId, 'Episode', projectId);
    const { row, created } = await getOrCreateTemporal(tx, 'Sequence', {
      projectId,
      name: body.name,
      parentId: episodeId,
      description: body.description ?? '',
      data: body.data ?? {},
      createdBy: actor.id,
    });
    if (created) {
      await recordEntityCreation(tx, events, actor, { kind: 'Sequence', row, projectId });
    }
    return presentEntity(row, 'Sequence');
  });
}
