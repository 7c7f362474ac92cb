/**
 * Keyboard navigation of the production tables (the WAI-ARIA grid pattern): one cell holds the focus,
 * arrows move it, Home/End go to the ends of the row (with Ctrl, of the grid), PageUp/PageDown move by
 * a screenful. Row 0 is the header; group heading rows have a single cell.
 */

export interface GridPosition {
  row: number;
  /** The column asked for: kept across group rows so that moving through one comes back to it. */
  col: number;
}

export interface GridShape {
  /** Rows, header included. */
  rows: number;
  /** Columns of a full row. */
  cols: number;
  /** Rows a PageUp/PageDown moves by. */
  pageRows: number;
  /** Cells of a row (1 for a group heading). */
  cellsIn(row: number): number;
}

export interface GridKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/** The column a position's cell is actually in, on its row. */
export const columnIn = (position: GridPosition, shape: GridShape): number => Math.max(0, Math.min(position.col, shape.cellsIn(position.row) - 1));

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/**
 * The cell a key moves the focus to, or null when the key is not a navigation key or cannot move
 * (already at the edge), so the caller leaves the key to the browser.
 */
export function nextCell(from: GridPosition, key: GridKey, shape: GridShape): GridPosition | null {
  if (shape.rows === 0 || shape.cols === 0) return null;
  const lastRow = shape.rows - 1;
  const lastCol = shape.cols - 1;
  const row = clamp(from.row, 0, lastRow);
  const col = columnIn({ row, col: clamp(from.col, 0, lastCol) }, shape);
  const toGridEdge = key.ctrlKey || key.metaKey;
  let next: GridPosition;
  switch (key.key) {
    case 'ArrowUp':
      next = { row: Math.max(0, row - 1), col: from.col };
      break;
    case 'ArrowDown':
      next = { row: Math.min(lastRow, row + 1), col: from.col };
      break;
    case 'ArrowLeft':
      next = { row, col: Math.max(0, col - 1) };
      break;
    case 'ArrowRight':
      next = { row, col: Math.min(shape.cellsIn(row) - 1, col + 1) };
      break;
    case 'Home':
      next = toGridEdge ? { row: 0, col: 0 } : { row, col: 0 };
      break;
    case 'End':
      next = toGridEdge ? { row: lastRow, col: lastCol } : { row, col: shape.cellsIn(row) - 1 };
      break;
    case 'PageUp':
      next = { row: Math.max(0, row - Math.max(1, shape.pageRows)), col: from.col };
      break;
    case 'PageDown':
      next = { row: Math.min(lastRow, row + Math.max(1, shape.pageRows)), col: from.col };
      break;
    default:
      return null;
  }
  next.col = clamp(next.col, 0, lastCol);
  const moved = next.row !== row || columnIn(next, shape) !== col;
  return moved ? next : null;
}
