/**
 * CSV export and import of a production's shots or assets (the API's /export/csv and /import/csv
 * routes). An import is posted twice: first with `dry_run=true`, which imports the file in a
 * transaction that is rolled back and answers what each row would do (with its file line), then for real.
 */
import type { CsvImportPreview } from '@contracts/imports.schema.ts';
import { http, type DownloadedFile } from '@/lib/http';
import type { EntityKind } from '@/features/productions/productions.store';

export type ImportAction = CsvImportPreview['rows'][number]['import_action'];
/**
 * A dry run's row is the shot or asset as imported (the contract leaves it open), with its action, its
 * file line and where it goes (sequence and episode, or asset type).
 */
export type PreviewedRow = CsvImportPreview['rows'][number] & { id?: string; name?: string };
export type ImportPreviewAnswer = Omit<CsvImportPreview, 'rows'> & { rows: PreviewedRow[] };

const collectionOf = (kind: EntityKind) => (kind === 'Shot' ? 'shots' : 'assets');
const projectPath = (projectId: string) => `/projects/${encodeURIComponent(projectId)}`;

/**
 * The shots (or assets) of a production as the server's `;`-delimited CSV, with its file name. Fetched
 * rather than followed as a plain link: an expired access cookie is refreshed first, and a refusal
 * becomes a message instead of an error body saved as the CSV file.
 */
export const exportCsv = (projectId: string, kind: EntityKind): Promise<DownloadedFile> =>
  http.download(`/export/csv${projectPath(projectId)}/${collectionOf(kind)}.csv`);

function importForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name || 'import.csv');
  return form;
}

const importPath = (projectId: string, kind: EntityKind) => `/import/csv${projectPath(projectId)}/${collectionOf(kind)}`;

/** What importing the file would do, row by row, with nothing written. `update`: existing rows are updated. */
export const previewImport = (projectId: string, kind: EntityKind, file: File, update: boolean) =>
  http.postForm<ImportPreviewAnswer>(importPath(projectId, kind), importForm(file), { query: { dry_run: true, update: update || undefined } });

/** Imports the file in one transaction (all rows or none): answers the imported rows. */
export const applyImport = (projectId: string, kind: EntityKind, file: File, update: boolean) =>
  http.postForm<Array<Record<string, unknown>>>(importPath(projectId, kind), importForm(file), { query: { update: update || undefined } });
