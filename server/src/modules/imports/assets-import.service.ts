import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditRecord } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { TEMPORAL_KINDS } from '../breakdown/entity-kind.ts';
import { presentEntity, type EntityRecord, type EntityView } from '../breakdown/entity.presenter.ts';
import { applyTaskTemplates } from '../studio-tasks/task-templates.service.ts';
import { adoptColumnTaskTypes, loadBreakdownContext, type BreakdownContext } from './breakdown-import.context.ts';
import {
  ensureAssetTypes,
  ensureTemporals,
  findAssetsByName,
  findAssetTypeWorkflows,
  findEntityTypeNames,
  insertEntities,
  updateEntities,
  type EntityPatch,
} from './breakdown-import.repository.ts';
import { append, RowError, type CsvImporter, type Imported, type ImportJournal } from './csv-import.runner.ts';
import type { CsvRecord } from './csv-reader.ts';
import { metadataCells, requiredCell, taskCells, type TaskCells } from './import-cells.ts';
import { findProjectTaskTypes } from './import-lookups.repository.ts';
import { changedData, sameText } from './import-changes.ts';
import { findTaskStates, type TaskState } from './import-tasks.repository.ts';
import { applyTaskCells, createEntityTasks, createMissingTasks, taskCellsChange, type TaskImportScope } from './import-tasks.service.ts';

