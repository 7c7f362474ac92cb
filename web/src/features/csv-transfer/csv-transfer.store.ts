import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { useProductionsStore, type EntityKind } from '@/features/productions/productions.store';
import { useAuthStore } from '@/features/auth/auth.store';
import { entityTableStore } from '@/features/breakdown/breakdown.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import { messageOf } from '@/lib/http';
import { saveFile } from '@/lib/save-file';
import * as api from './csv-transfer.api';
import { dayIn, exportFileName } from './export-file-name';
import { buildPreview, changesAnything, fileProblem, importedMessage, importErrorOf, type ImportError, type ImportPreview } from './import-preview-model';

/** choosing: no file or a refused one; previewing: the dry run runs; preview: its answer is shown; applying: the real import runs. */
export type ImportPhase = 'choosing' | 'previewing' | 'preview' | 'applying';

export interface ImportTarget {
  projectId: string;
  kind: EntityKind;
}

/**
 * CSV export and import of the shots and assets tables. The export downloads the server's file, saved
 * under the production's name and the day (the server's Zou-style name is for scripts). For
 * the import dialog, the store holds the chosen file, the "update existing rows" option and the dry
 * run's preview of what the file would change, then runs the real import. Every new file or option
 * runs a new dry run, and an answer that arrives after a newer choice is dropped. Nothing is written
 * until `apply`.
 */
export const useCsvTransferStore = defineStore('csv-transfer', () => {
  /** The kind whose export is downloading (one at a time). */
  const exporting = ref<EntityKind | null>(null);
  const target = shallowRef<ImportTarget | null>(null);
  const file = shallowRef<File | null>(null);
  const update = ref(false);
  const phase = ref<ImportPhase>('choosing');
  const preview = shallowRef<ImportPreview | null>(null);
  const error = ref<ImportError | null>(null);
  let token = 0;

  const canApply = computed(() => phase.value === 'preview' && !error.value && preview.value !== null && changesAnything(preview.value.counts));

  function open(next: ImportTarget) {
    token += 1;
    target.value = next;
    file.value = null;
    update.value = false;
    phase.value = 'choosing';
    preview.value = null;
    error.value = null;
  }

  /** Closes the dialog; refused while the import is being applied (the transaction runs on regardless). */
  function close(): boolean {
    if (phase.value === 'applying') return false;
    token += 1;
    target.value = null;
    file.value = null;
    preview.value = null;
    error.value = null;
    phase.value = 'choosing';
    return true;
  }

  async function runPreview(): Promise<void> {
    const current = target.value;
    const chosen = file.value;
    if (!current || !chosen) return;
    const mine = ++token;
    phase.value = 'previewing';
    preview.value = null;
    error.value = null;
    try {
      const answer = await api.previewImport(current.projectId, current.kind, chosen, update.value);
      if (mine !== token) return;
      preview.value = buildPreview(current.kind, answer);
    } catch (caught) {
      if (mine === token) error.value = importErrorOf(caught);
    } finally {
      if (mine === token) phase.value = preview.value ? 'preview' : 'choosing';
    }
  }

  /** Takes a chosen or dropped file: refused at once when it is empty or not CSV, else previewed. */
  async function chooseFile(next: File): Promise<void> {
    if (phase.value === 'applying') return;
    token += 1;
    file.value = next;
    preview.value = null;
    const problem = fileProblem(next);
    error.value = problem ? { message: problem, line: null } : null;
    phase.value = 'choosing';
    if (!problem) await runPreview();
  }

  /** The preview depends on the option: a new dry run. */
  async function setUpdate(value: boolean): Promise<void> {
    if (phase.value === 'applying') return;
    update.value = value;
    if (file.value && !fileProblem(file.value)) await runPreview();
  }

  /**
   * Runs the import for real, then closes the dialog, says what was imported and reloads the table.
   * A refusal (the data changed since the preview) stays in the dialog, with its line.
   */
  async function apply(): Promise<boolean> {
    const current = target.value;
    const chosen = file.value;
    const counts = preview.value?.counts;
    if (!current || !chosen || !counts || !canApply.value) return false;
    phase.value = 'applying';
    try {
      await api.applyImport(current.projectId, current.kind, chosen, update.value);
    } catch (caught) {
      error.value = importErrorOf(caught);
      phase.value = 'preview';
      return false;
    }
    phase.value = 'preview';
    close();
    useToastsStore().success(importedMessage(current.kind, counts));
    await entityTableStore(current.kind).load(current.projectId, { force: true });
    return true;
  }

  /** Downloads the production's shots or assets as CSV, named after the production and today; one toast when it fails. */
  async function exportTable(projectId: string, kind: EntityKind): Promise<void> {
    if (exporting.value) return;
    exporting.value = kind;
    try {
      const { blob } = await api.exportCsv(projectId, kind);
      const production = useProductionsStore().openProject(projectId)?.name;
      saveFile(blob, exportFileName(production, kind, dayIn(new Date(), useAuthStore().user?.timezone)));
    } catch (caught) {
      useToastsStore().error(`The export failed: ${messageOf(caught)}`);
    } finally {
      exporting.value = null;
    }
  }

  return { exporting, exportTable, target, file, update, phase, preview, error, canApply, open, close, chooseFile, setUpdate, apply };
});
