import { createPinia, setActivePinia } from 'pinia';
import type { UserContext } from '@/lib/api-types';
import { useProductionsStore } from '@/features/productions/productions.store';
import { useTaskStatusesStore } from '@/features/task-statuses/task-statuses.store';
import { useAuthStore } from '@/features/auth/auth.store';
import { ALL_STATUSES, capabilitiesFor, sessionUser, STATUS_ROWS } from './fixtures';

/** A fresh Pinia with a signed-in coordinator, a production p1 and its statuses loaded. */
export function setupStores(role = 'manager') {
  setActivePinia(createPinia());
  const auth = useAuthStore();
  auth.user = sessionUser({ id: 'me', email: 'me@studio', full_name: 'Me Myself', role });
  auth.state = 'authenticated';
  const productions = useProductionsStore();
  productions.context = {
    projects: [{ id: 'p1', type: 'Project', name: 'Demo', project_status_id: null, team: ['me'], asset_types: [], task_types: ['layout', 'anim'], task_statuses: [], descriptors: [], task_types_priority: { layout: 1, anim: 2 }, task_statuses_link: {} }],
    persons: [{ id: 'me', type: 'Person', full_name: 'Me Myself' }],
    task_types: [
      { id: 'layout', type: 'TaskType', name: 'Layout', for_entity: 'Shot', archived: false, priority: 1 },
      { id: 'anim', type: 'TaskType', name: 'Animation', for_entity: 'Shot', archived: false, priority: 2 },
    ],
    task_status: STATUS_ROWS.map((row) => ({ ...row, type: 'TaskStatus' as const })),
    asset_types: [], departments: [], studios: [], project_status: [], notification_count: 0, project_roles: {},
    custom_actions: [], status_automations: [], search_filters: [], search_filter_groups: [], preview_background_files: [], plugins: [],
    capabilities: { p1: capabilitiesFor(role) },
  } as unknown as UserContext;
  const statuses = useTaskStatusesStore();
  statuses.byProject = new Map([['p1', ALL_STATUSES]]);
  return { auth, productions, statuses };
}
