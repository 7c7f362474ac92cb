import { describe, expect, it } from 'vitest';
import {
  alreadyExistsMessage,
  completeFrames,
  MAX_RANGE,
  namesFromList,
  numberOrNull,
  shotNamesInRange,
  takenNames,
} from '@/features/breakdown-setup/entity-names';

describe('shotNamesInRange', () => {
  it('expands SH010 to SH200 by 10 into 20 names keeping the padding', () => {
    const { names, error } = shotNamesInRange({ first: 'SH010', last: 'SH200', step: 10 });
    expect(error).toBeNull();
    expect(names).toHaveLength(20);
    expect(names.slice(0, 3)).toEqual(['SH010', 'SH020', 'SH030']);
    expect(names.at(-1)).toBe('SH200');
  });

  it('accepts a bare number as the last name and stops before overshooting it', () => {
    expect(shotNamesInRange({ first: 'SH010', last: '45', step: 10 }).names).toEqual(['SH010', 'SH020', 'SH030', 'SH040']);
  });

  it('gives one shot when the last name is empty', () => {
    expect(shotNamesInRange({ first: 'SH0050', last: '', step: 10 }).names).toEqual(['SH0050']);
  });

  it('lets the numbers grow past the padding', () => {
    expect(shotNamesInRange({ first: 'S98', last: 'S102', step: 2 }).names).toEqual(['S98', 'S100', 'S102']);
  });

  it.each([
    [{ first: 'intro', last: 'SH200', step: 10 }, 'The first shot name must end with a number, e.g. SH010.'],
    [{ first: 'SH010', last: 'end', step: 10 }, 'The last shot name must end with a number, e.g. SH200.'],
    [{ first: 'SH010', last: 'P200', step: 10 }, 'The last shot name should start with SH, as the first does.'],
    [{ first: 'SH200', last: 'SH010', step: 10 }, 'The last shot comes before the first one.'],
    [{ first: 'SH010', last: 'SH200', step: 0 }, 'The step must be a whole number of 1 or more.'],
    [{ first: 'SH010', last: 'SH200', step: 2.5 }, 'The step must be a whole number of 1 or more.'],
  ])('refuses %o', (range, message) => {
    expect(shotNamesInRange(range)).toEqual({ names: [], error: message });
  });

  it(`refuses more than ${MAX_RANGE} shots at once`, () => {
    expect(shotNamesInRange({ first: 'SH0001', last: 'SH9999', step: 1 }).error).toBe(`That makes 9999 shots; create at most ${MAX_RANGE} at once.`);
  });
});

describe('namesFromList', () => {
  it('splits on lines, commas and semicolons, trims, drops blanks and repeats of any case', () => {
    expect(namesFromList(' Hero, Villain\n\nlighthouse; hero\nLighthouse ')).toEqual(['Hero', 'Villain', 'lighthouse']);
  });
});

describe('takenNames and alreadyExistsMessage', () => {
  it('finds existing names without case', () => {
    expect(takenNames(['SH010', 'SH020', 'sh030'], ['sh010', 'SH030'])).toEqual(['SH010', 'sh030']);
  });

  it('says which entity exists where, in the singular and the plural', () => {
    expect(alreadyExistsMessage('shot', ['SH010'], 'SQ010')).toBe('A shot SH010 already exists in SQ010.');
    expect(alreadyExistsMessage('asset', ['Hero'], 'Character')).toBe('An asset Hero already exists in Character.');
    expect(alreadyExistsMessage('episode', ['E01'], null)).toBe('An episode E01 already exists.');
    expect(alreadyExistsMessage('shot', ['SH010', 'SH020'], 'SQ010')).toBe('Shots SH010, SH020 already exist in SQ010.');
    const many = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'];
    expect(alreadyExistsMessage('shot', many, 'SQ1')).toBe('Shots A1, A2, A3, A4, A5, A6 and 2 more already exist in SQ1.');
  });
});

describe('completeFrames', () => {
  it('counts the frames from in and out, both inclusive', () => {
    expect(completeFrames({ frameIn: 101, frameOut: 148, frames: null })).toEqual({ frameIn: 101, frameOut: 148, frames: 48, error: null });
  });

  it('derives the out frame from in and a count', () => {
    expect(completeFrames({ frameIn: 1001, frameOut: null, frames: 24 })).toEqual({ frameIn: 1001, frameOut: 1024, frames: 24, error: null });
  });

  it('keeps a count alone', () => {
    expect(completeFrames({ frameIn: null, frameOut: null, frames: 36 }).frames).toBe(36);
  });

  it('refuses an out before the in, a count that disagrees, and negative numbers', () => {
    expect(completeFrames({ frameIn: 20, frameOut: 10, frames: null }).error).toBe('The out frame comes before the in frame.');
    expect(completeFrames({ frameIn: 1, frameOut: 10, frames: 12 }).error).toBe('In 1 to out 10 is 10 frames, not 12.');
    expect(completeFrames({ frameIn: -1, frameOut: null, frames: null }).error).toBe('Frames, in and out are whole numbers of 0 or more.');
  });
});

describe('numberOrNull', () => {
  it('reads input values', () => {
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull(null)).toBeNull();
    expect(numberOrNull('12')).toBe(12);
    expect(numberOrNull(7)).toBe(7);
    expect(numberOrNull('x')).toBeNull();
  });
});
