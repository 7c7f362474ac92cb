import { Type, type Static } from 'typebox';
import { DateTime, Json, Nullable, Uuid } from './columns.ts';

/** The persisted event log. */

export const ApiEventRow = Type.Object({
  id: Uuid(),
  created_at: DateTime(),
  updated_at: DateTime(),
  name: Type.String({ maxLength: 80 }),
  user_id: Nullable(Uuid()),
  project_id: Nullable(Uuid()),
  data: Json(),
});
export type ApiEvent = Static<typeof ApiEventRow>;

