import type { Tx } from '../../../platform/db/database.ts';
import { presentEntity, type EntityView } from '../../breakdown/entity.presenter.ts';
import { customData, linkOf, linksOf, numberOf, SgEntryError, textOf, type SgLink, type SgRecord } from './shotgun-fields.ts';
import { countOutcome, extractAll, inPayloadOrder, rejectDuplicates, rejectWhere, type Failure, type Item, type Outcome } from './shotgun-import.ts';
import { entityIdsByShotgunId, entityTypeId, idsByShotgunId, projectIdsByName, type SgEntityKind } from './shotgun-lookups.repository.ts';
import * as repo from './shotgun-breakdown.repository.ts';

/**
 * ShotGrid episodes, sequences, shots and assets. Their `project` link is resolved by ShotGrid id
 * (then by name, as Zou does for sequences and shots): projects must be imported first, then
 * episodes, sequences, assets and shots (a shot's `assets` field is its casting).
 */

interface Links {
  projects: Map<number, string>;
  projectsByName: Map<string, string>;
}

async function projectLinks(tx: Tx, entries: unknown[]): Promise<Links> {
  const links = entries.flatMap((entry) => {
    try {
      const link = typeof entry === 'object' && entry !== null ? linkOf(entry as SgRecord, 'project') : null;
      return link ? [link] : [];
    } catch {
      return [];
    }
  });
  return {
    projects: await idsByShotgunId(tx, 'project', links.map((link) => link.id)),
    projectsByName: await projectIdsByName(tx, links.flatMap((link) => (link.name ? [link.name] : []))),
  };
}

function projectOf(entry: SgRecord, links: Links): string {
  const link = linkOf(entry, 'project');
  if (!link) throw new SgEntryError('project is required');
  const id = links.projects.get(link.id) ?? (link.name ? links.projectsByName.get(link.name) : undefined);
  if (!id) throw new SgEntryError(`The project ${link.name ?? link.id} has not been imported`);
  return id;
}

/** ShotGrid ids of a link field across the payload, for one lookup query. */
function linkedIds(entries: unknown[], read: (entry: SgRecord) => SgLink[]): number[] {
  return entries.flatMap((entry) => {
    try {
      return typeof entry === 'object' && entry !== null ? read(entry as SgRecord).map((link) => link.id) : [];
    } catch {
      return [];
    }
  });
}

const single = (key: string) => (entry: SgRecord) => {
  const link = linkOf(entry, key);
  return link ? [link] : [];
};

async function writeTemporals(tx: Tx, kind: SgEntityKind, items: Array<Item<repo.SgEntityValues>>, failures: Failure[], actorId: string) {
  const unique = rejectDuplicates(items, failures, (v) => JSON.stringify([v.project_id, v.parent_id, v.name]), (v) => `Another ${kind.toLowerCase()} of this import is named ${v.name} in the same place`);
  const conflicts = await repo.temporalConflicts(tx, unique.map((item) => item.value));
  const valid = rejectWhere(unique, failures, (v) => (conflicts.has(v.shotgun_id) ? `A ${kind.toLowerCase()} named ${v.name} comes from another ShotGrid ${kind.toLowerCase()}` : undefined));
  await repo.adoptTemporals(tx, valid.map((item) => item.value));
  const written = await repo.upsertEntities(tx, valid.map((item) => item.value), actorId);
  const rows = inPayloadOrder(valid, await repo.entitiesBySgId(tx, valid.map((item) => item.value)));
  return { valid, written, rows };
}

const present = (kind: 'Episode' | 'Sequence' | 'Shot' | 'Asset') => (row: Parameters<typeof presentEntity>[0]): EntityView => presentEntity(row, kind);

/** Episodes: `code`, `description`, `project`. */
export async function importEpisodes(tx: Tx, entries: unknown[], actorId: string): Promise<Outcome> {
  const links = await projectLinks(tx, entries);
  const typeId = await entityTypeId(tx, 'Episode');
  const { items, failures } = extractAll(entries, (entry): repo.SgEntityValues => ({
    shotgun_id: entry.id as number, entity_type_id: typeId, project_id: projectOf(entry, links), name: textOf(entry, 'code', { required: true, max: 160 }) ?? '',
    description: textOf(entry, 'description'), parent_id: null, source_id: null, nb_frames: null, data: customData(entry, []),
  }));
  const { valid, written, rows } = await writeTemporals(tx, 'Episode', items, failures, actorId);
  return { rows: rows.map(present('Episode')), ...countOutcome(valid.length, written), failures };
}

/** Sequences: `code`, `description`, `project`, `episode` (an imported episode, else none). */
export async function importSequences(tx: Tx, entries: unknown[], actorId: string): Promise<Outcome> {
  const links = await projectLinks(tx, entries);
  const episodes = await entityIdsByShotgunId(tx, 'Episode', linkedIds(entries, single('episode')));
  const typeId = await entityTypeId(tx, 'Sequence');
  const { items, failures } = extractAll(entries, (entry): repo.SgEntityValues => {
    const episode = linkOf(entry, 'episode');
    return {
      shotgun_id: entry.id as number, entity_type_id: typeId, project_id: projectOf(entry, links), name: textOf(entry, 'code', { required: true, max: 160 }) ?? '',
      description: textOf(entry, 'description'), parent_id: episode ? (episodes.get(episode.id)?.id ?? null) : null, source_id: null, nb_frames: null,
      data: customData(entry, ['sg_status_list']),
    };
  });
  const { valid, written, rows } = await writeTemporals(tx, 'Sequence', items, failures, actorId);
  return { rows: rows.map(present('Sequence')), ...countOutcome(valid.length, written), failures };
}

