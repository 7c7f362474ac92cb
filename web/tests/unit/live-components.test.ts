import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import type { UserContext } from '@/lib/api-types';
import LiveStatusBanner from '@/features/live/components/LiveStatusBanner.vue';
import NotificationBadge from '@/features/shell/components/NotificationBadge.vue';
import { useLiveStore } from '@/features/live/live.store';
import { setupStores } from './setup-stores';

describe('live status and notifications badge', () => {
  beforeEach(() => setupStores('user'));

  it('says live updates are paused only while the connection is lost, under an accessible name', async () => {
    const live = useLiveStore();
    live.status = 'live';
    const banner = mount(LiveStatusBanner);
    expect(banner.get('[role=status]').attributes('aria-label')).toBeUndefined();
    expect(banner.find('[data-testid=live-paused]').exists()).toBe(false);
    live.status = 'paused';
    await nextTick();
    expect(banner.get('[role=status]').attributes('aria-label')).toBe('Live updates paused — reconnecting…');
    expect(banner.get('[data-testid=live-paused]').text()).toBe('Live updates paused — reconnecting…');
    live.status = 'live';
    await nextTick();
    expect(banner.find('[data-testid=live-paused]').exists()).toBe(false);
  });

  it('counts the unread notifications of the context plus those arrived live, until the context is read again', async () => {
    const { productions } = setupStores('user');
    productions.context = { ...productions.context, notification_count: 2 } as UserContext;
    const live = useLiveStore();
    const badge = mount(NotificationBadge);
    expect(badge.get('[data-testid=notification-badge]').text()).toBe('2');
    live.notificationsArrived(1);
    await nextTick();
    expect(badge.get('[data-testid=notification-badge]').attributes('aria-label')).toBe('3 unread notifications');
    productions.context = { ...productions.context, notification_count: 0 } as UserContext;
    await nextTick();
    expect(badge.find('[data-testid=notification-badge]').exists()).toBe(false);
  });
});
