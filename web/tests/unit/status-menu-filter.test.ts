import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import StatusMenu from '@/features/task-statuses/components/StatusMenu.vue';
import { statusOptions } from '@/features/task-statuses/status-model';
import { ALL_STATUSES, STATUS, STATUS_ROWS } from './fixtures';

const options = statusOptions(ALL_STATUSES, STATUS_ROWS);
const names = (wrapper: ReturnType<typeof mount>) => wrapper.findAll('button').map((button) => button.attributes('data-status'));

describe('StatusMenu type-to-filter', () => {
  it('narrows the list as letters are typed, focuses the first match, and Backspace widens it again', async () => {
    const wrapper = mount(StatusMenu, { props: { options, current: STATUS.todo }, attachTo: document.body });
    const menu = wrapper.find('[role=menu]');
    await menu.trigger('keydown', { key: 'r' });
    expect(names(wrapper)).toEqual(['Retake', 'Pending Review']);
    await menu.trigger('keydown', { key: 'e' });
    expect(names(wrapper)).toEqual(['Retake', 'Pending Review']);
    await menu.trigger('keydown', { key: 't' });
    expect(names(wrapper)).toEqual(['Retake']);
    expect(wrapper.find('[data-testid=status-filter]').text()).toContain('Matching “ret”');
    expect(document.activeElement?.getAttribute('data-status')).toBe('Retake');
    await menu.trigger('keydown', { key: 'x' });
    expect(names(wrapper)).toEqual([]);
    expect(wrapper.find('[data-testid=status-filter]').text()).toContain('No status matches “retx”');
    expect(document.activeElement).toBe(menu.element);
    await menu.trigger('keydown', { key: 'Backspace' });
    await menu.trigger('keydown', { key: 'Backspace' });
    await menu.trigger('keydown', { key: 'Backspace' });
    expect(names(wrapper)).toEqual(['Retake', 'Pending Review']);
    await wrapper.find('[data-status=Retake]').trigger('click');
    expect(wrapper.emitted('select')).toEqual([[STATUS.retake]]);
    wrapper.unmount();
  });

  it('matches short names from their start and takes a space inside a name, not as the first key', async () => {
    const wrapper = mount(StatusMenu, { props: { options }, attachTo: document.body });
    const menu = wrapper.find('[role=menu]');
    await menu.trigger('keydown', { key: ' ' });
    expect(names(wrapper)).toHaveLength(options.length);
    for (const key of 'in p') await menu.trigger('keydown', { key });
    expect(names(wrapper)).toEqual(['In Progress']);
    await menu.trigger('keydown', { key: 'Backspace' });
    await menu.trigger('keydown', { key: 'Backspace' });
    await menu.trigger('keydown', { key: 'Backspace' });
    await menu.trigger('keydown', { key: 'Backspace' });
    await menu.trigger('keydown', { key: 'w' });
    // By their short names, wip and wfa; not "Pending Review", whose w is inside a word.
    expect(names(wrapper)).toEqual(['In Progress', 'Submitted']);
    wrapper.unmount();
  });
});
