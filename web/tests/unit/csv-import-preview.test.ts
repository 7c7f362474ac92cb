import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http';
import { readCsvRows, sniffDelimiter } from '@/features/csv-transfer/csv-file-rows';
import type { ImportAction, ImportPreviewAnswer } from '@/features/csv-transfer/csv-transfer.api';
import {
  buildPreview, countActions, fileProblem, importedMessage, importErrorOf, sectionsOf, summaryOf, type PreviewRow,
} from '@/features/csv-transfer/import-preview-model';

const answer = (rows: Array<[string, ImportAction]>): ImportPreviewAnswer => ({
  dry_run: true,
  created: rows.filter(([, action]) => action === 'created').length,
  updated: rows.filter(([, action]) => action === 'updated').length,
  unchanged: rows.filter(([, action]) => action === 'unchanged').length,
  rows: rows.map(([name, action], index) => ({ id: `id${index}`, name, type: 'Shot', import_action: action })),
});

const row = (name: string, action: ImportAction, line: number | null = null): PreviewRow => ({ line, name, group: '', action });

describe('readCsvRows', () => {
  it('sniffs the delimiter from the header line, ignoring delimiters inside quotes', () => {
    expect(sniffDelimiter('Project;Sequence;Name\r\nA,B;SQ;SH')).toBe(';');
    expect(sniffDelimiter('"a;b;c",Sequence,Name\n')).toBe(',');
    expect(sniffDelimiter('Sequence\tName\n')).toBe('\t');
    expect(sniffDelimiter('Name\n')).toBe(';');
  });

  it('numbers rows by the line where they end (header = 1), counting multi-line cells and skipped blank rows', () => {
    const table = readCsvRows('\uFEFFSequence;Name;Description\r\nSQ01;SH010;"two\r\nlines"\r\n\r\n;;\r\nSQ01;"SH;020";"say ""hi"""\r\nsq02; SH030 ;x');
    expect(table.columns).toEqual(['Sequence', 'Name', 'Description']);
    expect(table.rows.map((item) => [item.line, item.get('sequence'), item.get('NAME'), item.get('Description')])).toEqual([
      [3, 'SQ01', 'SH010', 'two\r\nlines'],
      [6, 'SQ01', 'SH;020', 'say "hi"'],
      [7, 'sq02', 'SH030', 'x'],
    ]);
    expect(table.has('episode')).toBe(false);
    expect(table.rows[0]?.get('Episode')).toBe('');
  });

  it('reads an empty text as no column and no row', () => {
    expect(readCsvRows('')).toMatchObject({ columns: [], rows: [] });
  });
});

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

  it('puts each answered row beside its file line, with its episode and sequence', () => {
    const table = readCsvRows('Episode,Sequence,Name\nE01,SQ01,SH010\n\nE01,SQ02,sh020\n');
    const preview = buildPreview('Shot', answer([['SH010', 'created'], ['SH020', 'updated']]), table);
    expect(preview.rows).toEqual([
      { line: 2, name: 'SH010', group: 'E01 / SQ01', action: 'created' },
      // Names match whatever their case: the server finds existing shots that way.
      { line: 4, name: 'SH020', group: 'E01 / SQ02', action: 'updated' },
    ]);
    expect(preview.counts).toEqual({ created: 1, updated: 1, unchanged: 0 });
  });

  it('shows the asset type of asset rows', () => {
    const table = readCsvRows('Project;Type;Name\nDemo;Character;Hero\nDemo;Prop;Lamp\n');
    expect(buildPreview('Asset', answer([['Hero', 'unchanged'], ['Lamp', 'created']]), table).rows.map((item) => [item.line, item.group])).toEqual([[2, 'Character'], [3, 'Prop']]);
  });

  it('keeps the answer’s names without lines when the file does not line up with it', () => {
    const table = readCsvRows('Sequence;Name\nSQ01;SH010\nSQ01;SH999\n');
    const preview = buildPreview('Shot', answer([['SH010', 'created'], ['SH020', 'created']]), table);
    expect(preview.rows).toEqual([row('SH010', 'created'), row('SH020', 'created')]);
    expect(buildPreview('Shot', answer([['SH010', 'created']]), null).rows).toEqual([row('SH010', 'created')]);
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
