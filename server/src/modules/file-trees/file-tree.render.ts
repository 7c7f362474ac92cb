import type { EntityKind } from '../breakdown/entity-kind.ts';

/**
 * Rendering a project's file tree templates into folder and file names (§8.8). Pure: the service
 * gathers what the tokens stand for (`PathContext`) and this module only renders.
 *
 * A template is text with tokens `<Token>` or `<Token.field>` (field ∈ name, short_name, number, id;
 * any other field means name). Each token value is slugified with `_` and styled (`lowercase`,
 * `uppercase`, anything else leaves the slug as it is), except ids, which stay verbatim. A file name
 * is then slugified as a whole (ids kept), so it is safe on every file system.
 */

export class MalformedFileTreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedFileTreeError';
  }
}

/** A row a token reads: its name, and the other fields a template may ask for. */
export interface Named {
  id: string;
  name: string;
  short_name?: string | null;
  number?: string | number | null;
}

export interface PathContext {
  project: Named;
  /** The entity the path is for, its kind, and its entity type ("Shot", "Character"...). */
  entity: Named & { kind: EntityKind };
  entityType: Named;
  /** For shots and scenes their parent; for a sequence itself. */
  sequence?: Named | null;
  /** The sequence's parent, or the episode itself. */
  episode?: Named | null;
  task?: Named | null;
  taskType?: Named | null;
  department?: Named | null;
  software?: Named | null;
  outputType?: Named | null;
  /** The `name` argument: <Name>, <OutputFile>, <WorkingFile>. */
  name: string;
  revision: number;
  representation: string;
}

export type FileTreeModeTemplates = {
  mountpoint: string;
  root: string;
  folder_path: Record<string, string>;
  file_name: Record<string, string>;
};

