import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditRecord } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { presentEntity, type EntityRecord, type EntityView } from '../breakdown/entity.presenter.ts';
import { applyTaskTemplates } from '../studio-tasks/task-templates.service.ts';
import type { CsvRecord } from './csv-reader.ts';
import { append, RowError, type CsvImporter, type Imported, type ImportJournal } from './csv-import.runner.ts';
import { ensureTemporals, findShots, insertEntities, updateEntities, type EntityPatch } from './breakdown-import.repository.ts';
import { integerCell, metadataCells, requiredCell, taskCells, type TaskCells } from './import-cells.ts';
import { changedData, sameText } from './import-changes.ts';
import { findTaskStates } from './import-tasks.repository.ts';
import { applyTaskCells, createEntityTasks, taskCellsChange, type TaskImportScope } from './import-tasks.service.ts';
import { adoptColumnTaskTypes, loadBreakdownContext, type BreakdownContext } from './breakdown-import.context.ts';

/**
 * `POST import/csv/projects/<id>/shots[?update=true]` (§8.7): Episode (tv shows) and Sequence are
 * created on the fly; a shot is matched by sequence and name. New shots get a task of every shot task
 * type of the project (and the project's task templates); existing shots are only changed with
 * `update=true`. Columns: Name (required), Sequence (required), Episode (tv shows, required),
 * Description, Nb Frames / Frames, Frame In / In, Frame Out / Out (Frames = Out - In + 1 when not
 * given), FPS, Resolution, metadata columns by descriptor name, and per shot task type `<Task Type>`
 * (status name or short name), `<Task Type> comment`, `<Task Type> assignations` (or a bare
 * `Assignations` right after the status column, as exported). With `update=true`, a row that holds
 * what is stored (see import-changes.ts) leaves its shot untouched and is reported `unchanged`.
 */

interface ShotRow {
  episode: string | null;
  sequence: string;
  name: string;
  description?: string;
  nbFrames?: number;
  frameIn?: number;
  frameOut?: number;
  data: Record<string, unknown>;
  tasks: TaskCells[];
}

function parseShot(ctx: BreakdownContext, record: CsvRecord): ShotRow {
  const episode = ctx.project.is_tv_show ? requiredCell(record, 'Episode') : null;
  const sequence = requiredCell(record, 'Sequence');
  const name = requiredCell(record, 'Name');
  const data: Record<string, unknown> = {};
  const frameIn = integerCell(record, ['Frame In', 'In'], 'frame_in');
  const frameOut = integerCell(record, ['Frame Out', 'Out'], 'frame_out');
  if (frameIn !== undefined) data.frame_in = frameIn;
  if (frameOut !== undefined) data.frame_out = frameOut;
  for (const [column, key] of [['FPS', 'fps'], ['Resolution', 'resolution']] as const) {
    const value = record.get(column);
    if (value !== undefined) data[key] = value;
  }
  Object.assign(data, metadataCells(record, ctx.descriptors, ctx.people));
  return {
    episode, sequence, name, description: record.get('Description'), nbFrames: integerCell(record, ['Nb Frames', 'Frames'], 'nb_frames'),
    frameIn, frameOut, data, tasks: taskCells(record, ctx.taskTypes, ctx.statuses, ctx.people),
  };
}

/** Frames from the range when the file gives none (out − in + 1), from the merged frame range. */
function framesOf(row: ShotRow, existingData: unknown): number | undefined {
  if (row.nbFrames !== undefined) return row.nbFrames;
  const base = existingData && typeof existingData === 'object' ? (existingData as Record<string, unknown>) : {};
  const frameIn = Number(row.frameIn ?? base.frame_in);
  const frameOut = Number(row.frameOut ?? base.frame_out);
  return Number.isInteger(frameIn) && Number.isInteger(frameOut) && frameOut > frameIn ? frameOut - frameIn + 1 : undefined;
}

/** The column changes a row makes to an existing shot, or null when it holds what is stored. */
function shotPatch(row: ShotRow, shot: EntityRecord, booleanFields: ReadonlySet<string>): EntityPatch | null {
  const patch: EntityPatch = { id: shot.id, data: changedData(shot.data, row.data, booleanFields) };
  let changes = Object.keys(patch.data).length;
  if (row.description !== undefined && !sameText(shot.description, row.description)) {
    patch.description = row.description;
    changes += 1;
  }
  const frames = framesOf(row, shot.data);
  if (frames !== undefined && frames !== shot.nb_frames) {
    patch.nb_frames = frames;
    changes += 1;
  }
  return changes > 0 ? patch : null;
}

