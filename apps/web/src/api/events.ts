import {
  type EventAttachment,
  type EventDetail,
  type EventImportResult,
  type EventInput,
  type EventSortField,
  type EventStatus,
  type EventSummary,
  type EventType,
  type Page,
} from '@app/contracts';
import { API_BASE, ApiRequestError, http, toError } from './http';
import { useAuthStore } from '@/stores/auth';
import { t } from '@/locales';

export interface EventQuery {
  division?: string;
  type?: string;
  status?: EventStatus | '';
  from?: string;
  to?: string;
  q?: string;
  sort?: EventSortField;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export const getEventTypesApi = () => http.get<EventType[]>('/event-types');
export const getEventsApi = (query: EventQuery, signal?: AbortSignal) => http.get<Page<EventSummary>>('/events', { query: { ...query }, signal });
export const getEventApi = (id: string) => http.get<EventDetail>(`/events/${encodeURIComponent(id)}`);
export const createEventApi = (body: EventInput) => http.post<EventDetail>('/events', body);
export const updateEventApi = (id: string, body: EventInput) => http.patch<EventDetail>(`/events/${encodeURIComponent(id)}`, body);
export const deleteEventApi = (id: string) => http.delete<void>(`/events/${encodeURIComponent(id)}`);
export const submitEventApi = (id: string) => http.post<EventDetail>(`/events/${encodeURIComponent(id)}/submit`);
export const approveEventApi = (id: string) => http.post<EventDetail>(`/events/${encodeURIComponent(id)}/approve`);
export const returnEventApi = (id: string, reason: string) => http.post<EventDetail>(`/events/${encodeURIComponent(id)}/return`, { reason });
export const deleteAttachmentApi = (id: string, attachmentId: string) =>
  http.delete<void>(`/events/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`);

function bearer(): Record<string, string> {
  const token = useAuthStore().token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// The shared client's error reading (toError), so that an upload's refusal reads like any other error.
async function errorFrom(status: number, text: string): Promise<ApiRequestError> {
  if (status === 0) return new ApiRequestError({ kind: 'network', statusCode: 0, message: t('errors.network') });
  return toError(new Response(text, { status, headers: { 'Content-Type': 'application/json' } }));
}

/**
 * Multipart upload with progress (fetch cannot report upload progress): the same bearer token
 * and error shape as the shared client.
 */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress?: (percent: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    for (const [key, value] of Object.entries(bearer())) xhr.setRequestHeader(key, value);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      else void errorFrom(xhr.status, xhr.responseText).then(reject);
    };
    xhr.onerror = () => void errorFrom(0, '').then(reject);
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

export function uploadAttachmentApi(id: string, file: File, thumbnail: Blob | null, onProgress?: (percent: number) => void): Promise<EventAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (thumbnail) form.append('thumbnail', thumbnail, 'thumbnail.jpg');
  return uploadWithProgress<EventAttachment>(`/events/${encodeURIComponent(id)}/attachments`, form, onProgress);
}

export function importEventsApi(file: File, mode: 'all-or-nothing' | 'valid-rows', onProgress?: (percent: number) => void): Promise<EventImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('mode', mode);
  return uploadWithProgress<EventImportResult>('/events/import', form, onProgress);
}

/** A protected file (attachment, export) as a Blob: <img> and links cannot send the bearer token. */
export async function fetchBlobApi(path: string, query?: Record<string, string | undefined>): Promise<Blob> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v) params.set(k, v);
  const qs = params.toString();
  const res = await fetch(`${API_BASE}${path}${qs ? `?${qs}` : ''}`, { headers: bearer() });
  if (!res.ok) throw await toError(res);
  return res.blob();
}

export const attachmentBlobApi = (id: string, attachmentId: string, thumbnail: boolean) =>
  fetchBlobApi(`/events/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`, { thumbnail: thumbnail ? 'true' : undefined });

export const exportEventsApi = (query: EventQuery) =>
  fetchBlobApi('/events/export.xlsx', Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v === undefined || v === '' ? undefined : String(v)])));

/** Saves a Blob under a file name (the browser's download). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A Blob as a data: URL: the app's Content-Security-Policy allows `img-src 'self' data:`, not blob: URLs. */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** A small JPEG preview of a photo, made in the browser (the server has no image library). */
export async function makeThumbnail(file: File, maxSide = 480): Promise<Blob | null> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return null;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return await new Promise<Blob | null>((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/jpeg', 0.8));
  } catch {
    return null; // not decodable here: the server keeps the original, the page scales it
  }
}
