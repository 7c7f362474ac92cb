import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '@/lib/http';
import type { Person } from '@/lib/api-types';
import * as api from '@/features/people/people.api';
import { canResetTwoFactor, usePeopleStore } from '@/features/people/people.store';
import { useToastsStore } from '@/features/shell/toasts.store';

vi.mock('@/features/people/people.api');

const person = (changes: Partial<Person>): Person => ({ id: 'p1', full_name: 'Alice Artist', role: 'user', is_bot: false, totp_enabled: true, active: true, ...changes }) as Person;

describe('who an admin may reset the 2FA of (People page)', () => {
  it.each([
    ['an artist with TOTP on', person({}), true],
    ['a coordinator with TOTP on', person({ role: 'manager' }), true],
    ['someone without 2FA', person({ totp_enabled: false }), false],
    ['another admin (the server refuses it)', person({ role: 'admin' }), false],
    ['a bot', person({ is_bot: true }), false],
    ['the one looking, whose Account security page does it', person({ id: 'me' }), false],
  ])('%s: %s', (_label, target, allowed) => {
    expect(canResetTwoFactor(target, 'me')).toBe(allowed);
  });
});

describe('people store: resetTwoFactor', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setActivePinia(createPinia());
  });

  async function storeWith(persons: Person[]) {
    vi.mocked(api.fetchPersons).mockResolvedValue(persons);
    vi.mocked(api.fetchDepartments).mockResolvedValue([]);
    const store = usePeopleStore();
    await store.load();
    return store;
  }

  it('calls the admin reset route, marks only that person as without 2FA and confirms with a toast', async () => {
    const store = await storeWith([person({}), person({ id: 'p2', full_name: 'Bob Artist' })]);
    vi.mocked(api.resetTwoFactor).mockResolvedValue({ success: true });
    expect(await store.resetTwoFactor(store.persons[0])).toBe(true);
    expect(api.resetTwoFactor).toHaveBeenCalledWith('p1');
    expect(store.persons.map((entry) => entry.totp_enabled)).toEqual([false, true]);
    expect(useToastsStore().toasts.map((toast) => [toast.kind, toast.message])).toEqual([
      ['success', 'Two-factor authentication reset for Alice Artist: they sign in with their password alone until they set it up again.'],
    ]);
    expect(store.saving).toBeNull();
  });

  it("keeps the flag and shows the server's reason once when the reset is refused", async () => {
    const store = await storeWith([person({})]);
    vi.mocked(api.resetTwoFactor).mockRejectedValue(new ApiError("An admin can't disable 2FA for other admins.", 400, { message: "An admin can't disable 2FA for other admins." }));
    expect(await store.resetTwoFactor(store.persons[0])).toBe(false);
    expect(store.persons[0].totp_enabled).toBe(true);
    expect(useToastsStore().toasts.map((toast) => [toast.kind, toast.message])).toEqual([['error', "An admin can't disable 2FA for other admins."]]);
  });
});
