import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/http';
import type { Person } from '@/lib/api-types';
import * as api from '@/features/account/profile.api';
import { useProfileStore } from '@/features/account/profile.store';
import { localeChoices, timeZoneChoices } from '@/features/account/profile-options';
import { trapTab } from '@/features/shell/focus-trap';
import { setupStores } from './setup-stores';

vi.mock('@/features/account/profile.api');

describe('profile store', () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it('shows a new name at once and keeps the server’s answer', async () => {
    const { auth } = setupStores('user');
    auth.user = { ...auth.user!, first_name: 'Me', last_name: 'Myself' };
    let seenWhilePending: string | undefined;
    vi.mocked(api.updateProfile).mockImplementation(async () => {
      seenWhilePending = auth.user?.full_name;
      return { first_name: 'Alicia', last_name: 'Myself', full_name: 'Alicia Myself' } as Person;
    });
    expect(await useProfileStore().save('name', { first_name: 'Alicia' })).toBe(true);
    expect(seenWhilePending).toBe('Alicia Myself');
    expect(api.updateProfile).toHaveBeenCalledWith('me', { first_name: 'Alicia' });
    expect(auth.user).toMatchObject({ first_name: 'Alicia', full_name: 'Alicia Myself' });
    expect(useProfileStore().saved).toBe('name');
  });

  it('puts the old time zone back, with one message in the section, when the server refuses', async () => {
    const { auth } = setupStores('user');
    auth.user = { ...auth.user!, timezone: 'Europe/Paris' };
    vi.mocked(api.updateProfile).mockRejectedValue(new ApiError("You don't have permission to do this.", 403));
    const profile = useProfileStore();
    expect(await profile.save('region', { timezone: 'Asia/Tokyo' })).toBe(false);
    expect(auth.user?.timezone).toBe('Europe/Paris');
    expect(profile.errors).toEqual({ region: "You can't change this on your own account: ask an administrator." });
  });

  it('checks a new password before sending it, and says a wrong current one in words', async () => {
    setupStores('user');
    const profile = useProfileStore();
    expect(await profile.changePassword('old-one', 'new-passphrase', 'new-passphrse')).toBe(false);
    expect(profile.errors.password).toBe("Confirmation password doesn't match.");
    expect(await profile.changePassword('', 'new-passphrase', 'new-passphrase')).toBe(false);
    expect(profile.errors.password).toBe('Type your current password.');
    expect(api.changePassword).not.toHaveBeenCalled();
    vi.mocked(api.changePassword).mockRejectedValue(new ApiError('Old password is wrong.', 400));
    expect(await profile.changePassword('old-one', 'new-passphrase', 'new-passphrase')).toBe(false);
    expect(profile.errors.password).toBe('Your current password is not right.');
    vi.mocked(api.changePassword).mockResolvedValue({ success: true });
    expect(await profile.changePassword('old-one', 'new-passphrase', 'new-passphrase')).toBe(true);
    expect(api.changePassword).toHaveBeenLastCalledWith({ old_password: 'old-one', password: 'new-passphrase', password_2: 'new-passphrase' });
    expect(profile.errors.password).toBeUndefined();
  });

  it('refuses a file that is not a picture without uploading it', async () => {
    setupStores('user');
    const profile = useProfileStore();
    expect(await profile.uploadAvatar(new File(['hello'], 'notes.txt', { type: 'text/plain' }))).toBe(false);
    expect(api.uploadAvatar).not.toHaveBeenCalled();
    expect(profile.errors.avatar).toBe('Rushes cannot read this file as a picture: choose a PNG, JPEG or WebP image.');
  });
});

describe('profile choices', () => {
  it('keeps a stored zone or language the lists do not name, so that saving does not lose it', () => {
    expect(timeZoneChoices('Mars/Olympus_Mons')[0]).toBe('Mars/Olympus_Mons');
    expect(timeZoneChoices('UTC').filter((zone) => zone === 'UTC')).toHaveLength(1);
    expect(localeChoices('eo_EO')[0]).toEqual({ id: 'eo_EO', label: 'eo_EO' });
    expect(localeChoices('fr_FR').map((choice) => choice.id)).toContain('fr_FR');
  });
});

describe('drawer focus trap', () => {
  it('sends Tab from the last element to the first, and Shift+Tab the other way', () => {
    document.body.innerHTML = '<aside id="d"><a href="/a">A</a><button>B</button><button disabled>C</button></aside><button id="out">O</button>';
    const drawer = document.getElementById('d')!;
    // happy-dom lays nothing out: every element counts as shown.
    for (const element of drawer.querySelectorAll<HTMLElement>('a, button')) element.getClientRects = () => [{}] as unknown as DOMRectList;
    const [link, button] = [drawer.querySelector('a')!, drawer.querySelector('button')!];
    button.focus();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', cancelable: true });
    expect(trapTab(tab, drawer)).toBe(true);
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(link);
    expect(trapTab(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, cancelable: true }), drawer)).toBe(true);
    expect(document.activeElement).toBe(button);
    document.getElementById('out')!.focus();
    expect(trapTab(new KeyboardEvent('keydown', { key: 'Tab', cancelable: true }), drawer)).toBe(true);
    expect(document.activeElement).toBe(link);
    expect(trapTab(new KeyboardEvent('keydown', { key: 'Escape' }), drawer)).toBe(false);
  });
});
