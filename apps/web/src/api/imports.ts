import { type ImportBatchDetail, type ImportBatchSummary, type ImportDataset, type ImportMode, type ImportResult, type ImportStatus, type Page } from '@app/contracts';
import { http } from './http';
import { uploadWithProgress, type UploadProgress } from './transfer';

export {
  IMPORT_MODES,
  IMPORT_STATUSES,
  type ImportBatchDetail,
  type ImportBatchSummary,
  type ImportMode,
  type ImportResult,
  type ImportSource,
  type ImportStatus,
  type ImportRowError as ImportRowErrorDto,
} from '@app/contracts';

export interface CreateImportRequest {
  file: File;
  dataset: ImportDataset;
  mode: ImportMode;
  sheet?: string;
}

export interface ImportQuery {
  dataset?: ImportDataset;
  status?: ImportStatus;
  page?: number;
  pageSize?: number;
}

/** Resolves with the result of a written import; a rejected one throws ApiRequestError (422, body = ImportResult). */
export function createImportApi(body: CreateImportRequest, options: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {}) {
  const form = new FormData();
  form.append('dataset', body.dataset);
  form.append('mode', body.mode);
  if (body.sheet?.trim()) form.append('sheet', body.sheet.trim());
  // The file goes last so that the fields are read before the (possibly large) file.
  form.append('file', body.file, body.file.name);
  return uploadWithProgress<ImportResult>('/imports', form, options);
}

export const getImportsApi = (query: ImportQuery, signal?: AbortSignal) =>
  http.get<Page<ImportBatchSummary>>('/imports', { query: { ...query }, signal });

export const getImportApi = (id: string, signal?: AbortSignal) =>
  http.get<ImportBatchDetail>(`/imports/${encodeURIComponent(id)}`, { signal });

export const getImportTemplateApi = (dataset: ImportDataset, format: 'xlsx' | 'csv') =>
  http.get<Blob>(`/imports/templates/${encodeURIComponent(dataset)}`, { query: { format }, responseType: 'blob' });

/** The body of a 422 that rejected every row (all-or-nothing), if this error is one. */
export function rejectedImportOf(body: Record<string, unknown> | undefined): ImportResult | null {
  if (!body || body.code !== 'ROWS_REJECTED' || typeof body.batchId !== 'string' || !Array.isArray(body.errors)) return null;
  return body as unknown as ImportResult;
}
