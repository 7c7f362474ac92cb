import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/http';
import * as saving from '@/lib/save-file';
import * as breakdownApi from '@/features/breakdown/breakdown.api';
import * as api from '@/features/csv-transfer/csv-transfer.api';
import type { ImportPreviewAnswer } from '@/features/csv-transfer/csv-transfer.api';
import { useCsvTransferStore } from '@/features/csv-transfer/csv-transfer.store';
import { dayIn } from '@/features/csv-transfer/export-file-name';
import { useShotsStore } from '@/features/breakdown/breakdown.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import { setupStores } from './setup-stores';
import { shot } from './fixtures';

vi.mock('@/features/csv-transfer/csv-transfer.api');
vi.mock('@/features/breakdown/breakdown.api');
vi.mock('@/lib/save-file');

const CSV = 'Sequence;Name\nSQ01;SH010\nSQ01;SH020\n';
const csvFile = (text = CSV, name = 'shots.csv') => new File([text], name, { type: 'text/csv' });
const preview: ImportPreviewAnswer = {
  dry_run: true, created: 1, updated: 1, unchanged: 0,
  rows: [
    { name: 'SH010', import_action: 'updated', line_number: 2, sequence_name: 'SQ01', episode_name: null },
    { name: 'SH020', import_action: 'created', line_number: 3, sequence_name: 'SQ01', episode_name: null },
  ],
};
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
};

function openStore() {
  const store = useCsvTransferStore();
  store.open({ projectId: 'p1', kind: 'Shot' });
  return store;
}

