import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { TaskTypeRow } from '@/lib/api-types';
import { ApiError } from '@/lib/http';
import EntityTable from '@/features/breakdown/components/EntityTable.vue';
import { groupItems, sortRows, toShotRow } from '@/features/breakdown/breakdown-model';
import StatusMenu from '@/features/task-statuses/components/StatusMenu.vue';
import { statusOptions } from '@/features/task-statuses/status-model';
import LoginView from '@/features/auth/views/LoginView.vue';
import * as authApi from '@/features/auth/auth.api';
import { useDragReorder } from '@/composables/useDragReorder';
import { ALL_STATUSES, sessionUser, shot, STATUS, STATUS_ROWS, task } from './fixtures';

vi.mock('@/features/auth/auth.api');

const columns = [
  { id: 'layout', name: 'Layout', color: '#7C3AED' },
  { id: 'anim', name: 'Animation', color: '#2563EB' },
] as TaskTypeRow[];
const options = statusOptions(ALL_STATUSES, STATUS_ROWS);
const describeStatus = (id: string) => options.find((option) => option.id === id) ?? options[0]!;

function bigTable(count: number) {
  const rows = Array.from({ length: count }, (_, index) =>
    toShotRow(shot(`s${index}`, `SH${String(index * 10).padStart(5, '0')}`, `SQ${String(Math.floor(index / 50)).padStart(3, '0')}`, [task(`t${index}`, 'layout', STATUS.wip)])),
  );
  return groupItems(sortRows(rows, { key: 'name', direction: 1 }, new Map()), new Set());
}

function mountTable(count: number) {
  return mount(EntityTable, {
    props: {
      items: bigTable(count), columns, withFrames: true, describe: describeStatus, initials: () => 'AA', selection: new Set<string>(),
      sort: { key: 'name', direction: 1 }, canCreate: true, entityLabel: 'Shot',
    },
    attachTo: document.body,
  });
}

describe('EntityTable', () => {
  it('renders only the rows in view for 3,000 shots, with a spacer as tall as all of them', () => {
    const wrapper = mountTable(3000);
    const rendered = wrapper.findAll('[data-testid=entity-row]');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(80);
    expect(wrapper.find('.spacer').attributes('style')).toContain(`height: ${(3000 + 60) * 36}px`);
    wrapper.unmount();
  });

  it('shows each task as a status chip and empty cells as a place to create one', () => {
    const wrapper = mountTable(3);
    const first = wrapper.find('[data-testid=entity-row]');
    expect(first.find('[data-task-type=Layout]').text()).toContain('In Progress');
    expect(first.find('[data-task-type=Animation]').attributes('aria-label')).toBe('Animation of SH00000: no task');
    wrapper.unmount();
  });

  it('tells a plain click from Ctrl-click and Shift-click on a cell', async () => {
    const wrapper = mountTable(3);
    const cell = wrapper.find('[data-task-type=Layout]');
    await cell.trigger('click');
    await cell.trigger('click', { ctrlKey: true });
    await cell.trigger('click', { shiftKey: true });
    const events = wrapper.emitted('cell') as Array<[{ mode: string; cell: { entityId: string; taskTypeId: string } }]>;
    expect(events.map(([event]) => event.mode)).toEqual(['single', 'toggle', 'range']);
    expect(events[0]![0].cell).toEqual({ entityId: 's0', taskTypeId: 'layout' });
    wrapper.unmount();
  });

  it('asks for a sort when a column header is clicked', async () => {
    const wrapper = mountTable(3);
    await wrapper.find('[aria-sort]:not([aria-sort=none])').trigger('click');
    await wrapper.findAll('.task-head')[1]!.trigger('click');
    expect(wrapper.emitted('sort')).toEqual([['name'], ['task:anim']]);
    wrapper.unmount();
  });
});

describe('StatusMenu', () => {
  it('lists the production’s statuses, marks the current one and emits the picked one', async () => {
    const wrapper = mount(StatusMenu, { props: { options, current: STATUS.wip, disabled: (option) => !option.artistAllowed } });
    const buttons = wrapper.findAll('button');
    expect(buttons.map((button) => button.text().replace('✓', '').trim())).toEqual(options.map((option) => option.name));
    expect(wrapper.find('[aria-current=true]').text()).toContain('In Progress');
    expect(wrapper.find('[data-status=Approved]').attributes('disabled')).toBeDefined();
    await wrapper.find('[data-status=Submitted]').trigger('click');
    expect(wrapper.emitted('select')).toEqual([[STATUS.wfa]]);
  });
});

describe('LoginView', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setActivePinia(createPinia());
  });

  async function mountLogin(path: string) {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/login', name: 'login', component: LoginView },
        { path: '/:rest(.*)*', component: { template: '<div>page</div>' } },
      ],
    });
    await router.push(path);
    const wrapper = mount(LoginView, { global: { plugins: [router] } });
    return { wrapper, router };
  }

  it('shows why a login failed', async () => {
    vi.mocked(authApi.login).mockRejectedValue(new ApiError('Wrong email or password.', 400));
    const { wrapper } = await mountLogin('/login');
    await wrapper.find('input[name=email]').setValue('alice@studio');
    await wrapper.find('input[name=password]').setValue('nope');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role=alert]').text()).toBe('Wrong email or password.');
  });

  it('asks for both fields before calling the API', async () => {
    const { wrapper } = await mountLogin('/login');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[role=alert]').text()).toBe('Enter your email and your password.');
    expect(authApi.login).not.toHaveBeenCalled();
  });

  it('goes back to the page the user was on', async () => {
    vi.mocked(authApi.login).mockResolvedValue({
      login: true, access_token: 'a', refresh_token: 'r', organisation: null,
      user: sessionUser({ id: 'u', email: 'a@b.c', full_name: 'A', role: 'user' }),
    });
    const { wrapper, router } = await mountLogin('/login?redirect=/productions/p1/shots');
    await wrapper.find('input[name=email]').setValue('a@b.c');
    await wrapper.find('input[name=password]').setValue('secret-pass');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/productions/p1/shots');
  });
});

describe('useDragReorder', () => {
  const dragEvent = () => ({ preventDefault: vi.fn(), dataTransfer: { setData: vi.fn(), effectAllowed: '', dropEffect: '' } }) as unknown as DragEvent;

  it('moves the dragged item to where it is dropped', () => {
    const onMove = vi.fn();
    const drag = useDragReorder(onMove);
    drag.start(0, dragEvent());
    drag.enter(2, dragEvent());
    expect(drag.over.value).toBe(2);
    drag.drop(2, dragEvent());
    expect(onMove).toHaveBeenCalledWith(0, 2);
    expect(drag.dragging.value).toBeNull();
  });

  it('ignores a drop on the item itself', () => {
    const onMove = vi.fn();
    const drag = useDragReorder(onMove);
    drag.start(1, dragEvent());
    drag.drop(1, dragEvent());
    expect(onMove).not.toHaveBeenCalled();
  });
});
