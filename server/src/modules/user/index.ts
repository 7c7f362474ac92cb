import type { FastifyPluginAsync } from 'fastify';
import { personTasksRoutes } from './person-tasks.routes.ts';
import { searchFiltersRoutes } from './search-filters.routes.ts';
import { taskSubscriptionsRoutes } from './task-subscriptions.routes.ts';
import { userNotificationsRoutes } from './user-notifications.routes.ts';
import { userScopeRoutes } from './user-scope.routes.ts';
import { userRoutes } from './user.routes.ts';

/** gazu.user views (`data/user/…`, person tokens only) and anyone's task list. Registered from modules/index.ts. */
const userModule: FastifyPluginAsync = async (app) => {
  await app.register(userRoutes);
  await app.register(userScopeRoutes);
  await app.register(userNotificationsRoutes);
  await app.register(taskSubscriptionsRoutes);
  await app.register(searchFiltersRoutes);
  await app.register(personTasksRoutes);
};
export default userModule;
