import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';
import { presentEntity, type EntityRecord, type EntityView } from '../breakdown/entity.presenter.ts';
import { applyTaskTemplates } from '../studio-tasks/task-templates.service.ts';
import { loadBreakdownContext, type BreakdownContext } from './breakdown-import.context.ts';
import {
  ensureAssetTypes,
  ensureTemporals,
  findAssetsByName,
  findAssetTypeWorkflows,
  insertEntities,
  updateEntities,
  type EntityPatch,
} from './breakdown-import.repository.ts';
import { RowError, type CsvImporter, type Imported } from './csv-import.runner.ts';
import type { CsvRecord } from './csv-reader.ts';
import { metadataCells, requiredCell, taskCells, type TaskCells } from './import-cells.ts';
import { findProjectTaskTypes } from './import-lookups.repository.ts';
import { applyTaskCells, createMissingTasks, type TaskImportScope } from './import-tasks.service.ts';

/**
 * `POST import/csv/projects/<id>/assets[?update=true]` (§8.7): Name and Type (required; the asset
 * type is created on the fly), Episode (tv shows: created on the fly, "MP" or empty = main pack),
 * Description, Resolution, Ready for (a shot task type of the project), metadata columns by
 * descriptor name, and the per-task-type columns of the project's asset task types. An asset is
 * matched by name in the project; existing assets change only with `update=true`, but every asset
 * of the file gets the tasks its asset type's workflow lacks.
 */

interface AssetRow {
  name: string;
  type: string;
  /** undefined: no episode information (not a tv show); null: main pack. */
  episode: string | null | undefined;
  description?: string;
  readyFor: string | null | undefined;
  data: Record<string, unknown>;
  tasks: TaskCells[];
}

class AssetsImporter implements CsvImporter<AssetRow, EntityView> {
  readonly requiredColumns = ['Name', 'Type'];
  private types = new Map<string, string>();
  private episodes = new Map<string, string>();

  constructor(
    private readonly ctx: BreakdownContext,
    private readonly tx: Tx,
    private readonly events: DomainEvent[],
    private readonly actor: Actor,
    private readonly update: boolean,
    private readonly shotTaskTypes: Map<string, string>,
    private readonly workflows: Map<string, Set<string>>,
  ) {}

  parse(record: CsvRecord): AssetRow {
    const name = requiredCell(record, 'Name');
    const type = record.get('Type')?.trim() ?? '';
    if (type === '') throw new RowError('An asset type is required in the Type column');
    if ((TEMPORAL_KINDS as readonly string[]).some((kind) => kind.toLowerCase() === type.toLowerCase())) throw new RowError(`${type} is not an asset type`);
    const episodeCell = record.get('Episode')?.trim();
    let episode: string | null | undefined;
    if (this.ctx.project.is_tv_show) episode = episodeCell === undefined || episodeCell === '' || episodeCell === 'MP' ? null : episodeCell;
    else if (episodeCell) throw new RowError("An episode column is present for a production that isn't a TV Show");
    const readyCell = record.get('Ready for');
    let readyFor: string | null | undefined;
    if (readyCell !== undefined) {
      readyFor = readyCell.trim() === '' ? null : this.shotTaskTypes.get(readyCell.trim().toLowerCase());
      if (readyFor === undefined) throw new RowError(`Task type not found for ${readyCell.trim()}`);
    }
    const data: Record<string, unknown> = {};
    const resolution = record.get('Resolution');
    if (resolution !== undefined) data.resolution = resolution;
    Object.assign(data, metadataCells(record, this.ctx.descriptors, this.ctx.people));
    return { name, type, episode, description: record.get('Description'), readyFor, data, tasks: taskCells(record, this.ctx.taskTypes, this.ctx.statuses, this.ctx.people) };
  }

  key(row: AssetRow): string {
    return row.name;
  }

  forget(): void {
    this.types.clear();
    this.episodes.clear();
  }

  /** Task types an asset of this type gets: the project's asset task types, narrowed to the type's workflow. */
  private taskTypesFor(assetTypeId: string): string[] {
    const workflow = this.workflows.get(assetTypeId);
    return this.ctx.taskTypes.map((type) => type.id).filter((id) => !workflow || workflow.size === 0 || workflow.has(id));
  }