describe('csv transfer store: import', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setupStores();
  });

  it('previews a chosen file with a dry run, with the line numbers and sequences the server names, and allows applying it', async () => {
    vi.mocked(api.previewImport).mockResolvedValue(preview);
    const store = openStore();
    const file = csvFile();
    await store.chooseFile(file);
    expect(api.previewImport).toHaveBeenCalledWith('p1', 'Shot', file, false);
    expect(store.phase).toBe('preview');
    expect(store.preview?.rows.map((row) => [row.line, row.name, row.group, row.action])).toEqual([[2, 'SH010', 'SQ01', 'updated'], [3, 'SH020', 'SQ01', 'created']]);
    expect(store.canApply).toBe(true);
  });

  it('runs a new dry run when "update existing rows" changes', async () => {
    vi.mocked(api.previewImport).mockResolvedValue(preview);
    const store = openStore();
    await store.chooseFile(csvFile());
    await store.setUpdate(true);
    expect(vi.mocked(api.previewImport).mock.calls.map((call) => call[3])).toEqual([false, true]);
  });

  it('drops the answer of a file replaced while its dry run was running', async () => {
    const first = deferred<ImportPreviewAnswer>();
    vi.mocked(api.previewImport).mockReturnValueOnce(first.promise).mockResolvedValueOnce({ ...preview, created: 0, updated: 0, unchanged: 1, rows: [{ name: 'SH010', import_action: 'unchanged', line_number: 2 }] });
    const store = openStore();
    const pending = store.chooseFile(csvFile());
    expect(store.phase).toBe('previewing');
    await store.chooseFile(csvFile('Sequence;Name\nSQ01;SH010\n', 'second.csv'));
    first.resolve(preview);
    await pending;
    expect(store.file?.name).toBe('second.csv');
    expect(store.preview?.counts).toEqual({ created: 0, updated: 0, unchanged: 1 });
    // Nothing would change: nothing to apply.
    expect(store.canApply).toBe(false);
  });

  it('refuses an empty file or a non-CSV one without calling the server', async () => {
    const store = openStore();
    await store.chooseFile(csvFile(''));
    expect(store.error?.message).toMatch(/is empty/);
    await store.chooseFile(new File(['PK'], 'shots.xlsx', { type: 'application/zip' }));
    expect(store.error?.message).toMatch(/not a CSV file/);
    await store.setUpdate(true);
    expect(api.previewImport).not.toHaveBeenCalled();
    expect(store.phase).toBe('choosing');
    expect(store.canApply).toBe(false);
  });

  it('shows a refused line and disables Apply', async () => {
    vi.mocked(api.previewImport).mockRejectedValue(new ApiError('Sequence is required (column "Sequence")', 400, { error: true, message: 'Sequence is required (column "Sequence")', line_number: 3 }));
    const store = openStore();
    await store.chooseFile(csvFile());
    expect(store.error).toEqual({ message: 'Sequence is required (column "Sequence")', line: 3 });
    expect(store.preview).toBeNull();
    expect(store.canApply).toBe(false);
    expect(await store.apply()).toBe(false);
    expect(api.applyImport).not.toHaveBeenCalled();
  });

  it('applies the import, closes, says what was imported and reloads the shots table', async () => {
    vi.mocked(api.previewImport).mockResolvedValue(preview);
    vi.mocked(api.applyImport).mockResolvedValue([{}, {}]);
    vi.mocked(breakdownApi.fetchShotsWithTasks).mockResolvedValue([shot('a', 'SH010', 'SQ01', []), shot('b', 'SH020', 'SQ01', [])]);
    const store = openStore();
    const file = csvFile();
    await store.chooseFile(file);
    await store.setUpdate(true);
    const applying = store.apply();
    expect(store.phase).toBe('applying');
    expect(store.close()).toBe(false);
    expect(await applying).toBe(true);
    expect(api.applyImport).toHaveBeenCalledWith('p1', 'Shot', file, true);
    expect(store.target).toBeNull();
    expect(useToastsStore().toasts.map((toast) => [toast.kind, toast.message])).toEqual([['success', 'Imported 2 shots: 1 new, 1 updated.']]);
    expect(breakdownApi.fetchShotsWithTasks).toHaveBeenCalledWith('p1');
    expect(useShotsStore().rows.map((row) => row.name)).toEqual(['SH010', 'SH020']);
  });

  it('keeps the dialog open with the reason when the real import is refused', async () => {
    vi.mocked(api.previewImport).mockResolvedValue(preview);
    vi.mocked(api.applyImport).mockRejectedValue(new ApiError('The server ran into a problem (HTTP 500). Try again in a moment.', 500));
    const store = openStore();
    await store.chooseFile(csvFile());
    expect(await store.apply()).toBe(false);
    expect(store.target).not.toBeNull();
    expect(store.phase).toBe('preview');
    expect(store.error?.message).toMatch(/HTTP 500/);
    expect(store.canApply).toBe(false);
    expect(breakdownApi.fetchShotsWithTasks).not.toHaveBeenCalled();
  });
});

describe('csv transfer store: export', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setupStores();
  });

  it('saves the exported file under the production’s name and the day', async () => {
    const blob = new Blob(['Project;Episode;Sequence;Name\r\n'], { type: 'text/csv' });
    vi.mocked(api.exportCsv).mockResolvedValue({ blob, fileName: 'kitsu_demo_shots.csv' });
    const store = useCsvTransferStore();
    const exporting = store.exportTable('p1', 'Shot');
    expect(store.exporting).toBe('Shot');
    await exporting;
    expect(api.exportCsv).toHaveBeenCalledWith('p1', 'Shot');
    expect(saving.saveFile).toHaveBeenCalledWith(blob, `Demo shots ${dayIn(new Date())}.csv`);
    expect(store.exporting).toBeNull();
  });

  it('says why an export failed, once', async () => {
    vi.mocked(api.exportCsv).mockRejectedValue(new ApiError("You don't have permission to do this.", 403));
    await useCsvTransferStore().exportTable('p1', 'Asset');
    expect(saving.saveFile).not.toHaveBeenCalled();
    expect(useToastsStore().toasts.map((toast) => toast.message)).toEqual(["The export failed: You don't have permission to do this."]);
  });
});
