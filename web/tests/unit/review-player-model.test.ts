import { describe, expect, it } from 'vitest';
import type { PlaylistEntryDetail } from '@/features/review/review.api';
import { buildTimeline, commentWithFrame, frameAt, framesOf, locate, parseFps, STILL_SECONDS, timeOfFrame, totalFrames } from '@/features/review/player-model';
import { tasksOfStatus } from '@/features/review/tasks-of-status';
import { annotationTime, pathOf, strokesAt } from '@/features/review/annotation-model';
import type { EntityRow } from '@/features/breakdown/breakdown-model';

const entry = (changes: Partial<PlaylistEntryDetail>): PlaylistEntryDetail => ({
  id: 'e', entity_id: 'e', name: 'SH010', entity_type_name: 'Shot', parent_id: 'sq', parent_name: 'SQ010', canceled: false, preview_files: {}, ...changes,
});
const movie = (seconds: number) => entry({ preview_file_id: 'm', preview_file_extension: 'mp4', preview_file_status: 'ready', preview_file_duration: seconds });
const picture = entry({ preview_file_id: 'p', preview_file_extension: 'png', preview_file_status: 'ready', preview_file_duration: 0 });

describe('review player model', () => {
  it('reads the production fps, 24 when unset or unreadable', () => {
    expect(parseFps('25')).toBe(25);
    expect(parseFps('23.976')).toBeCloseTo(23.976);
    expect(parseFps(null)).toBe(24);
    expect(parseFps('fast')).toBe(24);
  });

  it('gives a movie its duration in frames and holds a picture or a broken preview STILL_SECONDS', () => {
    expect(framesOf(movie(2), 25)).toBe(50);
    expect(framesOf(picture, 25)).toBe(STILL_SECONDS * 25);
    expect(framesOf(entry({ preview_file_id: 'b', preview_file_extension: 'mp4', preview_file_status: 'broken', preview_file_duration: 9 }), 24)).toBe(STILL_SECONDS * 24);
  });

  it('lays entries end to end and finds the entry and local frame of a timeline frame, across boundaries', () => {
    const timeline = buildTimeline([movie(1), picture, movie(0.5)], 24);
    expect(timeline.map((placed) => [placed.start, placed.frames, placed.media])).toEqual([[0, 24, 'movie'], [24, 48, 'picture'], [72, 12, 'movie']]);
    expect(totalFrames(timeline)).toBe(84);
    expect(locate(timeline, 23)).toEqual({ index: 0, frame: 23 });
    expect(locate(timeline, 24)).toEqual({ index: 1, frame: 0 });
    expect(locate(timeline, 83)).toEqual({ index: 2, frame: 11 });
    expect(locate(timeline, 500)).toEqual({ index: 2, frame: 11 });
    expect(locate(timeline, -3)).toEqual({ index: 0, frame: 0 });
  });

  it('seeks to the middle of a frame, and that time reads back as the same frame', () => {
    for (const fps of [24, 25, 30, 23.976]) {
      for (const frame of [0, 1, 47, 1000]) expect(frameAt(timeOfFrame(frame, fps), fps)).toBe(frame);
    }
    expect(frameAt(1 / 24 * 24, 24)).toBe(24);
  });

  it('names the frame, 1-based, in a comment', () => {
    expect(commentWithFrame('  Arm pops  ', 11)).toBe('Frame 12: Arm pops');
  });
});

describe('tasks of a status', () => {
  const row = (id: string, groupId: string, status: string, canceled = false) =>
    ({ id, groupId, canceled, tasks: { anim: { id: `t-${id}`, task_status_id: status } } }) as unknown as EntityRow;
  const rows = [row('a', 'sq10', 'wfa'), row('b', 'sq20', 'wfa'), row('c', 'sq10', 'wip'), row('d', 'sq10', 'wfa', true)];

  it('gathers one task type\'s tasks in that status, in the sequence asked, canceled shots left out', () => {
    expect(tasksOfStatus(rows, { taskTypeId: 'anim', statusId: 'wfa', groupId: 'sq10' })).toEqual(['t-a']);
    expect(tasksOfStatus(rows, { taskTypeId: 'anim', statusId: 'wfa', groupId: null })).toEqual(['t-a', 't-b']);
    expect(tasksOfStatus(rows, { taskTypeId: 'layout', statusId: 'wfa', groupId: null })).toEqual([]);
  });
});

describe('annotation model', () => {
  const stroke = (id: string) => ({ id, type: 'path', color: '#ef4444', width: 0.004, points: [[0.1, 0.2], [0.3, 0.4]] });

  it('stores a frame\'s drawings at one exact time per frame, and reads them back at that frame only', () => {
    for (const fps of [24, 25, 23.976]) {
      for (const frame of [0, 1, 2, 47, 1001]) {
        expect(annotationTime(frame, fps)).toBe(annotationTime(frame, fps));
        expect(Math.round(annotationTime(frame, fps) * fps)).toBe(frame);
      }
    }
    const stored = [
      { time: annotationTime(2, 24), drawing: { objects: [stroke('a'), { id: 'text-1', type: 'text', text: 'hi' }] } },
      { time: annotationTime(3, 24), drawing: { objects: [stroke('b')] } },
    ];
    expect(strokesAt(stored, 2, 24).map((object) => object.id)).toEqual(['a']);
    expect(strokesAt(stored, 3, 24).map((object) => object.id)).toEqual(['b']);
    expect(strokesAt(stored, 4, 24)).toEqual([]);
    expect(strokesAt('not a list', 2, 24)).toEqual([]);
    expect(pathOf({ points: [[0.1, 0.2], [0.3, 0.4]] })).toBe('M0.1000 0.2000 L0.3000 0.4000');
  });
});
