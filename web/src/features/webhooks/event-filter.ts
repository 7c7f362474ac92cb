/**
 * The event filter as an admin types it ("task:new, comment:*") and as the API takes it (a list).
 * The pattern is contracts/webhooks.schema.ts's EVENT_FILTER_PATTERN, repeated here because that
 * module loads TypeBox, which the web bundle does not need.
 */
const FILTER = /^(\*|[a-z0-9][a-z0-9-]*:(\*|[a-z0-9][a-z0-9-]*))$/;

export interface ParsedFilter {
  events: string[];
  /** A message in words when the text cannot be sent as it is. */
  error: string | null;
}

export function parseEventFilter(text: string): ParsedFilter {
  const events = [...new Set(text.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean))];
  if (events.length === 0) return { events, error: 'Name at least one event, e.g. task:new, or * for every event.' };
  const wrong = events.find((event) => !FILTER.test(event));
  if (wrong) return { events, error: `"${wrong}" is not an event name: write model:action (task:new), model:* (task:*) or *.` };
  if (events.length > 50) return { events, error: 'A webhook can list at most 50 events.' };
  return { events, error: null };
}

export const formatEventFilter = (events: readonly string[]): string => events.join(', ');

/** Suggestions shown under the field: the events studios most often send out. */
export const COMMON_EVENTS = ['task:new', 'task:status-changed', 'task:*', 'comment:new', 'preview-file:new', 'shot:new', 'asset:new', '*'] as const;
