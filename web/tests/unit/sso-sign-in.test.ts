import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '@/lib/http';
import SsoSignIn from '@/features/auth/components/SsoSignIn.vue';
import * as ssoApi from '@/features/auth/sso.api';
import type { ServerConfig } from '@/features/auth/sso.api';
import { ssoErrorMessage } from '@/features/auth/sso-messages';

vi.mock('@/features/auth/sso.api', async (original) => ({
  ...(await original<typeof import('@/features/auth/sso.api')>()),
  fetchServerConfig: vi.fn(),
}));

const serverConfig = (overrides: Partial<ServerConfig> = {}): ServerConfig => ({
  is_self_hosted: true, crisp_token: '', dark_theme_by_default: false, indexer_configured: false, saml_enabled: false,
  saml_idp_name: '', default_locale: 'en_US', default_timezone: 'Europe/Paris', oidc_enabled: true, oidc_label: 'Sign in with Okta',
  ...overrides,
});

async function mountAt(path: string, next = '/productions') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { template: '<div />' } }] });
  await router.push(path);
  const wrapper = mount(SsoSignIn, { props: { next }, global: { plugins: [router] } });
  await flushPromises();
  return wrapper;
}

describe('single sign-on on the login page', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setActivePinia(createPinia());
  });

  it('shows the provider\'s button, which starts the sign-in with the page to come back to', async () => {
    vi.mocked(ssoApi.fetchServerConfig).mockResolvedValue(serverConfig());
    const wrapper = await mountAt('/login', '/productions/p1/shots?x=1');
    const button = wrapper.get('[data-testid=sso-login]');
    expect(button.text()).toBe('Sign in with Okta');
    expect(button.attributes('href')).toBe('/api/auth/oidc/login?next=%2Fproductions%2Fp1%2Fshots%3Fx%3D1');
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
  });

  it('shows no button when SSO is off or the settings cannot be read', async () => {
    vi.mocked(ssoApi.fetchServerConfig).mockResolvedValue(serverConfig({ oidc_enabled: false, oidc_label: '' }));
    expect((await mountAt('/login')).find('[data-testid=sso-login]').exists()).toBe(false);
    setActivePinia(createPinia());
    vi.mocked(ssoApi.fetchServerConfig).mockRejectedValue(new ApiError('Server unreachable', 0));
    expect((await mountAt('/login')).find('[data-testid=sso-login]').exists()).toBe(false);
  });

  it('asks for the settings once however many times the login page is shown', async () => {
    vi.mocked(ssoApi.fetchServerConfig).mockResolvedValue(serverConfig());
    await mountAt('/login');
    await mountAt('/login');
    expect(ssoApi.fetchServerConfig).toHaveBeenCalledTimes(1);
  });

  it('says why the last single sign-on failed', async () => {
    vi.mocked(ssoApi.fetchServerConfig).mockResolvedValue(serverConfig());
    const wrapper = await mountAt('/login?sso_error=unknown_account');
    expect(wrapper.get('[role=alert]').text()).toBe('There is no Rushes account for this e-mail address. Ask your administrator to invite you.');
  });

  it('has a sentence for every code, a general one for codes it does not know, none without a code', () => {
    expect(ssoErrorMessage('inactive')).toMatch(/deactivated/);
    expect(ssoErrorMessage('state_mismatch')).toMatch(/expired or was already used/);
    expect(ssoErrorMessage('something_new')).toBe('Single sign-on failed. Try again, or log in with your password.');
    expect(ssoErrorMessage('<script>')).toBe('Single sign-on failed. Try again, or log in with your password.');
    expect(ssoErrorMessage(undefined)).toBeNull();
    expect(ssoErrorMessage(['a', 'b'])).toBeNull();
  });
});
