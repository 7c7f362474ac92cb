/**
 * The benchmark datasets (issue #5). Tier F is a feature film, tier S a series, `small` a few hundred
 * tasks for CI. Every figure of the issue is a parameter here; the generator derives the rest.
 */

export type TierName = 'F' | 'S' | 'small';
export const TIER_NAMES: readonly TierName[] = ['F', 'S', 'small'];

export interface EpisodeSpec {
  name: string;
  sequences: number;
  shotsPerSequence: number;
  /** How many of the project's shot task types this episode's shots get (the first N, pipeline order). */
  shotTaskTypes: number;
}

export interface ProjectSpec {
  name: string;
  code: string;
  productionType: 'featurefilm' | 'tvshow' | 'short';
  /** The project the benchmark measures; the others are there for permission noise. */
  main: boolean;
  /** Feature films: sequences at the top; series: sequences inside these episodes. */
  episodes: EpisodeSpec[] | null;
  sequences: number;
  shotsPerSequence: number;
  shotTaskTypes: number;
  assetTypes: number;
  assetsPerType: number;
  assetTaskTypes: number;
  /** Shots whose every task has a long conversation (60+ comments). */
  heroShots: number;
  /** Share of the studio's artists (in staff order) in this project's team: [from, to) as fractions. */
  artistRange: [number, number];
}

export interface TierSpec {
  name: TierName;
  people: { admins: number; managers: number; supervisors: number; artists: number; vendors: number; clients: number };
  projects: ProjectSpec[];
  /** Mean comments per task over the whole main project (hero shots included). */
  commentsPerTask: number;
  heroComments: [number, number];
  /** Time-spent rows per task, on average. */
  timeSpentsPerTask: number;
  /** Open (not done) tasks per artist in the main project. */
  openTasksPerArtist: [number, number];
  /** Share of tasks without assignee. */
  unassignedShare: number;
}

const feature = (name: string, code: string, main: boolean, size: Partial<ProjectSpec>): ProjectSpec => ({
  name,
  code,
  productionType: 'featurefilm',
  main,
  episodes: null,
  sequences: 60,
  shotsPerSequence: 50,
  shotTaskTypes: 12,
  assetTypes: 8,
  assetsPerType: 150,
  assetTaskTypes: 8,
  heroShots: 0,
  artistRange: [0, 1],
  ...size,
});

const noise = (name: string, code: string, artistRange: [number, number], scale = 1): ProjectSpec =>
  feature(name, code, false, {
    productionType: 'short',
    sequences: 5 * scale,
    shotsPerSequence: 20 * scale,
    shotTaskTypes: 6,
    assetTypes: 2,
    assetsPerType: 25 * scale,
    assetTaskTypes: 4,
    artistRange,
  });

const STUDIO = { admins: 1, managers: 6, supervisors: 12, artists: 220, vendors: 5, clients: 6 };

/** 3,000 shots and 1,200 assets: 36,000 + 9,600 = 45,600 tasks, ~230,000 comments, 250 people. */
const TIER_F: TierSpec = {
  name: 'F',
  people: STUDIO,
  projects: [
    feature('Bench Feature', 'BFE', true, { heroShots: 10, artistRange: [0, 0.93] }),
    noise('Bench Short A', 'BSA', [0.8, 0.95]),
    noise('Bench Short B', 'BSB', [0.9, 1]),
  ],
  commentsPerTask: 5,
  heroComments: [60, 120],
  timeSpentsPerTask: 60_000 / 45_600,
  openTasksPerArtist: [5, 80],
  unassignedShare: 0.1,
};

/**
 * 52 episodes, 16,800 shots: 51 regular episodes of 7 x 40 shots with 8 task types, and one special
 * episode of 12 x 210 shots with all 12 (30,240 tasks); 3,200 assets with 8 task types. ~170,000 tasks.
 * Three comments per task rather than five keep the seed under ten minutes (the issue sets no figure).
 */
const TIER_S: TierSpec = {
  name: 'S',
  people: STUDIO,
  projects: [
    feature('Bench Series', 'BSE', true, {
      productionType: 'tvshow',
      episodes: [
        ...Array.from({ length: 51 }, (_, i) => ({ name: `E${String(i + 1).padStart(2, '0')}`, sequences: 7, shotsPerSequence: 40, shotTaskTypes: 8 })),
        { name: 'E52', sequences: 12, shotsPerSequence: 210, shotTaskTypes: 12 },
      ],
      assetsPerType: 400,
      heroShots: 20,
      artistRange: [0, 0.93],
    }),
    noise('Bench Short A', 'BSA', [0.8, 0.95]),
    noise('Bench Short B', 'BSB', [0.9, 1]),
  ],
  commentsPerTask: 3,
  heroComments: [60, 120],
  timeSpentsPerTask: 60_000 / 45_600,
  openTasksPerArtist: [5, 80],
  unassignedShare: 0.1,
};

/** A few hundred tasks: 40 shots x 6 types + 20 assets x 4 types = 320 in the main project. */
const TIER_SMALL: TierSpec = {
  name: 'small',
  people: { admins: 1, managers: 2, supervisors: 3, artists: 20, vendors: 2, clients: 2 },
  projects: [
    feature('Bench Small', 'BSM', true, {
      productionType: 'short',
      sequences: 4,
      shotsPerSequence: 10,
      shotTaskTypes: 6,
      assetTypes: 4,
      assetsPerType: 5,
      assetTaskTypes: 4,
      heroShots: 1,
      artistRange: [0, 0.9],
    }),
    noise('Bench Small A', 'BMA', [0.7, 1], 0.2),
    noise('Bench Small B', 'BMB', [0.8, 1], 0.2),
  ],
  commentsPerTask: 5,
  heroComments: [20, 30],
  timeSpentsPerTask: 1.3,
  openTasksPerArtist: [5, 80],
  unassignedShare: 0.1,
};

export const TIERS: Record<TierName, TierSpec> = { F: TIER_F, S: TIER_S, small: TIER_SMALL };

export function isTierName(value: string): value is TierName {
  return (TIER_NAMES as readonly string[]).includes(value);
}

/** The password of every seeded person (documented in bench/README.md). */
export const BENCH_PASSWORD = 'rushes-bench';
export const BENCH_EMAIL_DOMAIN = 'bench.rushes.test';
/** server_setting key recording which dataset a database holds. */
export const BENCH_MARKER_KEY = 'bench_dataset';
/** Bumped when the generator changes what it produces for a given seed. */
export const BENCH_DATASET_VERSION = 1;