const shotKey = (sequenceId: string, name: string) => `${sequenceId}/${name}`;

class ShotsImporter implements CsvImporter<ShotRow, EntityView> {
  readonly requiredColumns: string[];
  private episodes = new Map<string, string>();
  private sequences = new Map<string, string>();

  constructor(private readonly ctx: BreakdownContext, private readonly tx: Tx, private readonly events: DomainEvent[], private readonly audit: AuditRecord[], private readonly actor: Actor, private readonly update: boolean, private readonly dryRun: boolean) {
    this.requiredColumns = ctx.project.is_tv_show ? ['Episode', 'Sequence', 'Name'] : ['Sequence', 'Name'];
  }

  prepare(columns: string[]): Promise<void> {
    return adoptColumnTaskTypes(this.tx, this.ctx, 'Shot', columns, { events: this.events, audit: this.audit }, this.actor.id);
  }

  parse(record: CsvRecord): ShotRow {
    return parseShot(this.ctx, record);
  }

  key(row: ShotRow): string {
    return JSON.stringify([row.episode, row.sequence, row.name]);
  }

  forget(): void {
    this.episodes.clear();
    this.sequences.clear();
  }

  private scope(): TaskImportScope {
    return { tx: this.tx, events: this.events, audit: this.audit, projectId: this.ctx.project.id, actorId: this.actor.id, defaultStatusId: this.ctx.defaultStatusId, dryRun: this.dryRun };
  }

  private async resolveParents(rows: ShotRow[]): Promise<Array<{ sequenceId: string; episodeId: string | null }>> {
    const projectId = this.ctx.project.id;
    const { tx, events, actor } = this;
    const newEpisodes = [...new Set(rows.map((row) => row.episode).filter((name): name is string => name !== null && !this.episodes.has(name)))];
    for (const episode of await ensureTemporals(tx, 'Episode', projectId, newEpisodes.map((name) => ({ parentId: null, name })), actor.id)) {
      this.episodes.set(episode.name, episode.id);
      if (episode.created) events.push({ name: 'episode:new', data: { episode_id: episode.id }, projectId, actorId: actor.id });
    }
    const sequenceKey = (episodeId: string | null, name: string) => `${episodeId ?? ''}/${name}`;
    const wanted = rows.map((row) => ({ parentId: row.episode === null ? null : (this.episodes.get(row.episode) ?? null), name: row.sequence }));
    const missing = wanted.filter((item) => !this.sequences.has(sequenceKey(item.parentId, item.name)));
    for (const sequence of await ensureTemporals(tx, 'Sequence', projectId, missing, actor.id)) {
      this.sequences.set(sequenceKey(sequence.parent_id, sequence.name), sequence.id);
      if (sequence.created) events.push({ name: 'sequence:new', data: { sequence_id: sequence.id }, projectId, actorId: actor.id });
    }
    return wanted.map((item) => ({ sequenceId: this.sequences.get(sequenceKey(item.parentId, item.name)) ?? '', episodeId: item.parentId }));
  }

  /**
   * With `update=true`, what the rows change on the batch's existing shots (`shots`, undefined for a
   * new one): the column patches of the rows that differ from what is stored, and every shot whose
   * columns or tasks the rows change. Rows holding what is stored change nothing.
   */
  private async changesOf(rows: ShotRow[], shots: Array<EntityRecord | undefined>): Promise<{ patches: EntityPatch[]; changed: Set<string> }> {
    const patches: EntityPatch[] = [];
    const changed = new Set<string>();
    if (!this.update) return { patches, changed };
    const tasks = await findTaskStates(this.tx, rows.flatMap((row, i) => (row.tasks.length > 0 && shots[i] ? [shots[i].id] : [])));
    rows.forEach((row, i) => {
      const shot = shots[i];
      if (!shot) return;
      const patch = shotPatch(row, shot, this.ctx.booleanFields);
      if (patch) patches.push(patch);
      if (patch || taskCellsChange(row.tasks, tasks.get(shot.id) ?? new Map())) changed.add(shot.id);
    });
    return { patches, changed };
  }

