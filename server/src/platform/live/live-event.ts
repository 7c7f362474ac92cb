/** One event as the live stream handles it: an api_event row, or a transient event published without one. */
export interface LiveEvent {
  id?: string;
  name: string;
  data: Record<string, unknown>;
  projectId: string | null;
  actorId: string | null;
}

/**
 * What a client receives, as Zou sends it: the event's data with its `project_id`, plus the api_event
 * `id` (Zou's handlers get it under the same key) so that a client can resume from it.
 */
export function livePayload(event: LiveEvent): Record<string, unknown> {
  return {
    ...event.data,
    ...(event.projectId ? { project_id: event.projectId } : {}),
    ...(event.id ? { id: event.id } : {}),
  };
}
