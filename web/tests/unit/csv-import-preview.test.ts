import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http';
import type { ImportAction, ImportPreviewAnswer, PreviewedRow } from '@/features/csv-transfer/csv-transfer.api';
import {
  buildPreview, countActions, fileProblem, importedMessage, importErrorOf, sectionsOf, summaryOf, type PreviewRow,
} from '@/features/csv-transfer/import-preview-model';

const answer = (rows: Array<Omit<PreviewedRow, 'id' | 'type'>>): ImportPreviewAnswer => ({
  dry_run: true,
  created: rows.filter((item) => item.import_action === 'created').length,
  updated: rows.filter((item) => item.import_action === 'updated').length,
  unchanged: rows.filter((item) => item.import_action === 'unchanged').length,
  rows: rows.map((item, index) => ({ id: `id${index}`, type: 'Shot', ...item })),
});

const row = (name: string, action: ImportAction, line = 2): PreviewRow => ({ line, name, group: '', action });

describe('import preview model', () => {
  it('counts the rows per action and says it in one line, leaving out actions without rows', () => {
    const rows = [row('SH010', 'created'), row('SH020', 'unchanged'), row('SH030', 'created'), row('SH040', 'updated')];
    expect(countActions(rows)).toEqual({ created: 2, updated: 1, unchanged: 1 });
    expect(summaryOf(countActions(rows))).toBe('2 new, 1 updated, 1 unchanged');
    expect(summaryOf({ created: 0, updated: 3, unchanged: 0 })).toBe('3 updated');
    expect(summaryOf({ created: 1200, updated: 0, unchanged: 40 })).toBe('1,200 new, 40 unchanged');
    expect(summaryOf({ created: 0, updated: 0, unchanged: 0 })).toBe('no row');
  });

  it('groups the rows by action, what changes first, each group in file order', () => {
    const rows = [row('A', 'unchanged'), row('B', 'created'), row('C', 'unchanged'), row('D', 'created')];
    expect(sectionsOf(rows).map((section) => [section.action, section.rows.map((item) => item.name)])).toEqual([
      ['created', ['B', 'D']],
      ['unchanged', ['A', 'C']],
    ]);
    expect(sectionsOf([])).toEqual([]);
  });

  it('shows each row with the file line and the episode and sequence the server names', () => {
    const preview = buildPreview('Shot', answer([
      { name: 'SH010', import_action: 'created', line_number: 2, episode_name: 'E01', sequence_name: 'SQ01' },
      // A multi-line cell above: the server counts the lines, blank ones included.
      { name: 'SH020', import_action: 'updated', line_number: 5, episode_name: 'E01', sequence_name: 'SQ02' },
      { name: 'SH030', import_action: 'unchanged', line_number: 6, episode_name: null, sequence_name: 'SQ03' },
    ]));
    expect(preview.rows).toEqual([
      { line: 2, name: 'SH010', group: 'E01 / SQ01', action: 'created' },
      { line: 5, name: 'SH020', group: 'E01 / SQ02', action: 'updated' },
      { line: 6, name: 'SH030', group: 'SQ03', action: 'unchanged' },
    ]);
    expect(preview.counts).toEqual({ created: 1, updated: 1, unchanged: 1 });
  });

  it('shows the asset type of asset rows, and no group when the server names none', () => {
    const preview = buildPreview('Asset', answer([
      { name: 'Hero', import_action: 'unchanged', line_number: 2, asset_type_name: 'Character' },
      { name: 'Lamp', import_action: 'created', line_number: 3, asset_type_name: 'Prop' },
    ]));
    expect(preview.rows.map((item) => [item.line, item.group])).toEqual([[2, 'Character'], [3, 'Prop']]);
    expect(buildPreview('Shot', answer([{ name: 'SH010', import_action: 'created', line_number: 2 }])).rows).toEqual([row('SH010', 'created')]);
  });

  it('says what was imported', () => {
    expect(importedMessage('Shot', { created: 12, updated: 3, unchanged: 40 })).toBe('Imported 55 shots: 12 new, 3 updated, 40 unchanged.');
    expect(importedMessage('Asset', { created: 1, updated: 0, unchanged: 0 })).toBe('Imported 1 asset: 1 new.');
  });
});

describe('import errors', () => {
  it('keeps the line the server names', () => {
    const error = new ApiError("frame_in must be an integer, got 'x12'", 400, { error: true, message: "frame_in must be an integer, got 'x12'", line_number: 5, imported_rows: 0 });
    expect(importErrorOf(error)).toEqual({ message: "frame_in must be an integer, got 'x12'", line: 5 });
  });

  it('explains a file too large, and passes other failures on as they read', () => {
    expect(importErrorOf(new ApiError('This is too large for the server.', 413)).message).toMatch(/too large for the server: split it/);
    expect(importErrorOf(new ApiError('The server ran into a problem (HTTP 500). Try again in a moment.', 500))).toEqual({
      message: 'The server ran into a problem (HTTP 500). Try again in a moment.', line: null,
    });
    expect(importErrorOf(new ApiError("You don't have permission to do this.", 403, { error: true, message: 'x', line_number: 'no' })).line).toBeNull();
  });

  it('refuses an empty file or one that is not CSV before sending it', () => {
    expect(fileProblem({ name: 'shots.csv', size: 120, type: 'text/csv' })).toBeNull();
    // Windows labels .csv files as Excel documents: the name is what counts.
    expect(fileProblem({ name: 'shots.CSV', size: 120, type: 'application/vnd.ms-excel' })).toBeNull();
    expect(fileProblem({ name: 'export', size: 120, type: 'text/plain' })).toBeNull();
    expect(fileProblem({ name: 'shots.csv', size: 0, type: 'text/csv' })).toMatch(/shots\.csv is empty/);
    expect(fileProblem({ name: 'shots.xlsx', size: 5000, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toMatch(/shots\.xlsx is not a CSV file/);
  });
});
