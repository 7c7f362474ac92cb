import { Type, type Static } from 'typebox';

/** The event log as Zou serves it (`GET data/events/last`), newest first. */

export const LastEventsQuery = Type.Object({
  after: Type.Optional(Type.String({ description: 'only events after this date or date-time (UTC)' })),
  before: Type.Optional(Type.String({ description: 'only events before this date or date-time (UTC)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 100, description: 'at most 1000' })),
  only_files: Type.Optional(Type.Boolean({ default: false, description: 'only new preview files and thumbnails' })),
  project_id: Type.Optional(Type.String({ format: 'uuid' })),
  name: Type.Optional(Type.String({ description: 'one event name, e.g. task:update' })),
  cursor_event_id: Type.Optional(Type.String({ format: 'uuid', description: 'the last event of the previous page: older ones follow' })),
}, { additionalProperties: true });
export type LastEventsQuery = Static<typeof LastEventsQuery>;

export const LoggedEvent = Type.Object({
  id: Type.String(),
  created_at: Type.String(),
  name: Type.String(),
  user_id: Type.Union([Type.String(), Type.Null()]),
  project_id: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
});
export type LoggedEvent = Static<typeof LoggedEvent>;

export const LoggedEvents = Type.Array(LoggedEvent);
