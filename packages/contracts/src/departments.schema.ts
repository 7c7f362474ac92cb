import { Type, type Static } from 'typebox';
import * as Model from './models/index.ts';

/**
 * The software licences and hardware items of departments (#14; Zou's `data/departments/...`
 * routes): admins only.
 */
const open = { additionalProperties: true } as const;

export const DepartmentParams = Type.Object({ department_id: Type.String() });
export const DepartmentSoftwareParams = Type.Object({ department_id: Type.String(), software_id: Type.String() });
export const DepartmentHardwareItemParams = Type.Object({ department_id: Type.String(), hardware_item_id: Type.String() });

export const AddDepartmentSoftwareBody = Type.Object({ software_id: Type.String({ minLength: 1 }) }, open);
export type AddDepartmentSoftwareBody = Static<typeof AddDepartmentSoftwareBody>;
export const AddDepartmentHardwareItemBody = Type.Object({ hardware_item_id: Type.String({ minLength: 1 }) }, open);
export type AddDepartmentHardwareItemBody = Static<typeof AddDepartmentHardwareItemBody>;

export const SoftwareLicence = Type.Object({ ...Model.SoftwareRow.properties, type: Type.Literal('Software') });
export const HardwareItem = Type.Object({ ...Model.HardwareItemRow.properties, type: Type.Literal('HardwareItem') });
export const SoftwareLicenceList = Type.Array(SoftwareLicence);
export const HardwareItemList = Type.Array(HardwareItem);
/** Every department's items, keyed by department id (departments without any are left out, as Zou). */
export const SoftwareByDepartment = Type.Record(Type.String(), SoftwareLicenceList);
export const HardwareItemsByDepartment = Type.Record(Type.String(), HardwareItemList);

export const DepartmentSoftwareLink = Type.Object({ department_id: Type.String(), software_id: Type.String() });
export const DepartmentHardwareItemLink = Type.Object({ department_id: Type.String(), hardware_item_id: Type.String() });
