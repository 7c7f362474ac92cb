import { ApiEventRow } from '../../../../../packages/contracts/src/models/index.ts';
import type { Collection } from '../crud.types.ts';
import { adminPolicy } from './policies.ts';

/** The persisted event log: admins read it (newest first, at most 1000 rows without `page`). */
export const events: Collection = {
  name: 'events',
  table: 'api_event',
  typeName: 'ApiEvent',
  schema: ApiEventRow,
  readOnly: true,
  listCap: 1000,
  policy: adminPolicy,
};
