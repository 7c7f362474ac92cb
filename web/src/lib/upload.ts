/**
 * Multipart uploads that report their progress. lib/http (`postForm` included) goes through fetch,
 * whose request bodies say nothing about how much was sent; an XMLHttpRequest does
 * (`upload.onprogress`), which is what a progress bar on a 2 GB movie needs. Same cookies and the
 * same readable errors as lib/http.
 */
import { ApiError, apiUrl, errorMessageOf, http, parseResponseText, type Query } from './http';

export interface UploadOptions {
  /** The multipart field of the file (Zou's upload routes read `file`). */
  field?: string;
  query?: Query;
  /** 0 to 1, as the browser sends the body. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** One POST of the form; resolves with the status and parsed body whatever the status. */
function send(url: string, form: FormData, options: UploadOptions): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const abort = () => request.abort();
    const settle = () => options.signal?.removeEventListener('abort', abort);
    request.open('POST', url);
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(Math.min(1, event.loaded / event.total));
    };
    request.onload = () => {
      settle();
      resolve({ status: request.status, body: parseResponseText(request.responseText, request.getResponseHeader('content-type')) });
    };
    request.onerror = () => {
      settle();
      reject(new ApiError(errorMessageOf(null, 0), 0));
    };
    request.onabort = () => {
      settle();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    if (options.signal?.aborted) return reject(new DOMException('The upload was cancelled.', 'AbortError'));
    options.signal?.addEventListener('abort', abort);
    request.send(form);
  });
}

/**
 * Uploads `file` as multipart form data and returns the parsed answer; a failure is an `ApiError`
 * with a readable message. An expired access cookie is refreshed by one cheap call of the app's
 * client (which also handles a session that cannot be refreshed), then the upload is sent once more.
 */
export async function uploadWithProgress<T>(path: string, file: Blob, fileName: string, options: UploadOptions = {}): Promise<T> {
  const url = apiUrl(path, options.query);
  for (let attempt = 0; ; attempt += 1) {
    const form = new FormData();
    form.append(options.field ?? 'file', file, fileName);
    const { status, body } = await send(url, form, options);
    if (status >= 200 && status < 300) return body as T;
    if (status === 401 && attempt === 0) {
      await http.get('/auth/authenticated');
      continue;
    }
    throw new ApiError(errorMessageOf(body, status), status, body);
  }
}