const ALLOWED_FIELDS = new Set(['name', 'short_name', 'number', 'id']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TOKEN = /<([\w.]*)>/g;

/** Slug as Zou's (python-slugify with `_`): ASCII, lower case, runs of other characters become one `_`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\d),(?=\d)/g, '$1')
    .replace(/[^-a-z0-9]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .replace(/-/g, '_');
}

export function applyStyle(text: string, style: string | undefined): string {
  if (style === 'uppercase') return text.toUpperCase();
  if (style === 'lowercase') return text.toLowerCase();
  return text;
}

function fieldOf(row: Named | null | undefined, field: string): string {
  if (!row) return '';
  if (field === 'id') return row.id;
  const value = field === 'short_name' ? row.short_name : field === 'number' ? row.number : row.name;
  return value === null || value === undefined || value === '' ? row.name : String(value);
}

/** The value a token stands for; an unknown token makes the tree malformed. */
export function tokenValue(token: string, field: string, context: PathContext): string {
  switch (token) {
    case 'Project':
      return fieldOf(context.project, field);
    case 'Task':
      return fieldOf(context.task, field);
    case 'TaskType':
      return fieldOf(context.taskType, field);
    case 'Department':
      return fieldOf(context.department, field);
    // Zou reads these on the entity whatever its kind: a shot template may say <Asset>.
    case 'Shot':
    case 'Asset':
    case 'Scene':
    case 'TemporalEntity':
      return fieldOf(context.entity, field);
    case 'AssetType':
      return fieldOf(context.entityType, field);
    case 'TemporalEntityType':
      return fieldOf(context.entityType, field).toLowerCase();
    case 'Sequence': {
      const name = fieldOf(context.sequence, field);
      // "Seq2" and "Seq02" land in the same folder: S + the number on three digits.
      return field !== 'id' && name.includes('Seq') ? `S${name.slice(3).padStart(3, '0')}` : name;
    }
    case 'Episode':
      return context.episode ? fieldOf(context.episode, field) : 'e001';
    case 'Software':
      return fieldOf(context.software, field);
    case 'OutputType':
      return fieldOf(context.outputType, field).toLowerCase();
    case 'Instance':
      return '';
    case 'Representation':
      return context.representation;
    case 'Name':
    case 'OutputFile':
    case 'WorkingFile':
      return context.name;
    case 'Version':
    case 'Revision':
      return String(context.revision).padStart(3, '0');
    default:
      throw new MalformedFileTreeError(`Unknown data type: ${token}.`);
  }
}

/** The tokens a template uses (to fetch only what it needs). */
export function tokensOf(template: string): string[] {
  return [...template.matchAll(TOKEN)].map((match) => (match[1] ?? '').split('.')[0] ?? '');
}

/** Replaces every token of `template` by its slugified, styled value (ids verbatim). */
export function renderTemplate(template: string, context: PathContext, style: string | undefined): string {
  return template.replace(TOKEN, (_whole, variable: string) => {
    const [token = '', requested] = variable.split('.');
    const field = requested && ALLOWED_FIELDS.has(requested) ? requested : 'name';
    const value = tokenValue(token, field, context);
    return field === 'id' ? value : applyStyle(slugify(value), style);
  });
}

/** The template key of an entity kind: `shot`, `asset`, `sequence`, `scene`, `episode`... */
export const templateKindOf = (kind: EntityKind): string => kind.toLowerCase();

export function modeOf(tree: unknown, mode: string): FileTreeModeTemplates {
  if (tree === null || tree === undefined || typeof tree !== 'object') {
    throw new MalformedFileTreeError('No tree can be found for given project.');
  }
  const value = (tree as Record<string, unknown>)[mode];
  if (!value || typeof value !== 'object') throw new MalformedFileTreeError(`Mode ${mode} cannot be found on given tree.`);
  const templates = value as Partial<FileTreeModeTemplates>;
  if (typeof templates.mountpoint !== 'string' || typeof templates.root !== 'string') {
    throw new MalformedFileTreeError(`Can't find given mode (${mode}) in given tree.`);
  }
  if (!isStringMap(templates.folder_path) || !isStringMap(templates.file_name)) {
    throw new MalformedFileTreeError(`The ${mode} mode of the tree has no folder_path or file_name templates.`);
  }
  return templates as FileTreeModeTemplates;
}

function isStringMap(value: unknown): value is Record<string, string> {
  return !!value && typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string');
}

function templateFor(section: Record<string, string>, kind: EntityKind, what: string): string {
  const template = section[templateKindOf(kind)];
  if (template === undefined) throw new MalformedFileTreeError(`The tree has no ${what} template for ${templateKindOf(kind)}.`);
  return template;
}

/** `<mountpoint><sep><root><sep>`, or `<mountpoint><sep>` without a root. */
export function rootPath(templates: FileTreeModeTemplates, sep: string): string {
  return templates.root ? `${templates.mountpoint}${sep}${templates.root}${sep}` : `${templates.mountpoint}${sep}`;
}

/** The folder: root, then the rendered folder template with `/` turned into `sep`. */
export function renderFolderPath(tree: unknown, mode: string, context: PathContext, sep: string): string {
  const templates = modeOf(tree, mode);
  const folder = renderTemplate(templateFor(templates.folder_path, context.entity.kind, 'folder'), context, templates.folder_path.style);
  const root = rootPath(templates, sep);
  const rendered = folder.split('/').join(sep);
  return rendered === '' ? root : `${root}${rendered}`;
}

/** The file name: rendered, slugified as a whole (ids kept), styled; `_[1-N]` for several elements. */
export function renderFileName(tree: unknown, mode: string, context: PathContext, nbElements = 1): string {
  const templates = modeOf(tree, mode);
  const style = templates.file_name.style;
  const rendered = renderTemplate(templateFor(templates.file_name, context.entity.kind, 'file name'), context, style);
  const ids = rendered.match(UUID) ?? [];
  let name = applyStyle(slugify(rendered), style);
  for (const id of ids) name = name.replace(applyStyle(slugify(id), style), id);
  return nbElements > 1 ? `${name}_[1-${nbElements}]` : name;
}
