// The one HTTP client of the web app: base URL, bearer token, JSON, and one error shape.
// Views and stores never call fetch directly; they call the typed functions in api/<resource>.ts.
import { type ApiError, type FieldError } from '@app/contracts';
import { i18n, t } from '@/locales';

export const API_BASE = (import.meta.env.VITE_API_BASE as string | undefined) ?? '/api/v1';
const TIMEOUT_MS = 30_000;

export type ErrorKind = 'http' | 'network' | 'timeout';

/** Every failed request rejects with this, whatever went wrong. */
/** What a failure is built from: the server's error body, or a network failure (which has no `code` from a server). */
type ApiRequestErrorInit = Omit<ApiError, 'code' | 'errors'> & {
  code?: string;
  errors?: FieldError[];
  kind: ErrorKind;
  retryAfterSeconds?: number;
  body?: Record<string, unknown>;
};

export class ApiRequestError extends Error {
  readonly statusCode: number;
  /** The server's stable error code (`NETWORK` / `TIMEOUT` when no server answered). */
  readonly code: string;
  readonly errors: FieldError[];
  readonly requestId?: string;
  readonly kind: ErrorKind;
  /** Seconds from the `Retry-After` header (429). */
  readonly retryAfterSeconds?: number;
  /** The parsed error body as sent (e.g. an import's per-row errors, which are not field errors). */
  readonly body?: Record<string, unknown>;

  constructor(init: ApiRequestErrorInit) {
    super(init.message);
    this.name = 'ApiRequestError';
    this.statusCode = init.statusCode;
    this.code = init.code ?? (init.kind === 'http' ? 'HTTP_' + init.statusCode : init.kind.toUpperCase());
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.kind = init.kind;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.body = init.body;
  }

  /** The server's message for one field, if it named that field. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
  }
}

export function isApiError(err: unknown): err is ApiRequestError {
  return err instanceof ApiRequestError;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * When false, a 401 is returned to the caller instead of ending the session
   * (sign-in itself, and changing one's password where 401 means "current password wrong").
   */
  sessionOn401?: boolean;
  /** 'blob' for file downloads (XLSX exports); JSON otherwise. */
  responseType?: 'json' | 'blob';
}

interface HttpHooks {
  getToken: () => string | null;
  onUnauthorized: () => void;
}

let hooks: HttpHooks = { getToken: () => null, onUnauthorized: () => undefined };

/** Wired once in main.ts to the auth store and the router. */
export function configureHttp(next: HttpHooks): void {
  hooks = next;
}

/** The same token and 401 handling for the requests `request` cannot make (api/transfer.ts: upload progress, files). */
export function sessionHooks(): Readonly<HttpHooks> {
  return hooks;
}

export function buildUrl(path: string, query?: Query): string {
  const url = `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function fallbackMessage(status: number): string {
  if (status === 403) return t('errors.forbidden');
  if (status === 404) return t('errors.notFound');
  if (status === 400 || status === 422) return t('errors.validation');
  if (status >= 500) return t('errors.server', { status });
  return t('errors.unknown');
}

/** The text of an error in the user's language: the API sends Chinese in `message` and English in `messageEn`. */
export function messageInLocale(message: unknown, messageEn: unknown): string {
  const english = !String(i18n.global.locale.value).startsWith('zh');
  if (english && typeof messageEn === 'string' && messageEn) return messageEn;
  return typeof message === 'string' ? message : typeof messageEn === 'string' ? messageEn : '';
}

export async function toError(res: Response): Promise<ApiRequestError> {
  let payload: Partial<ApiError> & { message?: unknown } = {};
  try {
    const text = await res.text();
    payload = text ? (JSON.parse(text) as typeof payload) : {};
  } catch {
    // A proxy's HTML error page or an empty body: fall through to the status-based message.
  }
  // Nest's default shape may carry `message: string[]`; keep the first readable line.
  const raw = Array.isArray(payload.message) ? payload.message.join('; ') : payload.message;
  // The error contract: a stable `code`, Chinese in `message`, English in `messageEn` (never one joined string).
  const message = typeof raw === 'string' && raw && res.status < 500 ? messageInLocale(raw, payload.messageEn) : fallbackMessage(res.status);
  const errors = Array.isArray(payload.errors)
    ? payload.errors
        .filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.message === 'string')
        .map((e) => ({ field: e.field, code: e.code, message: messageInLocale(e.message, e.messageEn) }))
    : [];
  return new ApiRequestError({
    kind: 'http',
    statusCode: res.status,
    message,
    errors,
    code: typeof payload.code === 'string' ? payload.code : undefined,
    requestId: payload.requestId ?? res.headers.get('x-request-id') ?? undefined,
    retryAfterSeconds: parseRetryAfter(res.headers.get('retry-after')),
    body: payload as Record<string, unknown>,
  });
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = hooks.getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    // multipart upload: the browser sets the Content-Type with its boundary.
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), { method, headers, body, signal });
  } catch (err) {
    // The caller's own abort is passed through untouched so it can be ignored.
    if (options.signal?.aborted) throw err;
    const timedOut = timeout.aborted;
    throw new ApiRequestError({
      kind: timedOut ? 'timeout' : 'network',
      statusCode: 0,
      message: timedOut ? t('errors.timeout') : t('errors.network'),
    });
  }

  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && token && options.sessionOn401 !== false) hooks.onUnauthorized();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  if (options.responseType === 'blob') return (await res.blob()) as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
