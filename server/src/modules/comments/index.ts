/** The comments module: the comment flow with its side effects (§6.1-6.4). */
export { commentRoutes as default } from './comments.routes.ts';
