import { afterEach, describe, expect, it, vi } from 'vitest';
import { logout } from '@/features/auth/auth.api';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('auth.api logout', () => {
  it('POSTs auth/logout with the session cookies: the server refuses a cookie GET logout from other sites', async () => {
    const fetch = vi.fn(async () => new Response('{"logout":true}', { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    await expect(logout()).resolves.toEqual({ logout: true });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/logout');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
  });

  it('does not retry through a refresh when the session is already gone (401)', async () => {
    const fetch = vi.fn(async () => new Response('{"msg":"Token has been revoked"}', { status: 401, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    await expect(logout()).rejects.toMatchObject({ status: 401 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
