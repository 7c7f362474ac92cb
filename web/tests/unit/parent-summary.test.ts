import { describe, expect, it } from 'vitest';
import type { BreakdownEntity } from '@/features/breakdown-setup/breakdown-setup.api';
import { deletionWarning, summariseParents } from '@/features/breakdown-setup/parent-summary';

const entity = (id: string, parent: string | null = null): BreakdownEntity => ({
  id, name: id.toUpperCase(), parent_id: parent, entity_type_id: 't', description: null, nb_frames: null, data: null,
});
const shot = (sequence: string, taskCount: number) => ({ groupId: sequence, tasks: Object.fromEntries(Array.from({ length: taskCount }, (_, i) => [`tt${i}`, {}])) });

describe('what deleting an episode or a sequence takes with it', () => {
  const episodes = [entity('e01'), entity('e02')];
  const sequences = [entity('sq010', 'e01'), entity('sq020', 'e01'), entity('sq030')];
  const summary = summariseParents(episodes, sequences, [shot('sq010', 3), shot('sq010', 2), shot('sq020', 1), shot('sq030', 4)]);

  it('counts shots and tasks per sequence, and sequences, shots and tasks per episode', () => {
    expect(summary.get('sq010')).toEqual({ sequences: 0, shots: 2, tasks: 5 });
    expect(summary.get('e01')).toEqual({ sequences: 2, shots: 3, tasks: 6 });
    expect(summary.get('e02')).toEqual({ sequences: 0, shots: 0, tasks: 0 });
    expect(summary.get('sq030')).toEqual({ sequences: 0, shots: 1, tasks: 4 });
  });

  it('says it in words', () => {
    expect(deletionWarning('E02', summary.get('e02'))).toBe('E02 will be deleted. This cannot be undone.');
    expect(deletionWarning('E01', summary.get('e01'))).toBe('E01 will be deleted with its 2 sequences, 3 shots and 6 tasks, their comments and previews. This cannot be undone.');
    expect(deletionWarning('SQ030', { sequences: 0, shots: 1, tasks: 0 })).toBe('SQ030 will be deleted with its 1 shot. This cannot be undone.');
  });
});
