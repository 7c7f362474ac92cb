import {
  CustomActionRow, HardwareItemRow, PreviewBackgroundFileRow, StatusAutomationRow,
} from '../../../../../packages/contracts/src/models/index.ts';
import { errors } from '../../../platform/errors/index.ts';
import { admin } from '../crud.policy.ts';
import type { Collection, Policy, Row } from '../crud.types.ts';
import { clearDefaultBackground, statusAutomationInUse } from '../studio-settings.repository.ts';
import { adminPolicy, referencePolicy } from './policies.ts';

/** Studio-wide settings the Kitsu web client edits (#14). Zou keeps their single rows admin-only. */

/** Listed by everyone but vendors (Zou's block_access_to_vendor), each row and every write admin-only. */
const settingsPolicy: Policy = { list: 'not-vendor', read: admin, create: admin, update: admin, delete: admin };

export const hardwareItems: Collection = {
  name: 'hardware-items', table: 'hardware_item', typeName: 'HardwareItem', schema: HardwareItemRow, policy: adminPolicy,
};

/**
 * Zou refuses a custom action without a name with its own words, on create and on update. A blank name
 * is refused too: the body schema's coercion has already turned a JSON null into an empty string.
 */
const requireName = (values: Row) => {
  if (typeof values.name !== 'string' || values.name.trim() === '') throw errors.badRequest("The 'name' field is required and cannot be None.");
};

export const customActions: Collection = {
  name: 'custom-actions', table: 'custom_action', typeName: 'CustomAction', schema: CustomActionRow, policy: settingsPolicy,
  hooks: {
    async beforeCreate(_ctx, values) {
      requireName(values);
    },
    async beforeUpdate(_ctx, _current, changes) {
      if ('name' in changes) requireName(changes);
    },
  },
};

// Applying them when a task status changes is not done yet (#14): they are stored and listed.
export const statusAutomations: Collection = {
  name: 'status-automations', table: 'status_automation', typeName: 'StatusAutomation', schema: StatusAutomationRow,
  policy: settingsPolicy,
  hooks: {
    async beforeDelete(ctx, current) {
      if (await statusAutomationInUse(ctx.tx, String(current.id))) throw errors.badRequest('This automation is used in a project.');
    },
  },
};

/**
 * The environment images of the web client's 3D viewer (the image is uploaded separately). Everyone
 * reads them, admins maintain them; one is the default, and making another the default unsets it.
 */
export const previewBackgroundFiles: Collection = {
  name: 'preview-background-files', table: 'preview_background_file', typeName: 'PreviewBackgroundFile',
  schema: PreviewBackgroundFileRow, policy: referencePolicy,
  constraintErrors: {
    preview_background_file_name_key: () => errors.badRequest('A preview background file with similar name already exists'),
  },
  hooks: {
    async beforeCreate(ctx, values) {
      if (values.is_default === true) await clearDefaultBackground(ctx.tx, null);
    },
    async beforeUpdate(ctx, current, changes) {
      if (changes.is_default === true) await clearDefaultBackground(ctx.tx, String(current.id));
    },
  },
};
