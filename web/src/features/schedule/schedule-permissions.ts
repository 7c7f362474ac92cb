/** Why the API refused a new date, in the product's words. */
export function rescheduleRefusal(status: number, fallback: string): string {
  if (status === 403) return 'Only coordinators and the supervisors of its department change the dates of this task.';
  if (status === 404) return 'This task no longer exists: it may have been deleted. Reload the schedule.';
  if (status === 0) return 'Cannot reach the Rushes server, so the dates were not saved. Check your connection and try again.';
  return fallback;
}
