/**
 * The one HTTP client of the web app. It talks to the Rushes API under `/api` with the session cookies,
 * turns every failure into an `ApiError` whose `message` a person can read, refreshes an expired access
 * cookie once (the refresh cookie travels only to `/api/auth/refresh-token`) and, when the session
 * cannot be refreshed, tells the auth store so that it can send the user to the login page.
 */

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  /** JSON, or a FormData sent as multipart/form-data (the browser sets the type and its boundary). */
  body?: unknown;
  signal?: AbortSignal;
  /** Revalidate with the ETag of the last answer for this URL and reuse its body on 304. */
  revalidate?: boolean;
}

/** A file answered by the API (a CSV export...), with the name its Content-Disposition suggests. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string | null;
}

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` first, then `filename=…`). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*\s*=\s*(?:UTF-8'[^']*')?"?([^";]+)"?/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // Not percent-encoded after all: the plain parameter below.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
  return (plain?.[1] ?? plain?.[2])?.trim() || null;
}

/** A failed request: `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

function statusText(status: number): string {
  if (status === 0) return 'Cannot reach the Rushes server. Check your connection and try again.';
  if (status === 401) return 'Your session has expired. Please log in again.';
  if (status === 403) return "You don't have permission to do this.";
  if (status === 404) return 'Not found: it may have been deleted.';
  if (status === 409) return 'This conflicts with the current data. Reload and try again.';
  if (status === 413) return 'This is too large for the server.';
  if (status === 429) return 'Too many attempts. Wait a moment and try again.';
  if (status >= 500) return `The server ran into a problem (HTTP ${status}). Try again in a moment.`;
  return `The request failed (HTTP ${status}).`;
}

/**
 * A readable message from an error body: the studio routes send `{detail}`, the Zou-compatible ones
 * `{message}` (or `{msg}` for tokens), and a failed login `{login: false}` with flags.
 */
export function errorMessageOf(body: unknown, status: number): string {
  if (isRecord(body)) {
    if (body.login === false) {
      if (body.unactive) return 'This account is deactivated. Ask an administrator to reactivate it.';
      if (body.too_many_failed_login_attemps) return 'Too many failed attempts: wait a minute before trying again.';
      if (body.wrong_OTP) return 'Wrong code. Type the 6 digits your authenticator app shows now, or an unused recovery code.';
      if (body.missing_OTP) return 'Enter the code from your authenticator app.';
      return text(body.message) && body.message !== 'Login failed.' ? String(body.message) : 'Wrong email or password.';
    }
    const detail = body.detail;
    if (text(detail)) return cleanDetail(String(detail));
    if (Array.isArray(detail) && isRecord(detail[0]) && text(detail[0].msg)) return String(detail[0].msg);
    const message = text(body.message) ?? text(body.msg) ?? text(body.error);
    if (message) return message;
  }
  if (typeof body === 'string' && body.trim() !== '' && body.length < 300 && !body.trimStart().startsWith('<')) return body.trim();
  return statusText(status);
}

/** Pydantic-style details ("1 validation error for X\nfield\n  Value error, Msg") keep only their last line. */
function cleanDetail(detail: string): string {
  if (!detail.includes('validation error for')) return detail;
  const last = detail.trim().split('\n').pop() ?? detail;
  return last.replace(/^\s*Value error,\s*/, '').trim();
}

