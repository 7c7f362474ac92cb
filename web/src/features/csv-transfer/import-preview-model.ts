/**
 * The import preview as the dialog shows it: one line per row of the file (line number, name, sequence
 * or asset type, what the import would do), counted and grouped by action, plus the readable errors of
 * a refused file. Pure functions over the dry run's answer, whose rows carry their file line and names.
 */
import { ApiError, messageOf } from '@/lib/http';
import { plural } from '@/lib/format';
import type { EntityKind } from '@/features/productions/productions.store';
import type { ImportAction, ImportPreviewAnswer, PreviewedRow } from './csv-transfer.api';

export interface PreviewRow {
  /** The file line of the row (where it ends, the header being line 1), as the server counts it. */
  line: number;
  name: string;
  /** "Episode / Sequence" or "Sequence" for shots, the asset type for assets; '' when unknown. */
  group: string;
  action: ImportAction;
}

export type ActionCounts = Record<ImportAction, number>;

export interface ImportPreview {
  rows: PreviewRow[];
  counts: ActionCounts;
}

export interface PreviewSection {
  action: ImportAction;
  rows: PreviewRow[];
}

/** The order actions are listed in: what changes first. */
export const ACTIONS: readonly ImportAction[] = ['created', 'updated', 'unchanged'];

export const ACTION_LABELS: Record<ImportAction, string> = { created: 'Will create', updated: 'Will update', unchanged: 'Unchanged' };

const SUMMARY_WORDS: Record<ImportAction, string> = { created: 'new', updated: 'updated', unchanged: 'unchanged' };

export function countActions(rows: readonly PreviewRow[]): ActionCounts {
  const counts: ActionCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const row of rows) counts[row.action] += 1;
  return counts;
}

/** "12 new, 3 updated, 40 unchanged" (actions without rows left out); "no row" for an empty file. */
export function summaryOf(counts: ActionCounts): string {
  const parts = ACTIONS.filter((action) => counts[action] > 0).map((action) => `${counts[action].toLocaleString('en')} ${SUMMARY_WORDS[action]}`);
  return parts.length ? parts.join(', ') : 'no row';
}

/** The rows grouped by action (created, updated, unchanged), each group in file order; empty groups left out. */
export function sectionsOf(rows: readonly PreviewRow[]): PreviewSection[] {
  return ACTIONS.map((action) => ({ action, rows: rows.filter((row) => row.action === action) })).filter((section) => section.rows.length > 0);
}

/** Where a row goes: its episode and sequence (shots), its asset type (assets); '' when the server names none. */
export function groupOf(kind: EntityKind, row: PreviewedRow): string {
  if (kind === 'Asset') return row.asset_type_name ?? '';
  return [row.episode_name, row.sequence_name].filter(Boolean).join(' / ');
}

/** The preview of a dry run: each answered row, in file order, with its line, name, group and action. */
export function buildPreview(kind: EntityKind, answer: ImportPreviewAnswer): ImportPreview {
  const rows = answer.rows.map((row): PreviewRow => ({ line: row.line_number, name: row.name ?? '', group: groupOf(kind, row), action: row.import_action }));
  return { rows, counts: countActions(rows) };
}

/** True when applying would change something. */
export const changesAnything = (counts: ActionCounts) => counts.created + counts.updated > 0;

/** The toast after an import: "Imported 15 shots: 12 new, 3 updated." */
export function importedMessage(kind: EntityKind, counts: ActionCounts): string {
  const noun = kind === 'Shot' ? 'shot' : 'asset';
  return `Imported ${plural(counts.created + counts.updated + counts.unchanged, noun)}: ${summaryOf(counts)}.`;
}

export interface ImportError {
  message: string;
  /** The file line at fault (header = 1), when the server names one. */
  line: number | null;
}

const lineOf = (body: unknown): number | null => {
  const line = typeof body === 'object' && body !== null ? (body as { line_number?: unknown }).line_number : undefined;
  return typeof line === 'number' && Number.isInteger(line) && line > 0 ? line : null;
};

/** A failed preview or import as the dialog says it: the row's line when the server names it. */
export function importErrorOf(error: unknown): ImportError {
  if (error instanceof ApiError && error.status === 413) {
    return { message: 'The file is too large for the server: split it into smaller CSV files and import them one after the other.', line: null };
  }
  return { message: messageOf(error), line: error instanceof ApiError ? lineOf(error.body) : null };
}

const CSV_NAME = /\.(csv|tsv|txt)$/i;

/**
 * What is wrong with a chosen file before anything is sent, or null: an empty file, or one that is
 * neither named nor typed as CSV text (the server would refuse it; saying so at once is kinder).
 */
export function fileProblem(file: Pick<File, 'name' | 'size' | 'type'>): string | null {
  if (!CSV_NAME.test(file.name) && !file.type.startsWith('text/')) return `${file.name || 'This file'} is not a CSV file: save the sheet as CSV (UTF-8) and choose that file.`;
  if (file.size === 0) return `${file.name} is empty: it needs a header line and one line per row.`;
  return null;
}
