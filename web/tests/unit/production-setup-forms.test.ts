import { describe, expect, it } from 'vitest';
import { emptyProductionForm, productionFormOf, productionSaveError, toProjectPayload } from '@/features/productions/production-form';
import { groupItems, nextPriority } from '@/features/production-settings/settings-model';
import { formValuesOf, librarySaveError, toLibraryPayload } from '@/features/studio-library/library-model';

describe('production form', () => {
  it('sends a TV series with its frame rate, resolution and dates, empty fields as null', () => {
    const form = { ...emptyProductionForm(), name: '  Night Harbour ', production_type: 'tvshow', fps: '25', resolution: '2048 x 858', start_date: '2027-01-04', end_date: '2027-09-30' };
    expect(toProjectPayload(form)).toEqual({
      payload: { name: 'Night Harbour', production_type: 'tvshow', fps: '25', resolution: '2048x858', start_date: '2027-01-04', end_date: '2027-09-30', description: null },
      error: null,
    });
  });

  it.each([
    [{ name: ' ' }, 'Give the production a name.'],
    [{ fps: 'fast' }, 'Frames per second is a number such as 24, 25 or 23.976.'],
    [{ fps: '0' }, 'Frames per second is a number such as 24, 25 or 23.976.'],
    [{ resolution: 'HD' }, 'The resolution is width × height in pixels, e.g. 1920x1080.'],
    [{ start_date: '2027-05-01', end_date: '2027-04-01' }, 'The end date comes before the start date.'],
  ])('refuses %o', (change, message) => {
    expect(toProjectPayload({ ...emptyProductionForm(), name: 'P', ...change })).toEqual({ payload: null, error: message });
  });

  it('shows an existing production and words a taken name', () => {
    expect(productionFormOf({ name: 'P', production_type: 'short', fps: null, start_date: '2027-01-01' })).toMatchObject({ name: 'P', production_type: 'short', fps: '', start_date: '2027-01-01', end_date: '' });
    expect(productionSaveError('A record with the same unique values already exists.', 400, 'P')).toBe('A production named P already exists.');
    expect(productionSaveError("You don't have permission to do this.", 403, 'P')).toBe("You don't have permission to do this.");
  });
});

describe('production settings model', () => {
  it('puts a newly added task type after the production has', () => {
    expect(nextPriority([])).toBe(1);
    expect(nextPriority([3, null, 1, undefined])).toBe(4);
  });

  it('groups task types by kind in the given order, names in natural order', () => {
    const groups = groupItems(
      [
        { id: '1', name: 'Rig', group: 'Asset' },
        { id: '2', name: 'Layout 10', group: 'Shot' },
        { id: '3', name: 'Layout 9', group: 'Shot' },
        { id: '4', name: 'Edit', group: 'Edit' },
      ],
      ['Shot', 'Asset'],
    );
    expect(groups.map((group) => [group.name, group.items.map((item) => item.name)])).toEqual([
      ['Shot', ['Layout 9', 'Layout 10']],
      ['Asset', ['Rig']],
      ['Edit', ['Edit']],
    ]);
  });
});

describe('studio library forms', () => {
  it('turns a task type form into the API fields', () => {
    const values = { name: ' Layout ', short_name: '', color: '#AABBCC', for_entity: 'Shot', department_id: '', priority: '2' };
    expect(toLibraryPayload('task-types', values)).toEqual({
      payload: { name: 'Layout', short_name: null, color: '#aabbcc', for_entity: 'Shot', department_id: null, priority: 2 },
      error: null,
    });
  });

  it('refuses a missing name, a colour that is not hex and a priority that is not whole', () => {
    expect(toLibraryPayload('departments', { name: '', color: '#000000' }).error).toBe('Give the department a name.');
    expect(toLibraryPayload('departments', { name: 'Anim', color: 'red' }).error).toBe('The colour is a hex value such as #4f46e5.');
    expect(toLibraryPayload('task-types', { name: 'L', color: '#000000', for_entity: 'Shot', priority: '1.5' }).error).toBe('Priority (column order) is a whole number.');
  });

  it('fills an edit form from a row, defaults where the row has null', () => {
    expect(formValuesOf('asset-types', { name: 'Prop', short_name: null, description: 'Things' })).toEqual({ name: 'Prop', short_name: '', description: 'Things' });
    expect(formValuesOf('task-types', { name: 'FX', priority: 3, color: '#112233', for_entity: 'Asset', department_id: null })).toMatchObject({ priority: '3', department_id: '' });
  });

  it('words a taken name', () => {
    expect(librarySaveError('task-types', 'A task type with this name already exists', 'Layout')).toBe('A task type named Layout already exists.');
  });
});
