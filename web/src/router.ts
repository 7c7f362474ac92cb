import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { useAuthStore } from '@/features/auth/auth.store';
import { useAssetsStore, useShotsStore } from '@/features/breakdown/breakdown.store';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the login page). */
    public?: boolean;
    title?: string;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('@/features/auth/views/LoginView.vue'), meta: { public: true, title: 'Log in' } },
    { path: '/forgot-password', name: 'forgot-password', component: () => import('@/features/auth/views/ForgotPasswordView.vue'), meta: { public: true, title: 'Forgot password' } },
    // The pages the e-mailed links open (the server builds them on RUSHES_PUBLIC_URL).
    { path: '/reset-password', name: 'reset-password', component: () => import('@/features/auth/views/SetPasswordView.vue'), props: { kind: 'reset' }, meta: { public: true, title: 'New password' } },
    { path: '/invitation', name: 'invitation', component: () => import('@/features/auth/views/SetPasswordView.vue'), props: { kind: 'invitation' }, meta: { public: true, title: 'Set your password' } },
    // Outside the shell: under 2FA enforcement it is the one page a person without 2FA may use.
    { path: '/account/security', name: 'account-security', component: () => import('@/features/account/views/AccountSecurityView.vue'), meta: { title: 'Account security' } },
    {
      path: '/',
      component: () => import('@/features/shell/components/AppShell.vue'),
      children: [
        { path: '', redirect: '/productions' },
        { path: 'productions', name: 'productions', component: () => import('@/features/productions/views/ProductionsView.vue'), meta: { title: 'Productions' } },
        { path: 'productions/:projectId', name: 'production', component: () => import('@/features/productions/views/ProductionHomeView.vue'), meta: { title: 'Overview' } },
        { path: 'productions/:projectId/shots', name: 'shots', component: () => import('@/features/breakdown/views/ShotsView.vue'), meta: { title: 'Shots' } },
        { path: 'productions/:projectId/assets', name: 'assets', component: () => import('@/features/breakdown/views/AssetsView.vue'), meta: { title: 'Assets' } },
        { path: 'productions/:projectId/schedule', name: 'schedule', component: () => import('@/features/schedule/views/ScheduleView.vue'), meta: { title: 'Schedule' } },
        { path: 'productions/:projectId/task-statuses', name: 'task-statuses', component: () => import('@/features/task-statuses/views/TaskStatusSettingsView.vue'), meta: { title: 'Task statuses' } },
        { path: 'productions/:projectId/settings', redirect: (to) => `/productions/${String(to.params.projectId)}/settings/task-types` },
        ...(['task-types', 'asset-types', 'task-statuses'] as const).map((section) => ({
          path: `productions/:projectId/settings/${section}`, name: `settings-${section}`, props: { section },
          component: () => import('@/features/production-settings/views/ProductionLibraryView.vue'), meta: { title: 'Production settings' },
        })),
        { path: 'productions/:projectId/settings/task-templates', name: 'settings-task-templates', component: () => import('@/features/production-settings/views/TaskTemplatesView.vue'), meta: { title: 'Task templates' } },
        ...(['task-types', 'asset-types', 'departments'] as const).map((library) => ({
          path: `studio/${library}`, name: `studio-${library}`, props: { library },
          component: () => import('@/features/studio-library/views/StudioLibraryView.vue'), meta: { title: 'Studio library' },
        })),
        { path: 'studio/webhooks', name: 'studio-webhooks', component: () => import('@/features/webhooks/views/WebhooksView.vue'), meta: { title: 'Webhooks' } },
        { path: 'productions/:projectId/playlists', name: 'playlists', component: () => import('@/features/review/views/PlaylistsView.vue'), meta: { title: 'Playlists' } },
        { path: 'productions/:projectId/playlists/:playlistId', name: 'review', component: () => import('@/features/review/views/ReviewView.vue'), meta: { title: 'Review' } },
        { path: 'productions/:projectId/team', name: 'team', component: () => import('@/features/people/views/TeamView.vue'), meta: { title: 'Team' } },
        { path: 'my-tasks', name: 'my-tasks', component: () => import('@/features/my-tasks/views/MyTasksView.vue'), meta: { title: 'My tasks' } },
        { path: 'set-designs', name: 'set-designs', component: () => import('@/features/set-designs/views/SetDesignsView.vue'), meta: { title: 'Set designs' } },
        { path: 'set-designs/:id', name: 'set-design', component: () => import('@/features/set-designs/views/SetDesignDetailView.vue'), meta: { title: 'Set design' } },
        { path: 'people', name: 'people', component: () => import('@/features/people/views/PeopleView.vue'), meta: { title: 'People' } },
        { path: 'account/profile', name: 'account-profile', component: () => import('@/features/account/views/ProfileView.vue'), meta: { title: 'Your profile' } },
        { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/features/shell/components/NotFoundView.vue'), meta: { title: 'Not found' } },
      ],
    },
  ],
});

/** Where to go after logging in: the page the user asked for, when it is one of ours. */
export function redirectTarget(route: RouteLocationNormalized): string {
  const target = route.query.redirect;
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : '/productions';
}

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  try {
    await auth.restore();
  } catch {
    // The server is unreachable: the login page says so when the user tries.
  }
  if (to.meta.public) return to.name === 'login' && auth.state === 'authenticated' ? redirectTarget(to) : true;
  if (auth.state !== 'authenticated') return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (auth.twoFactorSetupRequired && to.name !== 'account-security') return { name: 'account-security' };
  return true;
});

// The production tables' data is the longest wait: ask for it as soon as the route is known, while
// the studio context and the page's code are still loading.
router.beforeResolve((to) => {
  const projectId = typeof to.params.projectId === 'string' ? to.params.projectId : null;
  if (!projectId || useAuthStore().state !== 'authenticated') return;
  if (to.name === 'shots') void useShotsStore().load(projectId);
  if (to.name === 'assets') void useAssetsStore().load(projectId);
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · Rushes` : 'Rushes';
});