/** `<baseUrl><path>?<query>`, leaving out empty values. */
export function apiUrl(path: string, query: Query = {}, baseUrl = '/api'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

/** A response body: null when empty, parsed when its content type says JSON (the raw text if it is not), else the text. */
export function parseResponseText(raw: string, contentType: string | null): unknown {
  if (raw === '') return null;
  if (!(contentType ?? '').includes('json')) return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export interface HttpClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
}

type SessionExpiredHandler = () => void;

/** Routes whose 401 means "wrong credentials" or "no session", never "refresh and retry". */
const NO_REFRESH = ['/auth/login', '/auth/refresh-token', '/auth/logout'];

export function createHttpClient(options: HttpClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '/api';
  const doFetch = (input: string, init: RequestInit) => (options.fetch ?? globalThis.fetch)(input, init);
  const etags = new Map<string, { etag: string; body: unknown }>();
  let refreshing: Promise<boolean> | null = null;
  let onSessionExpired: SessionExpiredHandler = () => undefined;

  const urlOf = (path: string, query?: Query) => apiUrl(path, query, baseUrl);

  async function parseBody(response: Response): Promise<unknown> {
    if (response.status === 204) return null;
    return parseResponseText(await response.text(), response.headers.get('content-type'));
  }

  /** One refresh at a time: concurrent 401s wait for the same attempt. */
  function refreshSession(): Promise<boolean> {
    refreshing ??= doFetch(`${baseUrl}/auth/refresh-token`, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((response) => response.ok)
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  /** `asFile`: a successful answer is returned as a file instead of being parsed. */
  async function send(method: string, path: string, request: RequestOptions & { asFile?: boolean }, retried: boolean): Promise<unknown> {
    const url = urlOf(path, request.query);
    const headers: Record<string, string> = { accept: 'application/json' };
    const init: RequestInit = { method, credentials: 'same-origin', headers, signal: request.signal };
    if (request.body instanceof FormData) {
      init.body = request.body;
    } else if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(request.body);
    }
    const cached = method === 'GET' && request.revalidate ? etags.get(url) : undefined;
    if (cached) headers['if-none-match'] = cached.etag;
    let response: Response;
    try {
      response = await doFetch(url, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(statusText(0), 0);
    }
    if (response.status === 304 && cached) return cached.body;
    if (response.ok && request.asFile) {
      const file: DownloadedFile = { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
      return file;
    }
    const body = await parseBody(response);
    if (response.ok) {
      const etag = response.headers.get('etag');
      if (method === 'GET' && request.revalidate && etag) etags.set(url, { etag, body });
      return body;
    }
    if (response.status === 401 && !NO_REFRESH.some((route) => path.startsWith(route))) {
      if (!retried && (await refreshSession())) return send(method, path, request, true);
      onSessionExpired();
      throw new ApiError(statusText(401), 401, body);
    }
    throw new ApiError(errorMessageOf(body, response.status), response.status, body);
  }

  return {
    get: <T>(path: string, request: Omit<RequestOptions, 'body'> = {}) => send('GET', path, request, false) as Promise<T>,
    post: <T>(path: string, body?: unknown, request: RequestOptions = {}) => send('POST', path, { ...request, body: body ?? {} }, false) as Promise<T>,
    put: <T>(path: string, body: unknown, request: RequestOptions = {}) => send('PUT', path, { ...request, body }, false) as Promise<T>,
    patch: <T>(path: string, body: unknown, request: RequestOptions = {}) => send('PATCH', path, { ...request, body }, false) as Promise<T>,
    delete: <T>(path: string, request: RequestOptions = {}) => send('DELETE', path, request, false) as Promise<T>,
    /** Posts a multipart form (file uploads), with the same session handling and errors as JSON calls. */
    postForm: <T>(path: string, form: FormData, request: Omit<RequestOptions, 'body'> = {}) => send('POST', path, { ...request, body: form }, false) as Promise<T>,
    /** Gets a file (an export) as a Blob with its suggested name; failures are ApiErrors like any call's. */
    download: (path: string, request: Omit<RequestOptions, 'body' | 'revalidate'> = {}) => send('GET', path, { ...request, asFile: true }, false) as Promise<DownloadedFile>,
    /** Called when a request meets a session that can no longer be refreshed. */
    onSessionExpired(handler: SessionExpiredHandler) {
      onSessionExpired = handler;
    },
    /** Forgets the cached ETag answers (at logout: they belong to the previous user). */
    clearCache() {
      etags.clear();
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

/** The app's client. Features import it through their `*.api.ts` only. */
export const http = createHttpClient();

/** The message to show for anything thrown by an API call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
