// Uploads with progress. fetch cannot report upload progress, so this one request goes through
// XMLHttpRequest, with the same base URL, bearer token, 401 handling and error shape as http.ts.
import { ApiRequestError, buildUrl, sessionHooks, toError } from './http';
import { t } from '@/locales';

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send, when the browser knows it. */
  total: number | null;
  /** 'uploading' while bytes go out; 'processing' once they are all sent and the server works. */
  phase: 'uploading' | 'processing';
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** A big file takes a while to send and to check; default 10 minutes. */
  timeoutMs?: number;
}

/** POST a multipart form; resolves with the JSON body of a 2xx, rejects with ApiRequestError otherwise. */
export function uploadWithProgress<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const hooks = sessionHooks();
  const token = hooks.getToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.timeout = options.timeoutMs ?? 600_000;

    xhr.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : null, phase: 'uploading' });
    };
    xhr.upload.onload = () => {
      options.onProgress?.({ loaded: 1, total: 1, phase: 'processing' });
    };

    const onAbort = () => xhr.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => options.signal?.removeEventListener('abort', onAbort);

    xhr.onload = () => {
      done();
      void (async () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
          } catch {
            reject(new ApiRequestError({ kind: 'http', statusCode: xhr.status, message: t('errors.unknown') }));
          }
          return;
        }
        // The very normalisation http.ts applies to fetch responses.
        const headers = new Headers();
        for (const name of ['content-type', 'x-request-id', 'retry-after']) {
          const value = xhr.getResponseHeader(name);
          if (value) headers.set(name, value);
        }
        const error = await toError(new Response(xhr.responseText || null, { status: xhr.status, headers }));
        if (xhr.status === 401 && token) hooks.onUnauthorized();
        reject(error);
      })();
    };
    xhr.onerror = () => {
      done();
      reject(new ApiRequestError({ kind: 'network', statusCode: 0, message: t('errors.network') }));
    };
    xhr.ontimeout = () => {
      done();
      reject(new ApiRequestError({ kind: 'timeout', statusCode: 0, message: t('errors.timeout') }));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled', 'AbortError'));
    };

    if (options.signal?.aborted) {
      xhr.abort();
      return;
    }
    xhr.send(form);
  });
}