/**
 * Shots: `code`, `description`, `project`, `sg_sequence`, `sg_scene`, `sg_cut_in` and `sg_cut_duration`
 * (frame_in, frame_out = in + duration, frames), other `sg_*` fields in `data`; `assets` (when sent) is
 * the shot's casting.
 */
export async function importShots(tx: Tx, entries: unknown[], actorId: string): Promise<Outcome> {
  const links = await projectLinks(tx, entries);
  const sequences = await entityIdsByShotgunId(tx, 'Sequence', linkedIds(entries, single('sg_sequence')));
  const scenes = await entityIdsByShotgunId(tx, 'Scene', linkedIds(entries, single('sg_scene')));
  const assets = await entityIdsByShotgunId(tx, 'Asset', linkedIds(entries, (entry) => linksOf(entry, 'assets')));
  const typeId = await entityTypeId(tx, 'Shot');
  const castings = new Map<number, string[]>();
  const { items, failures } = extractAll(entries, (entry): repo.SgEntityValues => {
    const sequence = linkOf(entry, 'sg_sequence');
    const sequenceId = sequence ? sequences.get(sequence.id)?.id : null;
    if (sequenceId === undefined) throw new SgEntryError(`The sequence ${sequence?.name ?? sequence?.id ?? ''} has not been imported`);
    const scene = linkOf(entry, 'sg_scene');
    const cutIn = numberOf(entry, 'sg_cut_in');
    const duration = numberOf(entry, 'sg_cut_duration');
    const data = customData(entry, ['sg_cut_in', 'sg_cut_out', 'sg_sequence', 'sg_scene']);
    if (cutIn !== null) Object.assign(data, { frame_in: cutIn, frame_out: duration === null ? cutIn : cutIn + duration });
    if ('assets' in entry) castings.set(entry.id as number, linksOf(entry, 'assets').flatMap((link) => assets.get(link.id)?.id ?? []));
    return {
      shotgun_id: entry.id as number, entity_type_id: typeId, project_id: projectOf(entry, links), name: textOf(entry, 'code', { required: true, max: 160 }) ?? '',
      description: textOf(entry, 'description'), parent_id: sequenceId, source_id: scene ? (scenes.get(scene.id)?.id ?? null) : null,
      nb_frames: duration !== null && Number.isInteger(duration) ? duration : null, data,
    };
  });
  const { valid, written, rows } = await writeTemporals(tx, 'Shot', items, failures, actorId);
  const idBySgId = new Map(rows.map((row) => [row.shotgun_id, row.id]));
  const changed = await repo.replaceCasting(tx, [...castings].flatMap(([sgId, assetIds]) => {
    const id = idBySgId.get(sgId);
    return id ? [{ entityId: id, assetIds }] : [];
  }));
  const reread = changed.size > 0 ? inPayloadOrder(valid, await repo.entitiesBySgId(tx, valid.map((item) => item.value))) : rows;
  return { rows: reread.map(present('Shot')), ...countOutcome(valid.length, written, changed), failures };
}

/**
 * Assets: `code`, `description`, `sg_asset_type` (created on the fly; an asset without one is not
 * imported), `project`; `parents` makes the asset part of the casting of its parent assets.
 */
export async function importAssets(tx: Tx, entries: unknown[], actorId: string): Promise<Outcome> {
  const links = await projectLinks(tx, entries);
  const typeNames = entries.flatMap((entry) => (typeof entry === 'object' && entry !== null && typeof (entry as SgRecord).sg_asset_type === 'string' ? [(entry as SgRecord).sg_asset_type as string] : []));
  const types = await repo.ensureAssetTypes(tx, [...new Set(typeNames.filter((name) => name.trim() !== '' && name.length <= 30))]);
  const parentsOf = new Map<number, number[]>();
  const { items, failures } = extractAll(entries, (entry): repo.SgEntityValues => {
    const typeName = textOf(entry, 'sg_asset_type', { max: 30 });
    const typeId = typeName ? types.get(typeName) : undefined;
    if (!typeId) throw new SgEntryError('sg_asset_type is required');
    parentsOf.set(entry.id as number, linksOf(entry, 'parents').map((link) => link.id));
    return {
      shotgun_id: entry.id as number, entity_type_id: typeId, project_id: projectOf(entry, links), name: textOf(entry, 'code', { required: true, max: 160 }) ?? '',
      description: textOf(entry, 'description'), parent_id: null, source_id: null, nb_frames: null, data: customData(entry, ['sg_asset_type']),
    };
  });
  await repo.retypeAssets(tx, items.map((item) => item.value));
  const written = await repo.upsertEntities(tx, items.map((item) => item.value), actorId);
  const rows = inPayloadOrder(items, await repo.entitiesBySgId(tx, items.map((item) => item.value)));
  // Zou keeps multiple parents by casting the child into each parent asset.
  const idBySgId = new Map(rows.map((row) => [row.shotgun_id, row.id]));
  const parentIds = await entityIdsByShotgunId(tx, 'Asset', [...parentsOf.values()].flat());
  const children = new Map<string, string[]>();
  for (const [childSgId, parents] of parentsOf) {
    const childId = idBySgId.get(childSgId);
    for (const parentSgId of parents) {
      const parentId = parentIds.get(parentSgId)?.id;
      if (childId && parentId) children.set(parentId, [...(children.get(parentId) ?? []), childId]);
    }
  }
  const changed = await repo.replaceCasting(tx, [...children].map(([entityId, assetIds]) => ({ entityId, assetIds })));
  const imported = new Set(idBySgId.values());
  const reread = changed.size > 0 ? inPayloadOrder(items, await repo.entitiesBySgId(tx, items.map((item) => item.value))) : rows;
  return { rows: reread.map(present('Asset')), ...countOutcome(items.length, written, [...changed].filter((id) => imported.has(id))), failures };
}
