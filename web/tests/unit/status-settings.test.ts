import { describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import StatusForm from '@/features/task-statuses/components/StatusForm.vue';
import { NEW_STATUS_FLAGS, shortNameProblem, type StatusFormValue } from '@/features/task-statuses/status-settings';
import { setupStores } from './setup-stores';
import * as api from '@/features/task-statuses/task-statuses.api';
import * as productionsApi from '@/features/productions/productions.api';
import { ALL_STATUSES } from './fixtures';

vi.mock('@/features/task-statuses/task-statuses.api');
vi.mock('@/features/productions/productions.api');

const taken = new Set(['todo', 'wip', 'blocked']);

describe('short codes', () => {
  it('accepts an empty code for a new status only, and refuses malformed or taken ones', () => {
    expect(shortNameProblem('', taken, false)).toBeNull();
    expect(shortNameProblem('  ', taken, true)).toBe('Give the status a short code.');
    expect(shortNameProblem('wfc-2', taken, true)).toBeNull();
    expect(shortNameProblem('way too long', taken, false)).toBe('A short code is 1 to 10 letters, digits, “_” or “-”.');
    expect(shortNameProblem('WIP', taken, false)).toBe('Another status already uses “WIP”.');
  });
});

describe('StatusForm', () => {
  const submitted = (wrapper: ReturnType<typeof mount>) => wrapper.emitted('submit') as Array<[StatusFormValue]> | undefined;

  it('starts a new status with the suggested colour and Zou’s default flags, and sends the flags ticked', async () => {
    const wrapper = mount(StatusForm, { props: { suggestedColor: '#EC4899', takenShortNames: taken, submitLabel: 'Add status', busy: false, withDefault: true } });
    expect((wrapper.find('input[name=status-color]').element as HTMLInputElement).value).toBe('#EC4899');
    expect((wrapper.find('[data-testid=flag-is_artist_allowed]').element as HTMLInputElement).checked).toBe(true);
    await wrapper.find('input[name=status-name]').setValue('Client review');
    await wrapper.find('[data-testid=flag-is_feedback_request]').setValue(true);
    await wrapper.find('[data-testid=flag-is_client_allowed]').setValue(true);
    await wrapper.find('form').trigger('submit');
    expect(submitted(wrapper)?.[0]?.[0]).toEqual({
      name: 'Client review', color: '#EC4899', isDefault: false, shortName: null,
      flags: { ...NEW_STATUS_FLAGS, is_feedback_request: true, is_client_allowed: true },
    });
  });

  it('does not submit a taken short code or an empty name, and says why', async () => {
    const wrapper = mount(StatusForm, { props: { takenShortNames: taken, submitLabel: 'Add status', busy: false } });
    await wrapper.find('form').trigger('submit');
    expect(wrapper.text()).toContain('Give the status a name.');
    await wrapper.find('input[name=status-name]').setValue('Blocked again');
    await wrapper.find('input[name=status-short-name]').setValue('Blocked');
    await wrapper.find('form').trigger('submit');
    expect(submitted(wrapper)).toBeUndefined();
    expect(wrapper.find('[role=alert]').text()).toBe('Another status already uses “Blocked”.');
  });

  it('edits an existing status’s code and flags', async () => {
    const initial = { name: 'Final', color: '#16A34A', shortName: 'final', flags: { ...NEW_STATUS_FLAGS } };
    const wrapper = mount(StatusForm, { props: { initial, takenShortNames: taken, submitLabel: 'Save', busy: false } });
    await wrapper.find('input[name=status-short-name]').setValue('fin');
    await wrapper.find('[data-testid=flag-is_done]').setValue(true);
    await wrapper.find('[data-testid=flag-is_artist_allowed]').setValue(false);
    await wrapper.find('form').trigger('submit');
    expect(submitted(wrapper)?.[0]?.[0]).toMatchObject({ shortName: 'fin', flags: { ...NEW_STATUS_FLAGS, is_done: true, is_artist_allowed: false } });
  });
});

describe('task statuses store: settings', () => {
  it('sends the short code and flags of a new status, leaving the code out when empty', async () => {
    const { statuses, productions } = setupStores();
    vi.mocked(api.createStatus).mockResolvedValue({ message: 'ok', status: null, all_statuses: ALL_STATUSES });
    vi.mocked(productionsApi.fetchContext).mockResolvedValue(productions.context!);
    vi.mocked(productionsApi.fetchProjects).mockResolvedValue([]);
    const flags = { ...NEW_STATUS_FLAGS, is_retake: true };
    await statuses.create('p1', { name: 'Redo', color: '#BE123C', isDefault: false, shortName: null, flags });
    expect(api.createStatus).toHaveBeenLastCalledWith('p1', { name: 'Redo', color: '#BE123C', is_default: false, ...flags });
    await statuses.create('p1', { name: 'Redo 2', color: '#BE123C', isDefault: true, shortName: 'rdo2', flags });
    expect(api.createStatus).toHaveBeenLastCalledWith('p1', { name: 'Redo 2', color: '#BE123C', is_default: true, ...flags, short_name: 'rdo2' });
  });
});