  /** `shot:new` / `shot:update` events and audit rows of the shots written. */
  private recordWrites(created: EntityRecord[], updated: EntityRecord[], episodeOf: Map<string, string | null>): void {
    const projectId = this.ctx.project.id;
    const { events, actor } = this;
    append(events, created.map((shot) => ({ name: 'shot:new', data: { shot_id: shot.id, episode_id: episodeOf.get(shot.parent_id ?? '') ?? null }, projectId, actorId: actor.id })));
    append(events, updated.map((shot) => ({ name: 'shot:update', data: { shot_id: shot.id }, projectId, actorId: actor.id })));
    append(this.audit, [
      ...created.map((shot) => ({ actorId: actor.id, action: 'create', objectType: 'shot', objectId: shot.id, projectId, after: { ...shot, source: 'csv-import' } })),
      ...updated.map((shot) => ({ actorId: actor.id, action: 'update', objectType: 'shot', objectId: shot.id, projectId, after: { ...shot, source: 'csv-import' } })),
    ]);
  }

  async apply(rows: ShotRow[]): Promise<Array<Imported<EntityView>>> {
    const projectId = this.ctx.project.id;
    const { tx, actor } = this;
    const parents = await this.resolveParents(rows);
    const keys = rows.map((row, i) => shotKey(parents[i]?.sequenceId ?? '', row.name));
    const existing = new Map((await findShots(tx, projectId, rows.map((row, i) => ({ parentId: parents[i]?.sequenceId ?? '', name: row.name }))))
      .map((shot) => [shotKey(shot.parent_id ?? '', shot.name), shot]));

    const toCreate = rows.flatMap((row, i) => (existing.has(keys[i] ?? '') ? [] : [{ row, parent: parents[i] }]));
    const created = await insertEntities(tx, projectId, toCreate.map(({ row, parent }) => ({
      entity_type_id: this.ctx.shotTypeId, name: row.name, parent_id: parent?.sequenceId ?? null, source_id: null,
      description: row.description ?? null, nb_frames: framesOf(row, {}) ?? null, data: row.data, ready_for: null,
    })), actor.id);
    const { patches, changed } = await this.changesOf(rows, keys.map((key) => existing.get(key)));
    const updated = await updateEntities(tx, patches);
    const byKey = new Map<string, EntityRecord>([...existing]);
    for (const shot of [...created, ...updated]) byKey.set(shotKey(shot.parent_id ?? '', shot.name), shot);
    this.recordWrites(created, updated, new Map(parents.map((parent) => [parent.sequenceId, parent.episodeId])));

    const scope = this.scope();
    const createdIds = new Set(created.map((shot) => shot.id));
    // New shots: one task per shot task type of the project, born in their cells' statuses, then the
    // project's task templates; the rows of existing shots that change apply their cells.
    const shotTaskTypeIds = this.ctx.taskTypes.map((type) => type.id);
    const cellsOf = new Map(rows.map((row, i) => [byKey.get(keys[i] ?? '')?.id ?? '', row.tasks]));
    await createEntityTasks(scope, created.map((shot) => ({ entityId: shot.id, taskTypeIds: shotTaskTypeIds, cells: cellsOf.get(shot.id) ?? [] })));
    if (!this.dryRun) await applyTaskTemplates(tx, created.map((shot) => shot.id), { actorId: actor.id, events: this.events });
    await applyTaskCells(scope, rows.flatMap((row, i) => {
      const shot = byKey.get(keys[i] ?? '');
      return shot && !createdIds.has(shot.id) && changed.has(shot.id) ? [{ entityId: shot.id, cells: row.tasks }] : [];
    }));
    return rows.map((row, i) => {
      const shot = byKey.get(keys[i] ?? '');
      if (!shot) throw new RowError(`Shot ${row.name} was created by someone else during the import: send the file again`, row);
      const action = createdIds.has(shot.id) ? 'created' : changed.has(shot.id) ? 'updated' : 'unchanged';
      return { result: presentEntity(shot, 'Shot'), action, names: { episode_name: row.episode, sequence_name: row.sequence } };
    });
  }
}

export async function shotsImporter(tx: Tx, journal: ImportJournal, actor: Actor, input: { projectId: string; update: boolean }): Promise<ShotsImporter> {
  const ctx = await loadBreakdownContext(tx, input.projectId, 'Shot');
  return new ShotsImporter(ctx, tx, journal.events, journal.audit, actor, input.update, journal.dryRun);
}
