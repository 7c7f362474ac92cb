import { taskStatusesRoutes } from './task-statuses.routes.ts';

/** Per-project custom task statuses (seed 001). */
export default taskStatusesRoutes;
