import {
  DepartmentRow, FileStatusRow, OrganisationRow, OutputTypeRow, ProjectStatusRow, SoftwareRow, StudioRow,
} from '../../../../../packages/contracts/src/models/index.ts';
import type { Collection } from '../crud.types.ts';
import { referencePolicy } from './policies.ts';

/** Studio-wide lists that everyone reads and admins maintain. */

export const departments: Collection = {
  name: 'departments', table: 'department', typeName: 'Department', schema: DepartmentRow, policy: referencePolicy,
};

export const studios: Collection = {
  name: 'studios', table: 'studio', typeName: 'Studio', schema: StudioRow, policy: referencePolicy,
};

export const softwares: Collection = {
  name: 'softwares', table: 'software', typeName: 'Software', schema: SoftwareRow, policy: referencePolicy,
};

export const outputTypes: Collection = {
  name: 'output-types', table: 'output_type', typeName: 'OutputType', schema: OutputTypeRow, policy: referencePolicy,
};

export const fileStatus: Collection = {
  name: 'file-status', table: 'file_status', typeName: 'FileStatus', schema: FileStatusRow, policy: referencePolicy,
};

export const projectStatus: Collection = {
  name: 'project-status', table: 'project_status', typeName: 'ProjectStatus', schema: ProjectStatusRow, policy: referencePolicy,
};

/** The single organisation row; its chat tokens are admin-only (§2.2). */
export const organisations: Collection = {
  name: 'organisations', table: 'organisation', typeName: 'Organisation', schema: OrganisationRow, policy: referencePolicy,
  adminOnly: ['chat_token_slack', 'chat_webhook_mattermost', 'chat_token_discord'],
};
