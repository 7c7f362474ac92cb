import type { Actor } from '../../platform/auth/actor.ts';
import { requireProjectManager, requireProjectMember } from '../../platform/auth/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { errors } from '../../platform/errors/index.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { presentProject, type ProjectView, type TaskStatusView } from './project.presenter.ts';
import { getProjectRecord } from './project.repository.ts';
import {
  addSetting,
  projectPreviewBackgrounds,
  projectStatusAutomations,
  projectTaskStatuses,
  projectTaskTypes,
  removeSetting,
  settingTargetExists,
  type SettingList,
} from './settings.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'events'>;

const MODEL_NAMES: Record<SettingList, string> = {
  'asset-types': 'EntityType', 'task-types': 'TaskType', 'task-status': 'TaskStatus',
  'status-automations': 'StatusAutomation', 'preview-background-files': 'PreviewBackgroundFile',
};
const AUDIT_OBJECTS: Record<SettingList, string> = {
  'asset-types': 'asset_type', 'task-types': 'task_type', 'task-status': 'task_status',
  'status-automations': 'status_automation', 'preview-background-files': 'preview_background_file',
};

/**
 * `POST data/projects/<id>/settings/<asset-types|task-types|task-status|status-automations|preview-background-files>`
 * (Gazu `add_asset_type`, `add_task_type`, `add_task_status`, `add_status_automation`,
 * `add_preview_background_file`): manager of the project; 400 when the item does not exist.
 * Answers the project row and emits `project:update`.
 */
export async function addProjectSetting(
  deps: Deps, actor: Actor, projectId: string, list: SettingList, itemId: string, priority?: number | null,
): Promise<ProjectView> {
  await requireProjectManager(deps.db, actor, projectId);
  const id = itemId.toLowerCase();
  if (!isUuid(id) || !(await settingTargetExists(deps.db, list, id))) {
    throw errors.badRequest(`${MODEL_NAMES[list]} with id ${itemId} not found`);
  }
  return inTransaction(deps, async (tx, events) => {
    const added = await addSetting(tx, list, projectId, id, priority);
    events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
    if (added) {
      await recordAudit(tx, {
        actorId: actor.id, action: `add-${list}`, objectType: 'project', objectId: projectId, projectId,
        after: { [`${AUDIT_OBJECTS[list]}_id`]: id, ...(list === 'task-types' ? { priority: priority ?? null } : {}) },
      });
    }
    return presentProject(await getProjectRecord(tx, projectId));
  });
}

/** `DELETE data/projects/<id>/settings/<list>/<item_id>` (Gazu `remove_task_type`, `remove_task_status`). */
export async function removeProjectSetting(deps: Deps, actor: Actor, projectId: string, list: SettingList, itemId: string): Promise<void> {
  await requireProjectManager(deps.db, actor, projectId);
  await inTransaction(deps, async (tx, events) => {
    const removed = await removeSetting(tx, list, projectId, itemId);
    events.push({ name: 'project:update', data: {}, projectId, actorId: actor.id });
    if (removed) {
      await recordAudit(tx, {
        actorId: actor.id, action: `remove-${list}`, objectType: 'project', objectId: projectId, projectId,
        before: { [`${AUDIT_OBJECTS[list]}_id`]: itemId },
      });
    }
  });
}

/** `GET data/projects/<id>/settings/task-status` (Gazu `get_project_task_statuses`): team member. */
export async function listProjectTaskStatuses(deps: Deps, actor: Actor, projectId: string): Promise<TaskStatusView[]> {
  await requireProjectMember(deps.db, actor, projectId);
  return projectTaskStatuses(deps.db, projectId);
}

/** `GET data/projects/<id>/task-types` (Gazu `all_task_types_for_project`): team member. */
export async function listProjectTaskTypes(deps: Deps, actor: Actor, projectId: string) {
  await requireProjectMember(deps.db, actor, projectId);
  return projectTaskTypes(deps.db, projectId);
}

/** `GET data/projects/<id>/settings/status-automations` (Gazu `all_status_automations`): manager of the project, as Zou. */
export async function listProjectStatusAutomations(deps: Deps, actor: Actor, projectId: string) {
  await requireProjectManager(deps.db, actor, projectId);
  return projectStatusAutomations(deps.db, projectId);
}

/** `GET data/projects/<id>/settings/preview-background-files` (Gazu `get_preview_background_files`): team member. */
export async function listProjectPreviewBackgrounds(deps: Deps, actor: Actor, projectId: string) {
  await requireProjectMember(deps.db, actor, projectId);
  return projectPreviewBackgrounds(deps.db, projectId);
}