  private async resolveReferences(rows: AssetRow[]): Promise<void> {
    const projectId = this.ctx.project.id;
    const missingTypes = [...new Set(rows.map((row) => row.type).filter((type) => !this.types.has(type.toLowerCase())))];
    for (const type of await ensureAssetTypes(this.tx, missingTypes)) this.types.set(type.name.toLowerCase(), type.id);
    const missingEpisodes = [...new Set(rows.map((row) => row.episode).filter((name): name is string => typeof name === 'string' && !this.episodes.has(name)))];
    for (const episode of await ensureTemporals(this.tx, 'Episode', projectId, missingEpisodes.map((name) => ({ parentId: null, name })), this.actor.id)) {
      this.episodes.set(episode.name, episode.id);
      if (episode.created) this.events.push({ name: 'episode:new', data: { episode_id: episode.id }, projectId, actorId: this.actor.id });
    }
  }

  async apply(rows: AssetRow[]): Promise<Array<Imported<EntityView>>> {
    const projectId = this.ctx.project.id;
    const { tx, events, actor } = this;
    await this.resolveReferences(rows);
    const typeOf = (row: AssetRow) => this.types.get(row.type.toLowerCase()) ?? '';
    const episodeOf = (row: AssetRow) => (typeof row.episode === 'string' ? (this.episodes.get(row.episode) ?? null) : row.episode);
    const existing = new Map((await findAssetsByName(tx, projectId, rows.map((row) => row.name))).map((asset) => [asset.name, asset]));
    const created = await insertEntities(tx, projectId, rows.filter((row) => !existing.has(row.name)).map((row) => ({
      entity_type_id: typeOf(row), name: row.name, parent_id: null, source_id: episodeOf(row) ?? null, description: row.description ?? '',
      nb_frames: null, data: row.data, ready_for: row.readyFor ?? null,
    })), actor.id);
    const patches: EntityPatch[] = this.update
      ? rows.flatMap((row) => {
        const asset = existing.get(row.name);
        return asset ? [{ id: asset.id, entity_type_id: typeOf(row), source_id: episodeOf(row), description: row.description, ready_for: row.readyFor, data: row.data }] : [];
      })
      : [];
    const updated = await updateEntities(tx, patches);
    const byName = new Map<string, EntityRecord>([...existing]);
    for (const asset of [...created, ...updated]) byName.set(asset.name, asset);

    events.push(...created.map((asset) => ({ name: 'asset:new', data: { asset_id: asset.id, asset_type: asset.entity_type_id, episode_id: asset.source_id }, projectId, actorId: actor.id })));
    events.push(...updated.map((asset) => ({ name: 'asset:update', data: { asset_id: asset.id, episode_id: asset.source_id }, projectId, actorId: actor.id })));
    await recordAudit(tx, [
      ...created.map((asset) => ({ actorId: actor.id, action: 'create', objectType: 'asset', objectId: asset.id, projectId, after: { ...asset, source: 'csv-import' } })),
      ...updated.map((asset) => ({ actorId: actor.id, action: 'update', objectType: 'asset', objectId: asset.id, projectId, after: { ...asset, source: 'csv-import' } })),
    ]);

    const scope: TaskImportScope = { tx, events, projectId, actorId: actor.id, defaultStatusId: this.ctx.defaultStatusId };
    const assets = rows.map((row) => byName.get(row.name));
    await createMissingTasks(scope, assets.flatMap((asset) => (asset ? this.taskTypesFor(asset.entity_type_id).map((taskTypeId) => ({ entityId: asset.id, taskTypeId })) : [])));
    await applyTaskTemplates(tx, created.map((asset) => asset.id), { actorId: actor.id, events });
    const createdIds = new Set(created.map((asset) => asset.id));
    const updatedIds = new Set(updated.map((asset) => asset.id));
    const changed = new Set([...createdIds, ...updatedIds]);
    await applyTaskCells(scope, rows.flatMap((row, i) => {
      const asset = assets[i];
      return asset && changed.has(asset.id) ? [{ entityId: asset.id, cells: row.tasks }] : [];
    }));
    return rows.map((row, i) => {
      const asset = assets[i];
      if (!asset) throw new RowError(`Asset ${row.name} was created by someone else during the import: send the file again`, row);
      return { result: presentEntity(asset, 'Asset'), action: createdIds.has(asset.id) ? 'created' : updatedIds.has(asset.id) ? 'updated' : 'unchanged' };
    });
  }
}

export async function assetsImporter(tx: Tx, events: DomainEvent[], actor: Actor, input: { projectId: string; update: boolean }): Promise<AssetsImporter> {
  const ctx = await loadBreakdownContext(tx, input.projectId, 'Asset');
  const shotTaskTypes = new Map((await findProjectTaskTypes(tx, input.projectId, 'Shot')).map((type) => [type.name.toLowerCase(), type.id]));
  return new AssetsImporter(ctx, tx, events, actor, input.update, shotTaskTypes, await findAssetTypeWorkflows(tx));
}
