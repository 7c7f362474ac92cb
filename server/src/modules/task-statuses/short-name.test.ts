import { describe, expect, it } from 'vitest';
import { deriveShortName } from './short-name.ts';

describe('deriveShortName', () => {
  it.each([
    ['Review', 'review'],
    ['Ready for Delivery', 'ready_for'],
    ['  Épreuve client ', 'epreuve_cl'],
    ['!!!', 'status'],
  ])('slugs %j to %j (at most 10 characters)', (name, expected) => {
    expect(deriveShortName(name, new Set())).toBe(expected);
  });

  it('adds a numeric suffix until the short name is free, staying within 10 characters', () => {
    expect(deriveShortName('Review', new Set(['review']))).toBe('review2');
    expect(deriveShortName('Ready for Delivery', new Set(['ready_for', 'ready_for2']))).toBe('ready_for3');
    const taken = new Set(['abcdefghij', ...Array.from({ length: 8 }, (_, i) => `abcdefghi${i + 2}`)]);
    expect(deriveShortName('abcdefghijkl', taken)).toBe('abcdefgh10');
  });

  it('avoids the global short names it is given (Gazu looks statuses up by short name)', () => {
    expect(deriveShortName('WIP', new Set(['wip']))).toBe('wip2');
  });
});
