import type { BreakdownEntity } from './breakdown-setup.api';

/** What deleting an episode or a sequence takes with it, counted from the shots table's rows. */
export interface ParentSummary {
  sequences: number;
  shots: number;
  tasks: number;
}

interface ShotRowLike {
  groupId: string;
  tasks: Record<string, unknown>;
}

/** Shots and tasks under each sequence, and sequences, shots and tasks under each episode. */
export function summariseParents(
  episodes: readonly BreakdownEntity[],
  sequences: readonly BreakdownEntity[],
  shots: readonly ShotRowLike[],
): Map<string, ParentSummary> {
  const summary = new Map<string, ParentSummary>();
  const entry = (id: string) => {
    let found = summary.get(id);
    if (!found) summary.set(id, (found = { sequences: 0, shots: 0, tasks: 0 }));
    return found;
  };
  for (const episode of episodes) entry(episode.id);
  const episodeOf = new Map(sequences.map((sequence) => [sequence.id, sequence.parent_id]));
  for (const sequence of sequences) {
    entry(sequence.id);
    if (sequence.parent_id) entry(sequence.parent_id).sequences += 1;
  }
  for (const shot of shots) {
    const tasks = Object.keys(shot.tasks).length;
    for (const id of [shot.groupId, episodeOf.get(shot.groupId)]) {
      if (!id) continue;
      const counts = entry(id);
      counts.shots += 1;
      counts.tasks += tasks;
    }
  }
  return summary;
}

/** "SQ010 will be deleted with its 12 shots and 48 tasks" — the confirmation's words. */
export function deletionWarning(name: string, counts: ParentSummary | undefined): string {
  const parts: string[] = [];
  const add = (count: number, noun: string) => {
    if (count > 0) parts.push(`${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`);
  };
  add(counts?.sequences ?? 0, 'sequence');
  add(counts?.shots ?? 0, 'shot');
  add(counts?.tasks ?? 0, 'task');
  const what = parts.length === 0 ? '' : parts.length === 1 ? ` with its ${parts[0]}` : ` with its ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${name} will be deleted${what}${counts && counts.tasks > 0 ? ', their comments and previews' : ''}. This cannot be undone.`;
}
