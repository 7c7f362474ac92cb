import { describe, expect, it, vi } from 'vitest';
import { ApiError, createHttpClient, fileNameOf } from '@/lib/http';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const callsOf = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls as unknown as Array<[string, RequestInit]>;

describe('http client: files', () => {
  it('posts a multipart form as it is, leaving its content type to the browser', async () => {
    const fetch = vi.fn(async () => json(200, { dry_run: true }));
    const http = createHttpClient({ fetch });
    const form = new FormData();
    form.append('file', new File(['Sequence;Name\n'], 'shots.csv'));
    await expect(http.postForm('/import/csv/projects/p/shots', form, { query: { dry_run: true } })).resolves.toEqual({ dry_run: true });
    const [url, init] = callsOf(fetch)[0] as [string, RequestInit];
    expect(url).toBe('/api/import/csv/projects/p/shots?dry_run=true');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(form);
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).not.toHaveProperty('content-type');
  });

  it('retries an upload once after refreshing the session, with the same form', async () => {
    const responses = [json(401, { msg: 'Signature has expired' }), json(200, { refresh: true }), json(201, [{ id: 'x' }])];
    const fetch = vi.fn(async () => responses.shift() as Response);
    const http = createHttpClient({ fetch });
    const form = new FormData();
    await expect(http.postForm('/import/csv/projects/p/shots', form)).resolves.toEqual([{ id: 'x' }]);
    const calls = callsOf(fetch);
    expect(calls.map(([url]) => url)).toEqual(['/api/import/csv/projects/p/shots', '/api/auth/refresh-token', '/api/import/csv/projects/p/shots']);
    expect(calls[2]?.[1].body).toBe(form);
  });

  it('downloads a file with the name of its Content-Disposition', async () => {
    const csv = 'Project;Sequence;Name\r\nDemo;SQ01;SH010\r\n';
    const fetch = vi.fn(async () => new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename=kitsu_demo_shots.csv' } }));
    const http = createHttpClient({ fetch });
    const file = await http.download('/export/csv/projects/p/shots.csv');
    expect(file.fileName).toBe('kitsu_demo_shots.csv');
    expect(await file.blob.text()).toBe(csv);
  });

  it('fails a download with the server’s readable message', async () => {
    const http = createHttpClient({ fetch: vi.fn(async () => json(403, { error: true, message: 'Vendors cannot export' })) });
    const error = (await http.download('/export/csv/projects/p/shots.csv').catch((caught: unknown) => caught)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.message]).toEqual([403, 'Vendors cannot export']);
  });

  it('reads file names, quoted, plain or percent-encoded', () => {
    expect(fileNameOf('attachment; filename=kitsu_demo_shots.csv')).toBe('kitsu_demo_shots.csv');
    expect(fileNameOf('attachment; filename="my shots.csv"')).toBe('my shots.csv');
    expect(fileNameOf("attachment; filename=shots.csv; filename*=UTF-8''pl%C3%A2ns.csv")).toBe('plâns.csv');
    expect(fileNameOf('inline')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
