export * from './common.schema.ts';
export * from './media.schema.ts';
export * from './organizations.schema.ts';
export * from './catalog.schema.ts';
export * from './set-designs.schema.ts';
export * from './upload-tasks.schema.ts';
