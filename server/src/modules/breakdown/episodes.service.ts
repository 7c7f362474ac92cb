import type { NewEpisodeBody } from '../../../../packages/contracts/src/breakdown.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager } from '../../platform/auth/permissions.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { requireEntityReader, requireFilteredListScope, requireListScope } from './breakdown.policy.ts';
import { getOrCreateTemporal } from './entity-creation.repository.ts';
import { recordEntityCreation } from './entity-creation.service.ts';
import { criterionId, parseEntityCriteria, type RawQuery } from './entity-criteria.ts';
import { presentEntity, type EntityView } from './entity.presenter.ts';
import { getEntityOfKind, listEntities } from './entity.repository.ts';
import { fullEpisode } from './full-entity.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

const EPISODE_STATUSES = ['running', 'complete', 'standby', 'canceled'];

/** `data/projects/<id>/episodes`: plain episode rows (vendors: episodes holding their assigned work). */
export async function listProjectEpisodes(deps: Deps, actor: Actor, projectId: string): Promise<EntityView[]> {
  return listEntities(deps.db, {
    kind: 'Episode',
    criteria: [{ column: 'project_id', kind: 'uuid', value: projectId }],
    assignedTo: await requireListScope(deps.db, actor, projectId),
  });
}

/** `data/episodes?project_id&name` (Gazu `get_episode_by_name`); without a project only admins list. */
export async function listEpisodes(deps: Deps, actor: Actor, query: RawQuery): Promise<EntityView[]> {
  const criteria = parseEntityCriteria(query);
  const assignedTo = await requireFilteredListScope(deps.db, actor, criterionId(criteria, 'project_id'));
  return listEntities(deps.db, { kind: 'Episode', criteria, assignedTo });
}

/** `data/episodes/<id>` (also Gazu `get_episode_from_sequence`): the episode with its project name. */
export async function getFullEpisode(deps: Deps, actor: Actor, episodeId: string) {
  const episode = await getEntityOfKind(deps.db, episodeId, 'Episode');
  await requireEntityReader(deps.db, actor, episode);
  const full = await fullEpisode(deps.db, episodeId);
  if (!full) throw errors.notFound();
  return full;
}

/** `POST data/projects/<id>/episodes` (Gazu `new_episode`): get-or-create by name; new ones emit `episode:new`. */
export async function createEpisode(deps: Deps, actor: Actor, projectId: string, body: NewEpisodeBody): Promise<EntityView> {
  await requireProjectManager(deps.db, actor, projectId);
  const status = body.status && EPISODE_STATUSES.includes(body.status) ? body.status : 'running';
  return inTransaction(deps, async (tx, events) => {
    const { row, created } = await getOrCreateTemporal(tx, 'Episode', {
      projectId,
      name: body.name,
      status,
      description: body.description ?? '',
      data: body.data ?? {},
      createdBy: actor.id,
    });
    if (created) {
      await recordEntityCreation(tx, events, actor, { kind: 'Episode', row, projectId });
    }
    return presentEntity(row, 'Episode');
  });
}
