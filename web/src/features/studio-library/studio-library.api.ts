import { http } from '@/lib/http';
import { LIBRARIES, type StudioLibrary } from './library-model';

/** A row of a studio library (task type, asset type, department): the fields the pages show. */
export interface LibraryRow {
  id: string;
  name: string;
  archived?: boolean;
  [field: string]: unknown;
}

export const fetchLibrary = (library: StudioLibrary) => http.get<LibraryRow[]>(LIBRARIES[library].listPath);

export const createLibraryRow = (library: StudioLibrary, fields: Record<string, unknown>) => http.post<LibraryRow>(LIBRARIES[library].writePath, fields);

export const updateLibraryRow = (library: StudioLibrary, id: string, fields: Record<string, unknown>) =>
  http.put<LibraryRow>(`${LIBRARIES[library].writePath}/${encodeURIComponent(id)}`, fields);

/** Deletes a row; a task type is also taken out of the productions that use it (force), never from tasks (the API refuses). */
export const deleteLibraryRow = (library: StudioLibrary, id: string) =>
  http.delete<void>(`${LIBRARIES[library].writePath}/${encodeURIComponent(id)}`, { query: library === 'task-types' ? { force: true } : {} });
