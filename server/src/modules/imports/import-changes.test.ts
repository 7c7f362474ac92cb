import { describe, expect, it } from 'vitest';
import { cellText, changedData, sameText } from './import-changes.ts';

describe('import changes', () => {
  it('reads stored and imported values as one cell: trimmed text, empty as nothing, numbers by value', () => {
    expect([cellText(null), cellText(undefined), cellText(' cam_A '), cellText(1001), cellText(false), cellText({ a: 1 })]).toEqual(['', '', 'cam_A', '1001', 'false', '{"a":1}']);
    expect(sameText(null, '')).toBe(true);
    expect(sameText('Hero looks\nat the sword', 'Hero looks\nat the sword \r\n')).toBe(true);
    expect(sameText('v1', 'v2')).toBe(false);
  });

  it('keeps only the data keys whose value changes, booleans read as the export writes them', () => {
    const stored = { frame_in: '1001', fps: 24, camera: 'cam_A', stereo: true };
    const booleans = new Set(['stereo', 'hero']);
    expect(changedData(stored, { frame_in: 1001, fps: '24', camera: 'cam_A ', stereo: 'true', hero: 'false', notes: '' }, booleans)).toEqual({});
    expect(changedData(stored, { frame_in: 1002, camera: '', stereo: 'false', hero: 'true' }, booleans)).toEqual({ frame_in: 1002, camera: '', stereo: 'false', hero: 'true' });
    expect(changedData(null, { notes: 'x' }, booleans)).toEqual({ notes: 'x' });
  });
});
