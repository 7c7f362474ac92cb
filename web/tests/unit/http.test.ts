import { describe, expect, it, vi } from 'vitest';
import { ApiError, createHttpClient, errorMessageOf } from '@/lib/http';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('errorMessageOf', () => {
  it('reads the studio routes’ detail, the Zou message and token msg', () => {
    expect(errorMessageOf({ detail: 'Shot not found', error: true, message: 'Shot not found' }, 404)).toBe('Shot not found');
    expect(errorMessageOf({ error: true, message: 'No more retakes allowed on this task' }, 400)).toBe('No more retakes allowed on this task');
    expect(errorMessageOf({ msg: 'Token has been revoked' }, 401)).toBe('Token has been revoked');
  });

  it('keeps the last line of a Pydantic-style detail', () => {
    const detail = '1 validation error for CustomTaskStatusReorder\nstatus_ids\n  Value error, Status IDs list contains duplicates';
    expect(errorMessageOf({ detail }, 422)).toBe('Status IDs list contains duplicates');
  });

  it('explains failed logins from their flags', () => {
    expect(errorMessageOf({ login: false }, 400)).toBe('Wrong email or password.');
    expect(errorMessageOf({ login: false, unactive: true }, 400)).toMatch(/deactivated/);
    expect(errorMessageOf({ login: false, too_many_failed_login_attemps: true }, 429)).toMatch(/Too many failed attempts/);
  });

  it('falls back on the status when the body says nothing readable', () => {
    expect(errorMessageOf('<html>oops</html>', 502)).toMatch(/server ran into a problem \(HTTP 502\)/);
    expect(errorMessageOf(null, 403)).toMatch(/permission/);
    expect(errorMessageOf({}, 404)).toMatch(/Not found/);
  });
});

describe('createHttpClient', () => {
  it('sends JSON with the session cookies and returns the parsed body', async () => {
    const fetch = vi.fn(async () => json(201, { id: 'x' }));
    const http = createHttpClient({ fetch });
    await expect(http.post('/actions/tasks/t/comment', { task_status_id: 's' }, { query: { a: 1, b: undefined } })).resolves.toEqual({ id: 'x' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/actions/tasks/t/comment?a=1');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"task_status_id":"s"}');
  });

  it('refreshes an expired access cookie once and retries the request', async () => {
    const responses = [json(401, { error: true, message: 'Signature has expired' }), json(200, { refresh: true }), json(200, [1, 2])];
    const fetch = vi.fn(async () => responses.shift() as Response);
    const expired = vi.fn();
    const http = createHttpClient({ fetch });
    http.onSessionExpired(expired);
    await expect(http.get('/data/user/tasks')).resolves.toEqual([1, 2]);
    expect(fetch.mock.calls.map((call) => (call as unknown as [string])[0])).toEqual(['/api/data/user/tasks', '/api/auth/refresh-token', '/api/data/user/tasks']);
    expect(expired).not.toHaveBeenCalled();
  });

  it('reports an unrefreshable session and fails with a readable 401', async () => {
    const fetch = vi.fn(async (input: RequestInfo | URL) => (String(input).includes('refresh') ? json(401, { msg: 'expired' }) : json(401, { msg: 'Signature has expired' })));
    const expired = vi.fn();
    const http = createHttpClient({ fetch });
    http.onSessionExpired(expired);
    const error = await http.get('/data/user/context').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toMatch(/session has expired/);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('shares one refresh between requests failing together', async () => {
    let refreshes = 0;
    let refreshed = false;
    const fetch = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.includes('refresh')) {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        refreshed = true;
        return json(200, { refresh: true });
      }
      return refreshed ? json(200, { ok: url }) : json(401, {});
    });
    const http = createHttpClient({ fetch });
    await Promise.all([http.get('/a'), http.get('/b'), http.get('/c')]);
    expect(refreshes).toBe(1);
  });

  it('never tries to refresh a failed login', async () => {
    const fetch = vi.fn(async () => json(400, { login: false }));
    const http = createHttpClient({ fetch });
    await expect(http.post('/auth/login', { email: 'a', password: 'b' })).rejects.toThrow('Wrong email or password.');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('revalidates with the last ETag and reuses the body on 304', async () => {
    const responses = [json(200, [{ id: 1 }], { etag: '"v1"' }), new Response(null, { status: 304 })];
    const fetch = vi.fn(async () => responses.shift() as Response);
    const http = createHttpClient({ fetch });
    expect(await http.get('/data/shots/with-tasks', { query: { project_id: 'p' }, revalidate: true })).toEqual([{ id: 1 }]);
    expect(await http.get('/data/shots/with-tasks', { query: { project_id: 'p' }, revalidate: true })).toEqual([{ id: 1 }]);
    const second = fetch.mock.calls[1] as unknown as [string, RequestInit];
    expect((second[1].headers as Record<string, string>)['if-none-match']).toBe('"v1"');
  });

  it('turns a network failure into status 0 with a message', async () => {
    const http = createHttpClient({ fetch: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    const error = (await http.get('/x').catch((caught: unknown) => caught)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/Cannot reach the Rushes server/);
  });
});
