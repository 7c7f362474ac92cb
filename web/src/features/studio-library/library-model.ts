/** The studio libraries an admin keeps: what each holds and how its form reads. */
export type StudioLibrary = 'task-types' | 'asset-types' | 'departments';

export type FieldKind = 'text' | 'color' | 'number' | 'select';

export interface LibraryField {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Select fields: a fixed list, or `departments` (filled from the studio's). */
  options?: ReadonlyArray<{ id: string; label: string }> | 'departments';
  placeholder?: string;
}

export const ENTITY_KINDS = [
  { id: 'Shot', label: 'Shot' },
  { id: 'Asset', label: 'Asset' },
  { id: 'Sequence', label: 'Sequence' },
  { id: 'Episode', label: 'Episode' },
] as const;

export interface LibraryDefinition {
  title: string;
  noun: string;
  intro: string;
  /** The API collection under /data/ that lists the rows, and the one that writes them. */
  listPath: string;
  writePath: string;
  fields: LibraryField[];
  defaults: Record<string, string>;
}

export const LIBRARIES: Record<StudioLibrary, LibraryDefinition> = {
  'task-types': {
    title: 'Task types',
    noun: 'task type',
    intro: 'The kinds of work the studio tracks. Productions pick theirs; each is one column of the shots or assets table.',
    listPath: '/data/task-types',
    writePath: '/data/task-types',
    fields: [
      { key: 'name', label: 'Name', kind: 'text', required: true, placeholder: 'Layout' },
      { key: 'short_name', label: 'Short name', kind: 'text', placeholder: 'LAY' },
      { key: 'color', label: 'Colour', kind: 'color' },
      { key: 'for_entity', label: 'For', kind: 'select', options: ENTITY_KINDS },
      { key: 'department_id', label: 'Department', kind: 'select', options: 'departments' },
      { key: 'priority', label: 'Priority (column order)', kind: 'number' },
    ],
    defaults: { name: '', short_name: '', color: '#4f46e5', for_entity: 'Shot', department_id: '', priority: '' },
  },
  'asset-types': {
    title: 'Asset types',
    noun: 'asset type',
    intro: 'The kinds of asset productions build: characters, props, sets, environments…',
    listPath: '/data/asset-types',
    writePath: '/data/entity-types',
    fields: [
      { key: 'name', label: 'Name', kind: 'text', required: true, placeholder: 'Character' },
      { key: 'short_name', label: 'Short name', kind: 'text', placeholder: 'CHR' },
      { key: 'description', label: 'Description', kind: 'text' },
    ],
    defaults: { name: '', short_name: '', description: '' },
  },
  departments: {
    title: 'Departments',
    noun: 'department',
    intro: "The studio's teams. A task type belongs to one; supervisors lead theirs.",
    listPath: '/data/departments',
    writePath: '/data/departments',
    fields: [
      { key: 'name', label: 'Name', kind: 'text', required: true, placeholder: 'Animation' },
      { key: 'color', label: 'Colour', kind: 'color' },
    ],
    defaults: { name: '', color: '#0ea5e9' },
  },
};

const HEX = /^#[0-9a-f]{6}$/i;

/** The form of an existing row: every field as text. */
export function formValuesOf(library: StudioLibrary, row: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of LIBRARIES[library].fields) {
    const value = row[field.key];
    values[field.key] = value === null || value === undefined ? LIBRARIES[library].defaults[field.key] ?? '' : String(value);
  }
  return values;
}

/**
 * Checks a library form and turns it into the API's fields: text trimmed (empty optional text is
 * null), colours as #rrggbb, numbers as integers, an empty select as null.
 */
export function toLibraryPayload(library: StudioLibrary, values: Record<string, string>): { payload: Record<string, unknown>; error: null } | { payload: null; error: string } {
  const payload: Record<string, unknown> = {};
  for (const field of LIBRARIES[library].fields) {
    // String(): Vue's v-model gives numbers for number inputs.
    const raw = String(values[field.key] ?? '').trim();
    if (field.required && !raw) return { payload: null, error: `Give the ${LIBRARIES[library].noun} a ${field.label.toLowerCase()}.` };
    if (field.kind === 'color') {
      if (!HEX.test(raw)) return { payload: null, error: `The colour is a hex value such as #4f46e5.` };
      payload[field.key] = raw.toLowerCase();
    } else if (field.kind === 'number') {
      if (raw && !/^-?\d+$/.test(raw)) return { payload: null, error: `${field.label} is a whole number.` };
      payload[field.key] = raw ? Number(raw) : null;
    } else {
      payload[field.key] = raw || null;
    }
  }
  return { payload, error: null };
}

/** A refused save in the studio's words: a taken name is the usual one. */
export function librarySaveError(library: StudioLibrary, message: string, name: string): string {
  if (/already exists|unique/i.test(message)) return `A ${LIBRARIES[library].noun} named ${name} already exists.`;
  return message;
}
