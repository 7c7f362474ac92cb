import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/http';
import { uploadWithProgress } from '@/lib/upload';

/** An XMLHttpRequest that answers what the test scripts, reporting upload progress on the way. */
class ScriptedXhr {
  static answers: Array<{ status: number; body: string; progress?: number[] }> = [];
  static sent: Array<{ url: string; body: FormData }> = [];
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  private url = '';

  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  getResponseHeader(name: string) {
    return name === 'content-type' ? 'application/json; charset=utf-8' : null;
  }
  abort() {
    this.onabort?.();
  }
  send(body: FormData) {
    ScriptedXhr.sent.push({ url: this.url, body });
    const answer = ScriptedXhr.answers.shift();
    queueMicrotask(() => {
      if (!answer) return this.onerror?.();
      for (const loaded of answer.progress ?? []) this.upload.onprogress?.({ lengthComputable: true, loaded, total: 100 });
      this.status = answer.status;
      this.responseText = answer.body;
      this.onload?.();
    });
  }
}

describe('uploadWithProgress', () => {
  afterEach(() => {
    ScriptedXhr.answers = [];
    ScriptedXhr.sent = [];
    vi.unstubAllGlobals();
  });

  it('sends the file in the multipart field "file" and reports the share sent', async () => {
    vi.stubGlobal('XMLHttpRequest', ScriptedXhr);
    ScriptedXhr.answers.push({ status: 201, body: '{"id":"p1","status":"ready"}', progress: [10, 60, 100] });
    const seen: number[] = [];
    // A File: happy-dom's FormData drops the name given to a plain Blob (browsers keep it).
    const answer = await uploadWithProgress<{ id: string }>('/pictures/preview-files/p1', new File(['png'], 'v1.png'), 'v1.png', {
      query: { normalize: 'false' },
      onProgress: (fraction) => seen.push(fraction),
    });
    expect(answer).toEqual({ id: 'p1', status: 'ready' });
    expect(seen).toEqual([0.1, 0.6, 1]);
    expect(ScriptedXhr.sent[0]?.url).toBe('/api/pictures/preview-files/p1?normalize=false');
    expect((ScriptedXhr.sent[0]?.body.get('file') as File).name).toBe('v1.png');
  });

  it('turns a refusal into an ApiError with the server’s message and status', async () => {
    vi.stubGlobal('XMLHttpRequest', ScriptedXhr);
    ScriptedXhr.answers.push({ status: 413, body: '{"error":true,"message":"The uploaded file is larger than the 100 bytes allowed."}' });
    const failure = await uploadWithProgress('/pictures/preview-files/p1', new Blob(['x']), 'big.mov').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 413, message: 'The uploaded file is larger than the 100 bytes allowed.' });
  });

  it('refreshes an expired session once, then sends the file again', async () => {
    vi.stubGlobal('XMLHttpRequest', ScriptedXhr);
    // The access cookie has expired: the first check answers 401, the refresh works, the second check passes.
    let checks = 0;
    const json = (status: number) => new Response('{}', { status, headers: { 'content-type': 'application/json' } });
    const fetch = vi.fn(async (url: string) => (url.endsWith('/auth/authenticated') ? json(++checks === 1 ? 401 : 200) : json(200)));
    vi.stubGlobal('fetch', fetch);
    ScriptedXhr.answers.push({ status: 401, body: '{}' }, { status: 201, body: '{"id":"p1"}' });
    expect(await uploadWithProgress('/pictures/preview-files/p1', new Blob(['x']), 'v1.png')).toEqual({ id: 'p1' });
    expect(ScriptedXhr.sent).toHaveLength(2);
    expect(fetch.mock.calls.map((call) => call[0])).toEqual(['/api/auth/authenticated', '/api/auth/refresh-token', '/api/auth/authenticated']);
  });

  it('says the server could not be reached when the connection fails', async () => {
    vi.stubGlobal('XMLHttpRequest', ScriptedXhr);
    const failure = await uploadWithProgress('/pictures/preview-files/p1', new Blob(['x']), 'v1.png').catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 0, message: 'Cannot reach the Rushes server. Check your connection and try again.' });
  });
});
