import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError, errorMessageOf } from '@/lib/http';
import * as authApi from '@/features/auth/auth.api';
import * as accountApi from '@/features/account/account.api';
import { useAuthStore } from '@/features/auth/auth.store';
import { proofOf, twoFactorMessageOf, useAccountStore } from '@/features/account/account.store';
import SecondFactorStep from '@/features/auth/components/SecondFactorStep.vue';
import { sessionUser } from './fixtures';

vi.mock('@/features/auth/auth.api');
vi.mock('@/features/account/account.api');

const user = sessionUser({ id: 'u1', email: 'alice@studio', full_name: 'Alice', role: 'user' });
const missingOtp = new ApiError('Enter the code from your authenticator app.', 400, {
  error: true, login: false, missing_OTP: true, preferred_two_factor_authentication: 'totp', two_factor_authentication_enabled: ['recovery_code', 'totp'],
});

describe('login with two-step verification (auth store)', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setActivePinia(createPinia());
  });

  it('turns missing_OTP into a second step, without signing in', async () => {
    vi.mocked(authApi.login).mockRejectedValue(missingOtp);
    const auth = useAuthStore();
    expect(await auth.login('alice@studio', 'pw')).toEqual({ kind: 'second-factor', preferred: 'totp', methods: ['recovery_code', 'totp'] });
    expect(auth.state).not.toBe('authenticated');
  });

  it('sends the code with the password, and passes a wrong code on as a readable error', async () => {
    const auth = useAuthStore();
    const wrong = { error: true, login: false, wrong_OTP: true };
    vi.mocked(authApi.login).mockRejectedValue(new ApiError(errorMessageOf(wrong, 400), 400, wrong));
    await expect(auth.login('alice@studio', 'pw', { totp: '123456' })).rejects.toThrow(/Wrong code/);
    vi.mocked(authApi.login).mockResolvedValue({ login: true, access_token: 'a', refresh_token: 'r', user, organisation: null });
    expect(await auth.login('alice@studio', 'pw', { recovery_code: 'ABCDE12345' })).toEqual({ kind: 'signed-in' });
    expect(authApi.login).toHaveBeenLastCalledWith('alice@studio', 'pw', { recovery_code: 'ABCDE12345' });
    expect(auth.state).toBe('authenticated');
    expect(auth.twoFactorSetupRequired).toBe(false);
  });

  it('remembers an enforced setup from login and from the session, and forgets it at logout', async () => {
    const auth = useAuthStore();
    vi.mocked(authApi.login).mockResolvedValue({ login: true, access_token: 'a', refresh_token: 'r', user, organisation: null, two_factor_authentication_required: true });
    await auth.login('alice@studio', 'pw');
    expect(auth.twoFactorSetupRequired).toBe(true);
    vi.mocked(authApi.fetchSession).mockResolvedValue({ authenticated: true, user: { ...user, totp_enabled: true }, organisation: null });
    await auth.reloadSession();
    expect(auth.twoFactorSetupRequired).toBe(false);
    vi.mocked(authApi.login).mockResolvedValue({ login: true, access_token: 'a', refresh_token: 'r', user, organisation: null, two_factor_authentication_required: true });
    await auth.login('alice@studio', 'pw');
    vi.mocked(authApi.logout).mockResolvedValue({ logout: true });
    await auth.logout();
    expect(auth.twoFactorSetupRequired).toBe(false);
  });
});

describe('SecondFactorStep (login page)', () => {
  it('focuses a one-time-code field and sends 6 digits as totp', async () => {
    const wrapper = mount(SecondFactorStep, { props: { methods: ['recovery_code', 'totp'], busy: false, error: null }, attachTo: document.body });
    await flushPromises();
    const input = wrapper.get('[data-testid="otp-input"]');
    expect(input.attributes('autocomplete')).toBe('one-time-code');
    expect(input.attributes('inputmode')).toBe('numeric');
    expect(document.activeElement).toBe(input.element);
    await input.setValue('12345');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.get('[role="alert"]').text()).toMatch(/6 digits/);
    await input.setValue('123 456');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')?.[0]).toEqual([{ totp: '123456' }]);
    wrapper.unmount();
  });

  it('switches to a recovery code, upper-cased, and clears the field when the server refuses it', async () => {
    const wrapper = mount(SecondFactorStep, { props: { methods: ['recovery_code', 'totp'], busy: false, error: null }, attachTo: document.body });
    await wrapper.get('[data-testid="toggle-recovery"]').trigger('click');
    const input = wrapper.get('[data-testid="recovery-code-input"]');
    await input.setValue('abcde-12345');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')?.[0]).toEqual([{ recovery_code: 'ABCDE12345' }]);
    await wrapper.setProps({ error: 'Wrong code.' });
    await flushPromises();
    expect((input.element as HTMLInputElement).value).toBe('');
    expect(wrapper.get('[role="alert"]').text()).toBe('Wrong code.');
    wrapper.unmount();
  });

  it('offers no recovery-code switch when the account has none', () => {
    const wrapper = mount(SecondFactorStep, { props: { methods: ['totp'], busy: false, error: null } });
    expect(wrapper.find('[data-testid="toggle-recovery"]').exists()).toBe(false);
  });
});

