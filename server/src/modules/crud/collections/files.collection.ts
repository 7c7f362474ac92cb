import { OutputFileRow, PreviewFileRow, WorkingFileRow } from '../../../../../packages/contracts/src/models/index.ts';
import { admin, all, member, notVendor, vendorAssigned } from '../crud.policy.ts';
import type { Collection } from '../crud.types.ts';

/** Previews, working and output files. Vendors see previews of their tasks only, and no file lists. */

export const previewFiles: Collection = {
  name: 'preview-files',
  table: 'preview_file',
  typeName: 'PreviewFile',
  schema: PreviewFileRow,
  project: { via: 'task', column: 'task_id' },
  policy: {
    list: { projects: 'member-open', vendors: { assignedTask: 'task_id' } },
    read: all(member, vendorAssigned({ task: 'task_id' })),
    create: admin,
    update: admin,
    delete: admin,
  },
  // Deleting a preview (managers of its project) clears what points at it and its stored files: modules/previews.
  servedElsewhere: ['delete'],
};

const fileListPolicy = {
  list: { projects: 'member-open', vendors: 'none' },
  read: all(member, notVendor),
  create: admin,
  update: admin,
  delete: admin,
} as const;

export const workingFiles: Collection = {
  name: 'working-files', table: 'working_file', typeName: 'WorkingFile', schema: WorkingFileRow,
  project: { via: 'task', column: 'task_id' }, policy: fileListPolicy,
};

export const outputFiles: Collection = {
  name: 'output-files', table: 'output_file', typeName: 'OutputFile', schema: OutputFileRow,
  project: { via: 'entity', column: 'entity_id' }, policy: fileListPolicy,
};
