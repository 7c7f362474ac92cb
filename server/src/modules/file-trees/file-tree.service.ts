import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager, requireProjectMember } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { GuessFromPathBody, PathGuess } from '../../../../packages/contracts/src/files.schema.ts';
import { presentProject, type ProjectView } from '../projects/project.presenter.ts';
import { uuidOr404 } from '../../platform/http/uuid.ts';
import { loadBundledTree } from './file-tree.bundled.ts';
import { applyStyle, MalformedFileTreeError, modeOf, rootPath } from './file-tree.render.ts';
import {
  findByPathName,
  findEntityByPathName,
  findProjectTree,
  findTaskByPathName,
  setProjectFileTree,
} from './file-tree.repository.ts';

/**
 * `POST actions/projects/<id>/set-file-tree {tree_name}` (Gazu `set_project_file_tree`): gives the
 * project one of the bundled trees. Manager of the project; an unknown name is a 400.
 */
export async function setFileTree(actor: Actor, input: { projectId: string; treeName: string }, tx: Tx, events: DomainEvent[]): Promise<ProjectView> {
  const projectId = uuidOr404(input.projectId);
  await requireProjectManager(tx, actor, projectId);
  const tree = await loadBundledTree(input.treeName);
  if (!tree) throw errors.badRequest('Selected tree is not available');
  const before = await findProjectTree(tx, projectId);
  const project = await setProjectFileTree(tx, projectId, tree);
  if (!project) throw errors.notFound();
  await recordAudit(tx, {
    actorId: actor.id, action: 'set-file-tree', objectType: 'project', objectId: projectId, projectId,
    before: { file_tree: before?.file_tree ?? null }, after: { tree_name: input.treeName },
  });
  events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
  return presentProject(project);
}

/** Names as they appear in paths: case-insensitive, `_` and spaces alike. */
const sameName = (name: string, value: string) => name.toLowerCase().replace(/_/g, ' ') === value.toLowerCase().replace(/_/g, ' ');

const ELEMENT = /^(.*?)<(\w+)(?:\.\w+)?>(.*)$/;

/**
 * Lines up path elements with template elements: each template element with a token gives the
 * token's value (its literal prefix and suffix removed, `_` read as a space); a literal element must
 * be equal. Undefined when the path does not fit the template. The first occurrence of a token wins.
 */
export function extractTokens(elements: string[], templateElements: string[]): Map<string, string> | undefined {
  const tokens = new Map<string, string>();
  const count = Math.min(elements.length, templateElements.length);
  for (let i = 0; i < count; i += 1) {
    const element = elements[i] ?? '';
    const template = templateElements[i] ?? '';
    const match = ELEMENT.exec(template);
    if (!match) {
      if (template !== element) return undefined;
      continue;
    }
    const [, prefix = '', token = '', suffix = ''] = match;
    if (!element.startsWith(prefix) || !element.endsWith(suffix) || element.length < prefix.length + suffix.length) return undefined;
    const value = element.slice(prefix.length, element.length - suffix.length).replace(/_/g, ' ');
    if (!tokens.has(token)) tokens.set(token, value);
  }
  return tokens;
}

/** The id a token's value stands for, given the ids found before it in the path (`found`). */
async function resolveToken(db: Executor, project: { id: string; name: string }, token: string, value: string, found: PathGuess): Promise<string | undefined> {
  const projectId = found.Project;
  switch (token) {
    case 'Project':
      return sameName(project.name, value) ? project.id : undefined;
    case 'Episode':
      return projectId ? (await findEntityByPathName(db, { projectId, name: value, typeName: 'Episode' }))?.id : undefined;
    case 'Sequence':
      return projectId ? (await findEntityByPathName(db, { projectId, name: value, typeName: 'Sequence', parentId: found.Episode }))?.id : undefined;
    case 'Scene':
      return projectId ? (await findEntityByPathName(db, { projectId, name: value, typeName: 'Scene', parentId: found.Sequence }))?.id : undefined;
    case 'Shot':
      if (!projectId || !found.Sequence) return undefined;
      return (await findEntityByPathName(db, { projectId, name: value, typeName: 'Shot', parentId: found.Sequence }))?.id;
    case 'AssetType':
    case 'TemporalEntityType':
      return (await findByPathName(db, 'entity_type', value))?.id;
    case 'Asset':
      if (!projectId || !found.AssetType) return undefined;
      return (await findEntityByPathName(db, { projectId, name: value, typeId: found.AssetType }))?.id;
    case 'TemporalEntity':
      if (!projectId || !found.TemporalEntityType) return undefined;
      return (await findEntityByPathName(db, { projectId, name: value, typeId: found.TemporalEntityType }))?.id;
    case 'TaskType':
      return (await findByPathName(db, 'task_type', value))?.id;
    case 'Department':
      return (await findByPathName(db, 'department', value))?.id;
    case 'OutputType':
      return (await findByPathName(db, 'output_type', value))?.id;
    case 'Task': {
      const entityId = found.Scene ?? found.Asset ?? found.Shot;
      if (!projectId || !found.TaskType || !entityId) return undefined;
      return (await findTaskByPathName(db, { projectId, taskTypeId: found.TaskType, entityId, name: value }))?.id;
    }
    case 'Name':
    case 'Representation':
      return value;
    case 'Version':
    case 'Revision':
      return /^\d+$/.test(value) ? String(Number(value)) : undefined;
    default:
      return undefined;
  }
}

/**
 * `POST data/entities/guess-from-path {project_id, file_path, sep}`: the templates of the project's
 * tree a path fits, each with the ids of what its elements name (`Template`, `Project`, `Sequence`,
 * `Shot`, `TaskType`...). Elements are resolved left to right, each narrowed by those before it; a
 * path naming another production stops at the project.
 */
export async function guessFromPath(actor: Actor, input: GuessFromPathBody, db: Executor): Promise<PathGuess[]> {
  const projectId = uuidOr404(input.project_id);
  await requireProjectMember(db, actor, projectId);
  const project = await findProjectTree(db, projectId);
  if (!project) throw errors.notFound();
  const tree = project.file_tree;
  if (!tree || typeof tree !== 'object' || Array.isArray(tree)) return [];
  const sep = input.sep ?? '/';
  const matches: PathGuess[] = [];
  const seen = new Set<string>();
  for (const mode of Object.keys(tree)) {
    let templates;
    try {
      templates = modeOf(tree, mode);
    } catch (error) {
      if (error instanceof MalformedFileTreeError) continue;
      throw error;
    }
    const style = templates.folder_path.style;
    const root = applyStyle(rootPath(templates, sep), style);
    const path = applyStyle(input.file_path, style);
    if (!path.startsWith(root)) continue;
    const elements = path.slice(root.length).split(sep);
    for (const [kind, template] of Object.entries(templates.folder_path)) {
      if (kind === 'style') continue;
      const templateElements = template.split('/');
      const tokens = extractTokens(elements, templateElements);
      if (!tokens || tokens.size === 0) continue;
      const guess: PathGuess = { Template: kind };
      for (const element of templateElements) {
        const token = ELEMENT.exec(element)?.[2];
        const value = token === undefined ? undefined : tokens.get(token);
        if (token === undefined || value === undefined) continue;
        const id = await resolveToken(db, { id: project.id, name: project.name }, token, value, guess);
        if (id === undefined) break;
        guess[token] = id;
      }
      const key = JSON.stringify(guess);
      if (!seen.has(key)) {
        seen.add(key);
        matches.push(guess);
      }
    }
  }
  return matches;
}
