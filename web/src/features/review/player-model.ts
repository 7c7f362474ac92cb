/**
 * The review player's arithmetic, kept apart from the DOM so that it can be tested: how long each
 * entry plays, where its frames sit on the playlist's timeline, and which time shows a given frame.
 */
import { kindOf } from '@/features/previews/preview-model';
import type { PlaylistEntryDetail } from './review.api';

/** A picture is held this long, as the server's movie builds do by default. */
export const STILL_SECONDS = 2;
export const SPEEDS = [0.25, 0.5, 1, 2] as const;
export const DEFAULT_FPS = 24;

export type EntryMedia = 'movie' | 'picture' | 'none';

export interface TimelineEntry {
  /** The entry's first frame on the playlist's timeline. */
  start: number;
  frames: number;
  media: EntryMedia;
}

/** The production's frame rate ("25", "23.976"); 24 when it is unset or unreadable. */
export function parseFps(fps: string | number | null | undefined): number {
  const value = typeof fps === 'number' ? fps : Number.parseFloat(fps ?? '');
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_FPS;
}

export function mediaOf(entry: Pick<PlaylistEntryDetail, 'preview_file_id' | 'preview_file_extension' | 'preview_file_status'>): EntryMedia {
  if (!entry.preview_file_id || entry.preview_file_status === 'broken' || entry.preview_file_status === 'missing') return 'none';
  return kindOf({ extension: entry.preview_file_extension ?? null }) === 'movie' ? 'movie' : 'picture';
}

/** Frames of an entry: a movie's duration, a picture's (or a missing preview's) still duration; at least 1. */
export function framesOf(entry: Pick<PlaylistEntryDetail, 'preview_file_id' | 'preview_file_extension' | 'preview_file_status' | 'preview_file_duration'>, fps: number): number {
  const seconds = mediaOf(entry) === 'movie' && (entry.preview_file_duration ?? 0) > 0 ? entry.preview_file_duration! : STILL_SECONDS;
  return Math.max(1, Math.round(seconds * fps));
}

/** The entries laid end to end, each with its first frame on the playlist's timeline. */
export function buildTimeline(entries: readonly PlaylistEntryDetail[], fps: number): TimelineEntry[] {
  let start = 0;
  return entries.map((entry) => {
    const frames = framesOf(entry, fps);
    const placed = { start, frames, media: mediaOf(entry) };
    start += frames;
    return placed;
  });
}

export const totalFrames = (timeline: readonly TimelineEntry[]) => timeline.reduce((sum, entry) => sum + entry.frames, 0);

/** Which entry a timeline frame falls in, and the frame within it (clamped to the timeline). */
export function locate(timeline: readonly TimelineEntry[], frame: number): { index: number; frame: number } {
  if (timeline.length === 0) return { index: 0, frame: 0 };
  const last = timeline.length - 1;
  const clamped = Math.min(Math.max(0, Math.floor(frame)), timeline[last]!.start + timeline[last]!.frames - 1);
  const index = timeline.findIndex((entry) => clamped < entry.start + entry.frames);
  return { index, frame: clamped - timeline[index]!.start };
}

/**
 * The frame a media time shows. The small epsilon absorbs float error: 1/24 * 24 must be frame 1, not
 * frame 0.99999.
 */
export const frameAt = (seconds: number, fps: number) => Math.max(0, Math.floor(seconds * fps + 1e-6));

/**
 * The time to seek to for a frame: its middle, so that the browser's rounding of `currentTime` to
 * the decoded frame's timestamp cannot land on the previous frame.
 */
export const timeOfFrame = (frame: number, fps: number) => (frame + 0.5) / fps;

/** "SQ010 / SH020" for a shot, "Characters / Hero" for an asset. */
export const entryTitle = (entry: Pick<PlaylistEntryDetail, 'parent_name' | 'name'>) => (entry.parent_name ? `${entry.parent_name} / ${entry.name}` : entry.name);

/** The comment posted from the player names the frame it is about (Kitsu's convention, 1-based). */
export const commentWithFrame = (text: string, frame: number) => `Frame ${frame + 1}: ${text.trim()}`;
