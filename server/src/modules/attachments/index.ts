/** The attachments module: files attached to comments (§6.1, §6.3). */
export { attachmentRoutes as default } from './attachments.routes.ts';