describe('account store (security page)', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setActivePinia(createPinia());
  });

  it('reads 6 digits as a TOTP code and anything else as a recovery code', () => {
    expect(proofOf(' 123 456 ')).toEqual({ totp: '123456' });
    expect(proofOf('abcde-12345')).toEqual({ recovery_code: 'ABCDE12345' });
  });

  it('says a refused code in words', () => {
    expect(twoFactorMessageOf(new ApiError('Wrong OTP.', 400, { error: true, wrong_OTP: true, message: 'Wrong OTP.' }))).toMatch(/not right/);
    expect(twoFactorMessageOf(new ApiError('TOTP is already enabled.', 400, { error: true, message: 'TOTP is already enabled.' }))).toBe('TOTP is already enabled.');
  });

  it('enrols: QR code as a data URL, then the codes shown once and the session read again', async () => {
    vi.mocked(accountApi.startTotp).mockResolvedValue({ otp_secret: 'JBSWY3DPEHPK3PXP', totp_provisionning_uri: 'otpauth://totp/Rushes:alice%40studio?secret=JBSWY3DPEHPK3PXP&issuer=Rushes' });
    const codes = Array.from({ length: 16 }, (_, i) => `CODE${String(i).padStart(6, '0')}`);
    vi.mocked(accountApi.confirmTotp).mockResolvedValue({ otp_recovery_codes: codes, access_token: 'a', refresh_token: 'r' });
    vi.mocked(authApi.fetchSession).mockResolvedValue({ authenticated: true, user: { ...user, totp_enabled: true }, organisation: null });
    const account = useAccountStore();
    await account.startEnrolment();
    expect(account.pending?.secret).toBe('JBSWY3DPEHPK3PXP');
    expect(account.pending?.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(await account.confirmEnrolment('123 456')).toBe(true);
    expect(accountApi.confirmTotp).toHaveBeenCalledWith('123456');
    expect(account.freshCodes).toEqual(codes);
    expect(useAuthStore().user?.totp_enabled).toBe(true);
    account.codesSaved();
    expect(account.freshCodes).toBeNull();
  });

  it('keeps the pending secret and shows the error when the code is refused', async () => {
    vi.mocked(accountApi.startTotp).mockResolvedValue({ otp_secret: 'JBSWY3DPEHPK3PXP', totp_provisionning_uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' });
    vi.mocked(accountApi.confirmTotp).mockRejectedValue(new ApiError('Wrong OTP.', 400, { error: true, wrong_OTP: true }));
    const account = useAccountStore();
    await account.startEnrolment();
    expect(await account.confirmEnrolment('000000')).toBe(false);
    expect(account.pending).not.toBeNull();
    expect(account.error).toMatch(/not right/);
  });

  it('moves the admin switch at once and puts it back with the server\'s reason when refused', async () => {
    vi.mocked(accountApi.fetchTwoFactorPolicy).mockResolvedValue({ two_factor_authentication_required: false, enforced_by_server: false });
    const reason = 'Set up two-factor authentication on your own account before requiring it for everyone.';
    let settle: (value: never) => void = () => undefined;
    vi.mocked(accountApi.setTwoFactorPolicy).mockReturnValue(new Promise((_, reject) => { settle = () => reject(new ApiError(reason, 400, { error: true, message: reason })); }));
    const account = useAccountStore();
    await account.loadPolicy();
    const saving = account.setRequired(true);
    expect(account.policy?.two_factor_authentication_required).toBe(true);
    settle(undefined as never);
    await saving;
    expect(account.policy?.two_factor_authentication_required).toBe(false);
    expect(account.error).toBe(reason);
  });
});
