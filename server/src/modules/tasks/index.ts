/** The tasks module: lookups, creation and assignment of tasks (§4.6). */
export { taskRoutes as default } from './tasks.routes.ts';
