import { Random } from './random.ts';
import { ASSET_DATA_KEYS, ASSET_TASK_TYPES, ASSET_TYPES, SHOT_DATA_KEYS, SHOT_TASK_TYPES, type TaskTypeDef } from './reference.ts';
import type { ProjectSpec } from './tiers.ts';

export type EntityKind = 'Episode' | 'Sequence' | 'Shot' | 'Asset';

export interface PlannedEntity {
  id: string;
  projectIndex: number;
  kind: EntityKind;
  name: string;
  /** Asset type name for assets. */
  assetType: string | null;
  parentIndex: number | null;
  nbFrames: number | null;
  data: Record<string, unknown> | null;
  description: string | null;
  /** Position in the production, 0..1: early sequences and assets are worked on first. */
  schedule: number;
  hero: boolean;
  /** Indexes into ALL_TASK_TYPES of the tasks this entity gets. */
  taskTypes: number[];
}

/** Every task type the studio has: the shot ones, then the asset ones. */
export const ALL_TASK_TYPES: Array<TaskTypeDef & { forEntity: 'Shot' | 'Asset' }> = [
  ...SHOT_TASK_TYPES.map((t) => ({ ...t, forEntity: 'Shot' as const })),
  ...ASSET_TASK_TYPES.map((t) => ({ ...t, forEntity: 'Asset' as const })),
];

/** `count` task types spread over the pipeline (all of them when count covers the list). */
export function pipelineSubset(count: number, available: number): number[] {
  if (count >= available) return Array.from({ length: available }, (_, i) => i);
  if (count <= 1) return [0];
  return Array.from({ length: count }, (_, i) => Math.round((i * (available - 1)) / (count - 1)));
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function shotData(rng: Random, nbFrames: number): Record<string, unknown> {
  const data: Record<string, unknown> = { frame_in: 1001, frame_out: 1000 + nbFrames, fps: '24' };
  const extra = rng.int(2, 12);
  for (const key of rng.shuffle([...SHOT_DATA_KEYS]).slice(0, extra)) {
    data[key] = key === 'lens' ? `${rng.pick([18, 24, 35, 50, 85])}mm` : key === 'handles' ? rng.int(0, 16) : `${key}-${rng.int(1, 40)}`;
  }
  return data;
}

function assetData(rng: Random): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const count = rng.int(5, 15);
  for (const key of rng.shuffle([...ASSET_DATA_KEYS]).slice(0, count)) {
    data[key] = key === 'polycount' ? rng.int(500, 2_000_000) : key === 'budget_days' ? rng.int(1, 30) : `${key}-${rng.int(1, 60)}`;
  }
  return data;
}

/**
 * A project's breakdown: episodes (series), sequences, shots with frames and 5-15 metadata keys,
 * assets of several types; each shot or asset lists the task types it gets.
 */
export function planBreakdown(spec: ProjectSpec, projectIndex: number, seed: number, into: PlannedEntity[]): void {
  const rng = new Random(seed, 100 + projectIndex);
  const add = (entity: Omit<PlannedEntity, 'id' | 'projectIndex'>) => {
    into.push({ id: rng.uuid(), projectIndex, ...entity });
    return into.length - 1;
  };
  const episodes = spec.episodes ?? [{ name: '', sequences: spec.sequences, shotsPerSequence: spec.shotsPerSequence, shotTaskTypes: spec.shotTaskTypes }];
  const totalSequences = episodes.reduce((sum, e) => sum + e.sequences, 0);
  const shotsStart = into.length;
  let sequenceNumber = 0;
  for (const episode of episodes) {
    const episodeIndex = spec.episodes
      ? add({ kind: 'Episode', name: episode.name, assetType: null, parentIndex: null, nbFrames: null, data: null, description: null, schedule: 0, hero: false, taskTypes: [] })
      : null;
    const shotTypes = pipelineSubset(episode.shotTaskTypes, SHOT_TASK_TYPES.length);
    for (let s = 0; s < episode.sequences; s += 1) {
      const schedule = sequenceNumber / Math.max(1, totalSequences);
      sequenceNumber += 1;
      const sequenceIndex = add({
        kind: 'Sequence', name: `SQ${pad((s + 1) * 10, 4)}`, assetType: null, parentIndex: episodeIndex, nbFrames: null, data: null,
        description: `Sequence ${s + 1}`, schedule, hero: false, taskTypes: [],
      });
      for (let k = 0; k < episode.shotsPerSequence; k += 1) {
        const nbFrames = rng.int(24, 240);
        add({
          kind: 'Shot', name: `SH${pad((k + 1) * 10, 4)}`, assetType: null, parentIndex: sequenceIndex, nbFrames, data: shotData(rng, nbFrames),
          description: rng.chance(0.3) ? `Shot ${k + 1} of ${s + 1}: ${rng.pick(['wide', 'close-up', 'over the shoulder', 'tracking'])}` : null,
          schedule, hero: false, taskTypes: shotTypes,
        });
      }
    }
  }
  const shotIndexes = into.slice(shotsStart).flatMap((e, i) => (e.kind === 'Shot' ? [shotsStart + i] : []));
  for (const index of rng.shuffle(shotIndexes).slice(0, spec.heroShots)) {
    const hero = into[index];
    if (hero) hero.hero = true;
  }
  const assetTypes = pipelineSubset(spec.assetTaskTypes, ASSET_TASK_TYPES.length).map((i) => i + SHOT_TASK_TYPES.length);
  for (let t = 0; t < spec.assetTypes; t += 1) {
    const assetType = ASSET_TYPES[t % ASSET_TYPES.length] ?? 'Prop';
    for (let a = 0; a < spec.assetsPerType; a += 1) {
      add({
        kind: 'Asset', name: `${assetType.replace(/\s+/g, '')}_${pad(a + 1, 4)}`, assetType, parentIndex: null, nbFrames: null,
        data: assetData(rng), description: rng.chance(0.5) ? `${assetType} ${a + 1}` : null,
        schedule: a / Math.max(1, spec.assetsPerType) * 0.6, hero: false, taskTypes: assetTypes,
      });
    }
  }
}
