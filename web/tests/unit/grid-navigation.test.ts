import { describe, expect, it } from 'vitest';
import { columnIn, nextCell, type GridShape } from '@/features/breakdown/grid-navigation';

/** Header, a group heading (row 1), three shots (rows 2-4), another heading (5), two shots (6-7); 9 columns. */
const shape: GridShape = { rows: 8, cols: 9, pageRows: 3, cellsIn: (row) => (row === 1 || row === 5 ? 1 : 9) };
const key = (name: string, extra: { ctrlKey?: boolean; metaKey?: boolean } = {}) => ({ key: name, ...extra });

describe('grid keyboard navigation', () => {
  it('moves one cell with the arrows', () => {
    expect(nextCell({ row: 2, col: 3 }, key('ArrowRight'), shape)).toEqual({ row: 2, col: 4 });
    expect(nextCell({ row: 2, col: 3 }, key('ArrowLeft'), shape)).toEqual({ row: 2, col: 2 });
    expect(nextCell({ row: 2, col: 3 }, key('ArrowDown'), shape)).toEqual({ row: 3, col: 3 });
    expect(nextCell({ row: 3, col: 3 }, key('ArrowUp'), shape)).toEqual({ row: 2, col: 3 });
    expect(nextCell({ row: 0, col: 3 }, key('ArrowDown'), shape)).toEqual({ row: 1, col: 3 });
  });

  it('stops at the edges of the grid (the key is left to the browser)', () => {
    expect(nextCell({ row: 0, col: 3 }, key('ArrowUp'), shape)).toBeNull();
    expect(nextCell({ row: 7, col: 3 }, key('ArrowDown'), shape)).toBeNull();
    expect(nextCell({ row: 2, col: 0 }, key('ArrowLeft'), shape)).toBeNull();
    expect(nextCell({ row: 2, col: 8 }, key('ArrowRight'), shape)).toBeNull();
  });

  it('passes through a group heading and comes back to the column it left', () => {
    const onHeading = nextCell({ row: 4, col: 6 }, key('ArrowDown'), shape)!;
    expect(onHeading).toEqual({ row: 5, col: 6 });
    expect(columnIn(onHeading, shape)).toBe(0);
    expect(nextCell(onHeading, key('ArrowRight'), shape)).toBeNull();
    expect(nextCell(onHeading, key('ArrowLeft'), shape)).toBeNull();
    expect(nextCell(onHeading, key('ArrowDown'), shape)).toEqual({ row: 6, col: 6 });
  });

  it('goes to the ends of the row with Home and End, of the grid with Ctrl', () => {
    expect(nextCell({ row: 3, col: 4 }, key('Home'), shape)).toEqual({ row: 3, col: 0 });
    expect(nextCell({ row: 3, col: 4 }, key('End'), shape)).toEqual({ row: 3, col: 8 });
    expect(nextCell({ row: 3, col: 0 }, key('Home'), shape)).toBeNull();
    expect(nextCell({ row: 3, col: 4 }, key('Home', { ctrlKey: true }), shape)).toEqual({ row: 0, col: 0 });
    expect(nextCell({ row: 3, col: 4 }, key('End', { ctrlKey: true }), shape)).toEqual({ row: 7, col: 8 });
    expect(nextCell({ row: 3, col: 4 }, key('End', { metaKey: true }), shape)).toEqual({ row: 7, col: 8 });
  });

  it('moves a page of rows with PageUp and PageDown, stopping at the first and last rows', () => {
    expect(nextCell({ row: 2, col: 4 }, key('PageDown'), shape)).toEqual({ row: 5, col: 4 });
    expect(nextCell({ row: 6, col: 4 }, key('PageDown'), shape)).toEqual({ row: 7, col: 4 });
    expect(nextCell({ row: 7, col: 4 }, key('PageDown'), shape)).toBeNull();
    expect(nextCell({ row: 2, col: 4 }, key('PageUp'), shape)).toEqual({ row: 0, col: 4 });
    expect(nextCell({ row: 2, col: 4 }, key('PageUp'), { ...shape, pageRows: 0 })).toEqual({ row: 1, col: 4 });
  });

  it('ignores other keys and an empty grid', () => {
    expect(nextCell({ row: 2, col: 3 }, key('Enter'), shape)).toBeNull();
    expect(nextCell({ row: 2, col: 3 }, key('a'), shape)).toBeNull();
    expect(nextCell({ row: 0, col: 0 }, key('ArrowDown'), { rows: 0, cols: 0, pageRows: 1, cellsIn: () => 0 })).toBeNull();
  });

  it('recovers a position left outside the grid (rows filtered away)', () => {
    expect(nextCell({ row: 40, col: 20 }, key('ArrowUp'), shape)).toEqual({ row: 6, col: 8 });
  });
});
