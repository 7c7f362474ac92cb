import { describe, expect, it } from 'vitest';
import { oidcFromEnv } from './oidc-config.ts';

const base = { RUSHES_OIDC_ISSUER: 'https://id.studio.example', RUSHES_OIDC_CLIENT_ID: 'rushes' };

describe('RUSHES_OIDC_* settings', () => {
  it('leaves SSO off without an issuer', () => {
    expect(oidcFromEnv({})).toBeUndefined();
    expect(oidcFromEnv({ RUSHES_OIDC_CLIENT_ID: 'rushes' })).toBeUndefined();
  });

  it('derives the callback from RUSHES_PUBLIC_URL, with defaults for the rest', () => {
    expect(oidcFromEnv({ ...base, RUSHES_PUBLIC_URL: 'https://rushes.studio.example/tracker/' })).toEqual({
      issuer: 'https://id.studio.example',
      clientId: 'rushes',
      clientSecret: undefined,
      redirectUrl: 'https://rushes.studio.example/tracker/api/auth/oidc/callback',
      autoProvision: false,
      defaultRole: 'user',
      label: 'Sign in with SSO',
    });
  });

  it('prefers an explicit redirect URL and reads the options', () => {
    const config = oidcFromEnv({
      ...base,
      RUSHES_OIDC_CLIENT_SECRET: 's3cret',
      RUSHES_OIDC_REDIRECT_URL: 'https://sso.studio.example/api/auth/oidc/callback',
      RUSHES_PUBLIC_URL: 'https://rushes.studio.example',
      RUSHES_OIDC_AUTO_PROVISION: 'true',
      RUSHES_OIDC_DEFAULT_ROLE: 'Vendor',
      RUSHES_OIDC_LABEL: 'Sign in with Okta',
    });
    expect(config).toMatchObject({
      clientSecret: 's3cret',
      redirectUrl: 'https://sso.studio.example/api/auth/oidc/callback',
      autoProvision: true,
      defaultRole: 'vendor',
      label: 'Sign in with Okta',
    });
  });

  it('refuses a half-done or dangerous setup at start-up', () => {
    const publicUrl = { RUSHES_PUBLIC_URL: 'https://rushes.studio.example' };
    expect(() => oidcFromEnv({ RUSHES_OIDC_ISSUER: 'https://id.studio.example', ...publicUrl })).toThrow(/RUSHES_OIDC_CLIENT_ID/);
    expect(() => oidcFromEnv(base)).toThrow(/RUSHES_OIDC_REDIRECT_URL/);
    expect(() => oidcFromEnv({ ...base, ...publicUrl, RUSHES_OIDC_ISSUER: 'id.studio.example' })).toThrow(/RUSHES_OIDC_ISSUER/);
    expect(() => oidcFromEnv({ ...base, ...publicUrl, RUSHES_OIDC_DEFAULT_ROLE: 'admin' })).toThrow(/RUSHES_OIDC_DEFAULT_ROLE/);
    expect(() => oidcFromEnv({ ...base, ...publicUrl, RUSHES_OIDC_DEFAULT_ROLE: 'wizard' })).toThrow(/RUSHES_OIDC_DEFAULT_ROLE/);
    expect(() => oidcFromEnv({ ...base, ...publicUrl, RUSHES_OIDC_AUTO_PROVISION: 'yes please' })).toThrow(/RUSHES_OIDC_AUTO_PROVISION/);
  });
});
