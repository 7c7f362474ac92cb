import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditRecord } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { refreshAssetsReady } from '../breakdown/casting-update.repository.ts';
import { slugify } from '../exports/csv-format.ts';
import { findCastingLinks, findCastingTargets, recountCasting, upsertCastingLinks, type CastingLink, type CastingLinkRow, type CastingTarget } from './casting-import.repository.ts';
import { append, RowError, type CsvImporter, type Imported, type ImportJournal } from './csv-import.runner.ts';
import type { CsvRecord } from './csv-reader.ts';
import { integerCell, requiredCell } from './import-cells.ts';
import { findImportProject } from './import-lookups.repository.ts';

/**
 * `POST import/csv/projects/<id>/casting` (§8.7): the columns of `casting.csv` — [Episode;]Parent;Name;
 * Asset Type;Asset;Occurences;Label. The target is a shot (Parent = sequence, with Episode in a tv
 * show), else an asset (Parent = asset type), else an episode (Parent = "Episode"); names are
 * compared as slugs, as Zou does. A link that exists gets the file's occurrences and label. Rows naming
 * an unknown asset or target fail (Zou skips them silently).
 */

const slug = (text: string | null | undefined) => slugify(text ?? '');
const keyOf = (...parts: Array<string | null | undefined>) => JSON.stringify(parts.map(slug));

interface CastingRow extends CastingLink {
  target: CastingTarget;
}

type CastingLinkView = CastingLinkRow & { type: 'EntityLink' };

class CastingImporter implements CsvImporter<CastingRow, CastingLinkView> {
  readonly requiredColumns = ['Parent', 'Name', 'Asset Type', 'Asset'];

  constructor(
    private readonly tx: Tx,
    private readonly events: DomainEvent[],
    private readonly audit: AuditRecord[],
    private readonly actor: Actor,
    private readonly projectId: string,
    private readonly targets: Map<string, CastingTarget>,
  ) {}

  parse(record: CsvRecord): CastingRow {
    const assetType = requiredCell(record, 'Asset Type');
    const assetName = requiredCell(record, 'Asset');
    const asset = this.targets.get(keyOf('Asset', assetType, assetName));
    if (!asset) throw new RowError(`Asset not found: ${assetType} / ${assetName}`);
    const parent = requiredCell(record, 'Parent');
    const name = requiredCell(record, 'Name');
    const episodeCell = record.get('Episode')?.trim();
    const episode = episodeCell === undefined || episodeCell === 'MP' ? '' : episodeCell;
    const target = this.targets.get(keyOf('Shot', episode, parent, name))
      ?? this.targets.get(keyOf('Asset', parent, name))
      ?? (slug(parent) === 'episode' ? this.targets.get(keyOf('Episode', name)) : undefined);
    if (!target) throw new RowError(`Casting target not found: ${[episode, parent, name].filter(Boolean).join(' / ')}`);
    if (target.id === asset.id) throw new RowError(`An asset cannot be cast in itself: ${assetName}`);
    const nbOccurences = integerCell(record, ['Occurences'], 'Occurences') ?? 1;
    if (nbOccurences < 1) throw new RowError(`Occurences must be at least 1, got ${nbOccurences}`);
    return { target, entityInId: target.id, entityOutId: asset.id, nbOccurences, label: record.get('Label')?.trim() ?? 'fixed' };
  }

  key(row: CastingRow): string {
    return `${row.entityInId}:${row.entityOutId}`;
  }

  async apply(rows: CastingRow[]): Promise<Array<Imported<CastingLinkView>>> {
    const { tx, actor, projectId } = this;
    const written = await upsertCastingLinks(tx, rows);
    const changedTargets = new Set(written.map((link) => link.entity_in_id));
    const touched = [...new Map(rows.filter((row) => changedTargets.has(row.entityInId)).map((row) => [row.target.id, row.target])).values()];
    const counts = await recountCasting(tx, touched.map((target) => target.id));
    await refreshAssetsReady(tx, touched.filter((target) => target.kind === 'Shot').map((target) => target.id));
    for (const target of touched) {
      const nb = counts.get(target.id) ?? 0;
      if (target.kind === 'Shot') this.events.push({ name: 'shot:casting-update', data: { shot_id: target.id, nb_entities_out: nb }, projectId, actorId: actor.id });
      else if (target.kind === 'Episode') this.events.push({ name: 'episode:casting-update', data: { episode_id: target.id, nb_entities_out: nb }, projectId, actorId: actor.id });
      else this.events.push({ name: 'asset:casting-update', data: { asset_id: target.id }, projectId, actorId: actor.id });
    }
    append(this.audit, written.map((link) => ({
      actorId: actor.id, action: 'cast', objectType: 'entity_link', objectId: link.id, projectId, after: { ...link, source: 'csv-import' },
    })));
    const links = new Map((await findCastingLinks(tx, rows)).map((link) => [`${link.entity_in_id}:${link.entity_out_id}`, link]));
    return rows.map((row) => {
      const link = links.get(this.key(row));
      if (!link) throw new RowError('The casting link could not be written', row);
      const action = written.find((row) => row.id === link.id)?.inserted ? 'created' : written.some((row) => row.id === link.id) ? 'updated' : 'unchanged';
      return { result: { ...link, type: 'EntityLink' as const }, action };
    });
  }
}

export async function castingImporter(tx: Tx, journal: ImportJournal, actor: Actor, input: { projectId: string }): Promise<CastingImporter> {
  if (!(await findImportProject(tx, input.projectId))) throw errors.notFound();
  const targets = new Map<string, CastingTarget>();
  for (const target of await findCastingTargets(tx, input.projectId)) {
    const key = target.kind === 'Shot' ? keyOf('Shot', target.episode ?? '', target.parent, target.name)
      : target.kind === 'Episode' ? keyOf('Episode', target.name)
        : keyOf('Asset', target.parent, target.name);
    if (!targets.has(key)) targets.set(key, target);
  }
  return new CastingImporter(tx, journal.events, journal.audit, actor, input.projectId, targets);
}
