import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Department, OpenProject, Person, Project, ProjectCapabilities, ProjectStatus, TaskStatusRow, TaskTypeRow, UserContext } from '@/lib/api-types';
import { NO_CAPABILITIES } from '@/features/tasks/task-permissions';
import { useAuthStore } from '@/features/auth/auth.store';
import * as api from './productions.api';

export interface AssetType {
  id: string;
  name: string;
}

export type EntityKind = 'Shot' | 'Asset';

const MANAGER_ROLES = new Set(['admin', 'manager']);

/**
 * The studio context (`data/user/context`): open productions, people, task types, task statuses and
 * asset types, loaded once after login and refreshed after settings change.
 */
export const useProductionsStore = defineStore('productions', () => {
  const context = shallowRef<UserContext | null>(null);
  const allProjects = shallowRef<Project[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let pending: Promise<void> | null = null;

  const openProjects = computed<OpenProject[]>(() => context.value?.projects ?? []);
  const taskTypes = computed(() => (context.value?.task_types ?? []) as unknown as TaskTypeRow[]);
  const taskStatuses = computed(() => (context.value?.task_status ?? []) as unknown as TaskStatusRow[]);
  const persons = computed(() => (context.value?.persons ?? []) as unknown as Person[]);
  const assetTypes = computed(() => (context.value?.asset_types ?? []) as unknown as AssetType[]);
  const departments = computed(() => (context.value?.departments ?? []) as unknown as Department[]);
  const projectStatuses = computed(() => (context.value?.project_status ?? []) as unknown as ProjectStatus[]);

  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  const taskTypesById = computed(() => byId(taskTypes.value));
  const statusesById = computed(() => byId(taskStatuses.value));
  const personsById = computed(() => byId(persons.value));
  const assetTypesById = computed(() => byId(assetTypes.value));
  const projectsById = computed(() => byId<{ id: string; name: string }>([...allProjects.value, ...openProjects.value]));

  function load(force = false): Promise<void> {
    if (context.value && !force) return Promise.resolve();
    pending ??= (async () => {
      loading.value = true;
      error.value = null;
      try {
        context.value = await api.fetchContext();
      } finally {
        loading.value = false;
        pending = null;
      }
    })();
    return pending;
  }

  async function loadAllProjects(): Promise<void> {
    allProjects.value = await api.fetchProjects();
  }

  const openProject = (projectId: string) => openProjects.value.find((project) => project.id === projectId);

  /** The task types a production uses for shots or assets, in its priority order (all of the kind when none is linked). */
  function taskTypesFor(projectId: string, kind: EntityKind): TaskTypeRow[] {
    const project = openProject(projectId);
    const ofKind = taskTypes.value.filter((type) => type.for_entity === kind && !type.archived);
    if (!project || project.task_types.length === 0) return ofKind;
    const linked = new Set(project.task_types);
    const priority = (type: TaskTypeRow) => project.task_types_priority[type.id] ?? type.priority ?? 999;
    return ofKind.filter((type) => linked.has(type.id)).sort((a, b) => priority(a) - priority(b) || a.name.localeCompare(b.name));
  }

  /** The caller's role in a production: as the API says it, else its per-project override, else the global role. */
  function roleIn(projectId: string): string {
    const capabilities = context.value?.capabilities?.[projectId];
    if (capabilities) return capabilities.role;
    const auth = useAuthStore();
    const role = auth.user?.role ?? 'user';
    if (role === 'admin') return role;
    return context.value?.project_roles[projectId] ?? role;
  }

  /**
   * What the caller may do in a production, as the API computed it (open productions). A closed one is
   * not in the context: coordinators keep their coordinator rights there, the others get nothing.
   */
  function capabilitiesIn(projectId: string): ProjectCapabilities {
    const capabilities = context.value?.capabilities?.[projectId];
    if (capabilities) return capabilities;
    const role = roleIn(projectId);
    if (!MANAGER_ROLES.has(role)) return { ...NO_CAPABILITIES, role };
    const settable = taskStatuses.value.filter((status) => status.project_id == null || status.project_id === projectId).map((status) => status.id);
    return { role, manage: true, act_on_all_tasks: true, supervises: 'all', assign_anyone: true, settable_task_status_ids: settable };
  }

  /** Coordinators (managers) and admins create tasks, edit statuses and move comments. */
  const canManage = (projectId: string) => capabilitiesIn(projectId).manage;

  const personName = (id: string) => personsById.value.get(id)?.full_name ?? 'Unknown person';

  function reset() {
    context.value = null;
    allProjects.value = [];
  }

  return {
    context, allProjects, loading, error, openProjects, taskTypes, taskStatuses, persons, assetTypes, departments, projectStatuses,
    taskTypesById, statusesById, personsById, assetTypesById, projectsById,
    load, loadAllProjects, openProject, taskTypesFor, roleIn, capabilitiesIn, canManage, personName, reset,
  };
});
