/** The file-trees module: bundled and custom project file trees, and guessing an entity from a path (§8.8). */
export { fileTreeRoutes as default } from './file-trees.routes.ts';