/**
 * `POST import/csv/projects/<id>/assets[?update=true]` (§8.7): Name and Type (required; the asset
 * type is created on the fly), Episode (tv shows: created on the fly, "MP" or empty = main pack),
 * Description, Resolution, Ready for (a shot task type of the project), metadata columns by
 * descriptor name, and the per-task-type columns of the project's asset task types. An asset is
 * matched by name in the project; existing assets change only with `update=true` (a row that holds
 * what is stored leaves its asset untouched, see import-changes.ts), but every asset of the file gets
 * the tasks its asset type's workflow lacks (and is then reported `updated`).
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
  private typeNames = new Map<string, string>();
  private episodes = new Map<string, string>();

  constructor(
    private readonly ctx: BreakdownContext,
    private readonly tx: Tx,
    private readonly events: DomainEvent[],
    private readonly audit: AuditRecord[],
    private readonly actor: Actor,
    private readonly update: boolean,
    private readonly shotTaskTypes: Map<string, string>,
    private readonly workflows: Map<string, Set<string>>,
    private readonly dryRun: boolean,
  ) {}

  prepare(columns: string[]): Promise<void> {
    return adoptColumnTaskTypes(this.tx, this.ctx, 'Asset', columns, { events: this.events, audit: this.audit }, this.actor.id);
  }

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
    this.typeNames.clear();
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
    for (const type of await ensureAssetTypes(this.tx, missingTypes)) {
      this.types.set(type.name.toLowerCase(), type.id);
      this.typeNames.set(type.id, type.name);
    }
    const missingEpisodes = [...new Set(rows.map((row) => row.episode).filter((name): name is string => typeof name === 'string' && !this.episodes.has(name)))];
    for (const episode of await ensureTemporals(this.tx, 'Episode', projectId, missingEpisodes.map((name) => ({ parentId: null, name })), this.actor.id)) {
      this.episodes.set(episode.name, episode.id);
      if (episode.created) this.events.push({ name: 'episode:new', data: { episode_id: episode.id }, projectId, actorId: this.actor.id });
    }
  }

  private typeOf(row: AssetRow): string {
    return this.types.get(row.type.toLowerCase()) ?? '';
  }

  /** The episode id of a row; null: main pack; undefined: no episode information. */
  private episodeOf(row: AssetRow): string | null | undefined {
    return typeof row.episode === 'string' ? (this.episodes.get(row.episode) ?? null) : row.episode;
  }

  /** The column changes a row makes to an existing asset, or null when it holds what is stored. */
  private assetPatch(row: AssetRow, asset: EntityRecord): EntityPatch | null {
    const patch: EntityPatch = { id: asset.id, data: changedData(asset.data, row.data, this.ctx.booleanFields) };
    let changes = Object.keys(patch.data).length;
    const set = <K extends 'entity_type_id' | 'source_id' | 'description' | 'ready_for'>(column: K, value: EntityPatch[K]) => {
      patch[column] = value;
      changes += 1;
    };
    if (this.typeOf(row) !== asset.entity_type_id) set('entity_type_id', this.typeOf(row));
    const episodeId = this.episodeOf(row);
    if (episodeId !== undefined && episodeId !== asset.source_id) set('source_id', episodeId);
    if (row.description !== undefined && !sameText(asset.description, row.description)) set('description', row.description);
    if (row.readyFor !== undefined && row.readyFor !== asset.ready_for) set('ready_for', row.readyFor);
    return changes > 0 ? patch : null;
  }

  /**
   * What the rows change on the batch's existing assets (`assets`, undefined for a new one): with
   * `update=true` the column patches of the rows that differ from what is stored, and every asset whose
   * columns or tasks the rows change (the tasks its workflow lacks are created whatever `update` says).
   */
  private async changesOf(rows: AssetRow[], assets: Array<EntityRecord | undefined>): Promise<{ patches: EntityPatch[]; changed: Set<string> }> {
    const patches: EntityPatch[] = [];
    const changed = new Set<string>();
    const tasks = await findTaskStates(this.tx, assets.flatMap((asset) => (asset ? [asset.id] : [])));
    rows.forEach((row, i) => {
      const asset = assets[i];
      if (!asset) return;
      const patch = this.update ? this.assetPatch(row, asset) : null;
      if (patch) patches.push(patch);
      const current = tasks.get(asset.id) ?? new Map<string, TaskState>();
      const lacksTasks = this.taskTypesFor(patch?.entity_type_id ?? asset.entity_type_id).some((taskTypeId) => !current.has(taskTypeId));
      if (patch || lacksTasks || (this.update && taskCellsChange(row.tasks, current))) changed.add(asset.id);
    });
    return { patches, changed };
  }

  /** `asset:new` / `asset:update` events and audit rows of the assets written. */
  private recordWrites(created: EntityRecord[], updated: EntityRecord[]): void {
    const projectId = this.ctx.project.id;
    const { events, actor } = this;
    append(events, created.map((asset) => ({ name: 'asset:new', data: { asset_id: asset.id, asset_type: asset.entity_type_id, episode_id: asset.source_id }, projectId, actorId: actor.id })));
    append(events, updated.map((asset) => ({ name: 'asset:update', data: { asset_id: asset.id, episode_id: asset.source_id }, projectId, actorId: actor.id })));
    append(this.audit, [
      ...created.map((asset) => ({ actorId: actor.id, action: 'create', objectType: 'asset', objectId: asset.id, projectId, after: { ...asset, source: 'csv-import' } })),
      ...updated.map((asset) => ({ actorId: actor.id, action: 'update', objectType: 'asset', objectId: asset.id, projectId, after: { ...asset, source: 'csv-import' } })),
    ]);
  }

  /** The asset type names of the assets (types the file does not name are looked up). */
  private async typeNamesOf(assets: Array<EntityRecord | undefined>): Promise<Map<string, string>> {
    const unknown = [...new Set(assets.flatMap((asset) => (asset && !this.typeNames.has(asset.entity_type_id) ? [asset.entity_type_id] : [])))];
    for (const type of await findEntityTypeNames(this.tx, unknown)) this.typeNames.set(type.id, type.name);
    return this.typeNames;
  }

  async apply(rows: AssetRow[]): Promise<Array<Imported<EntityView>>> {
    const projectId = this.ctx.project.id;
    const { tx, actor } = this;
    await this.resolveReferences(rows);
    const existing = new Map((await findAssetsByName(tx, projectId, rows.map((row) => row.name))).map((asset) => [asset.name, asset]));
    const created = await insertEntities(tx, projectId, rows.filter((row) => !existing.has(row.name)).map((row) => ({
      entity_type_id: this.typeOf(row), name: row.name, parent_id: null, source_id: this.episodeOf(row) ?? null, description: row.description ?? '',
      nb_frames: null, data: row.data, ready_for: row.readyFor ?? null,
    })), actor.id);
    const { patches, changed } = await this.changesOf(rows, rows.map((row) => existing.get(row.name)));
    const updated = await updateEntities(tx, patches);
    const byName = new Map<string, EntityRecord>([...existing]);
    for (const asset of [...created, ...updated]) byName.set(asset.name, asset);
    this.recordWrites(created, updated);

    const scope: TaskImportScope = { tx, events: this.events, audit: this.audit, projectId, actorId: actor.id, defaultStatusId: this.ctx.defaultStatusId, dryRun: this.dryRun };
    const assets = rows.map((row) => byName.get(row.name));
    const createdIds = new Set(created.map((asset) => asset.id));
    // New assets: the tasks of their type's workflow, born in their cells' statuses, then the task
    // templates. Existing assets the rows change get the tasks they lack, then their cells.
    const cellsOf = new Map(rows.map((row, i) => [assets[i]?.id ?? '', row.tasks]));
    await createEntityTasks(scope, created.map((asset) => ({ entityId: asset.id, taskTypeIds: this.taskTypesFor(asset.entity_type_id), cells: cellsOf.get(asset.id) ?? [] })));
    if (!this.dryRun) await applyTaskTemplates(tx, created.map((asset) => asset.id), { actorId: actor.id, events: this.events });
    const changedAssets = assets.filter((asset): asset is EntityRecord => asset !== undefined && !createdIds.has(asset.id) && changed.has(asset.id));
    await createMissingTasks(scope, changedAssets.flatMap((asset) => this.taskTypesFor(asset.entity_type_id).map((taskTypeId) => ({ entityId: asset.id, taskTypeId }))));
    await applyTaskCells(scope, rows.flatMap((row, i) => {
      const asset = assets[i];
      return asset && !createdIds.has(asset.id) && this.update && changed.has(asset.id) ? [{ entityId: asset.id, cells: row.tasks }] : [];
    }));
    const typeNames = await this.typeNamesOf(assets);
    return rows.map((row, i) => {
      const asset = assets[i];
      if (!asset) throw new RowError(`Asset ${row.name} was created by someone else during the import: send the file again`, row);
      const action = createdIds.has(asset.id) ? 'created' : changed.has(asset.id) ? 'updated' : 'unchanged';
      return { result: presentEntity(asset, 'Asset'), action, names: { asset_type_name: typeNames.get(asset.entity_type_id) ?? row.type } };
    });
  }
}

export async function assetsImporter(tx: Tx, journal: ImportJournal, actor: Actor, input: { projectId: string; update: boolean }): Promise<AssetsImporter> {
  const ctx = await loadBreakdownContext(tx, input.projectId, 'Asset');
  const shotTaskTypes = new Map((await findProjectTaskTypes(tx, input.projectId, 'Shot')).map((type) => [type.name.toLowerCase(), type.id]));
  return new AssetsImporter(ctx, tx, journal.events, journal.audit, actor, input.update, shotTaskTypes, await findAssetTypeWorkflows(tx), journal.dryRun);
}
