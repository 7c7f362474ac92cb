import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '@/lib/http';
import * as resetApi from '@/features/auth/password-reset.api';
import * as peopleApi from '@/features/people/people.api';
import { passwordProblem } from '@/features/auth/password-rules';
import ForgotPasswordView from '@/features/auth/views/ForgotPasswordView.vue';
import SetPasswordView from '@/features/auth/views/SetPasswordView.vue';
import LoginView from '@/features/auth/views/LoginView.vue';
import { usePeopleStore } from '@/features/people/people.store';
import { useToastsStore } from '@/features/shell/toasts.store';

vi.mock('@/features/auth/password-reset.api');
vi.mock('@/features/auth/auth.api');
vi.mock('@/features/people/people.api');

const TOKEN = 'a'.repeat(64);

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/forgot-password', component: ForgotPasswordView },
      { path: '/reset-password', component: SetPasswordView, props: { kind: 'reset' } },
      { path: '/invitation', component: SetPasswordView, props: { kind: 'invitation' } },
    ],
  });
  await router.push(path);
  const App = { template: '<RouterView />' };
  const wrapper = mount(App, { global: { plugins: [router] } });
  await flushPromises();
  return { wrapper, router };
}

beforeEach(() => {
  vi.resetAllMocks();
  setActivePinia(createPinia());
});

describe('passwordProblem', () => {
  it.each([
    ['', '', 'Choose a password.'],
    ['long-enough-1', 'long-enough-2', "Confirmation password doesn't match."],
    ['short', 'short', 'Password is too short.'],
    ['éééééééé', 'éééééééé', null],
  ])('%s / %s → %s', (password, confirmation, problem) => {
    expect(passwordProblem(password, confirmation)).toBe(problem);
  });
});

describe('the reset and invitation pages', () => {
  it('checks the rules before sending, then sends the link token and email and goes to login with a notice', async () => {
    vi.mocked(resetApi.resetPassword).mockResolvedValue({ success: true });
    const { wrapper, router } = await mountAt(`/reset-password?token=${TOKEN}&email=ada%2Bx%40studio.test`);
    expect(wrapper.text()).toContain('ada+x@studio.test');
    await wrapper.find('input[name=password]').setValue('new-passphrase');
    await wrapper.find('input[name=password2]').setValue('other-passphrase');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[role=alert]').text()).toBe("Confirmation password doesn't match.");
    expect(resetApi.resetPassword).not.toHaveBeenCalled();

    await wrapper.find('input[name=password2]').setValue('new-passphrase');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(resetApi.resetPassword).toHaveBeenCalledWith({ email: 'ada+x@studio.test', token: TOKEN, password: 'new-passphrase', password2: 'new-passphrase' });
    expect(router.currentRoute.value.fullPath).toBe('/login?notice=password-reset');
    expect(wrapper.find('[data-testid=login-notice]').text()).toBe('Your password has been changed. Log in with your new password.');
  });

  it("shows the server's answer to a spent or expired link", async () => {
    vi.mocked(resetApi.resetPassword).mockRejectedValue(new ApiError('Wrong or expired token.', 400));
    const { wrapper, router } = await mountAt(`/invitation?token=${TOKEN}&email=ada%40studio.test`);
    expect(wrapper.find('h1').text()).toBe('Welcome to Rushes');
    await wrapper.find('input[name=password]').setValue('new-passphrase');
    await wrapper.find('input[name=password2]').setValue('new-passphrase');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role=alert]').text()).toBe('Wrong or expired token.');
    expect(router.currentRoute.value.path).toBe('/invitation');
  });

  it('says so when the link lost its token', async () => {
    const { wrapper } = await mountAt('/reset-password?email=ada%40studio.test');
    expect(wrapper.find('input[name=password]').exists()).toBe(false);
    expect(wrapper.find('[role=alert]').text()).toContain('This link is incomplete');
  });
});

describe('the forgot-password page', () => {
  it('gives the same answer whatever the email, once the server has it', async () => {
    vi.mocked(resetApi.requestPasswordReset).mockResolvedValue({ success: 'Reset token sent' });
    const { wrapper } = await mountAt('/forgot-password');
    await wrapper.find('input[name=email]').setValue(' nobody@studio.test ');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(resetApi.requestPasswordReset).toHaveBeenCalledWith('nobody@studio.test');
    expect(wrapper.find('[role=status]').text()).toBe('If an account uses nobody@studio.test, a link to choose a new password is on its way. It works once, for 2 hours.');
  });

  it('shows the rate limit', async () => {
    vi.mocked(resetApi.requestPasswordReset).mockRejectedValue(new ApiError('Too many password reset requests, retry in 60 seconds.', 429));
    const { wrapper } = await mountAt('/forgot-password');
    await wrapper.find('input[name=email]').setValue('ada@studio.test');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role=alert]').text()).toBe('Too many password reset requests, retry in 60 seconds.');
  });

  it('is linked from the login page', async () => {
    const { wrapper, router } = await mountAt('/login');
    await wrapper.find('a[href="/forgot-password"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/forgot-password');
  });
});

describe('inviting from the People page', () => {
  const person = { id: 'p1', email: 'iris@studio.test', full_name: 'Iris West' };

  it('confirms with a toast', async () => {
    vi.mocked(peopleApi.invitePerson).mockResolvedValue({ success: true, message: 'Email sent' });
    expect(await usePeopleStore().invite(person)).toBe(true);
    expect(peopleApi.invitePerson).toHaveBeenCalledWith('p1');
    expect(useToastsStore().toasts.map((toast) => [toast.kind, toast.message])).toEqual([['success', 'Invitation sent to iris@studio.test.']]);
  });

  it("shows the server's refusal as one error toast", async () => {
    vi.mocked(peopleApi.invitePerson).mockRejectedValue(new ApiError('Inactive people cannot be invited.', 400));
    expect(await usePeopleStore().invite(person)).toBe(false);
    expect(useToastsStore().toasts.map((toast) => [toast.kind, toast.message])).toEqual([['error', 'Inactive people cannot be invited.']]);
  });
});
