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
import { http } from './http';
import { uploadWithProgress, type UploadOptions } from './transfer';

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

/** The shared upload client's progress (api/transfer.ts) as a percentage. */
function percent(onProgress?: (percent: number) => void): UploadOptions['onProgress'] {
  return onProgress ? (p) => onProgress(p.total ? Math.round((p.loaded / p.total) * 100) : 0) : undefined;
}

export function uploadAttachmentApi(id: string, file: File, thumbnail: Blob | null, onProgress?: (percent: number) => void): Promise<EventAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (thumbnail) form.append('thumbnail', thumbnail, 'thumbnail.jpg');
  return uploadWithProgress<EventAttachment>(`/events/${encodeURIComponent(id)}/attachments`, form, { onProgress: percent(onProgress) });
}

export function importEventsApi(file: File, mode: 'all-or-nothing' | 'valid-rows', onProgress?: (percent: number) => void): Promise<EventImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('mode', mode);
  return uploadWithProgress<EventImportResult>('/events/import', form, { onProgress: percent(onProgress) });
}

// Protected files (an attachment, the export) come as Blobs through the one client: <img> and links cannot send
// the bearer token, and the client's 401 handling and error shape apply to downloads too.
export const attachmentBlobApi = (id: string, attachmentId: string, thumbnail: boolean) =>
  http.get<Blob>(`/events/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`, { query: { thumbnail: thumbnail ? 'true' : undefined }, responseType: 'blob' });

export const exportEventsApi = (query: EventQuery) => http.get<Blob>('/events/export.xlsx', { query: { ...query }, responseType: 'blob' });

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
