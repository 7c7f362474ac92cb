import { admin, anyone } from '../crud.policy.ts';
import type { Policy } from '../crud.types.ts';

/** Studio-wide reference data: everyone reads, admins write (§3.4, §5.3). */
export const referencePolicy: Policy = { list: 'anyone', read: anyone, create: admin, update: admin, delete: admin };

/** Collections without an override: admin only, listing included (§3.2). */
export const adminPolicy: Policy = { list: 'admin', read: admin, create: admin, update: admin, delete: admin };
