import { type ImportDataset, type Page } from '@app/contracts';
import { http } from './http';
import { uploadWithProgress, type UploadProgress } from './transfer';

// Not in @app/contracts yet: the shapes of apps/api/src/imports/dto/import.dto.ts.
export type ImportMode = 'all-or-nothing' | 'valid-rows';
export type ImportStatus = 'succeeded' | 'partial' | 'rejected' | 'failed';
export type ImportSource = 'upload' | 'inbox' | 'feed';
export const IMPORT_MODES: readonly ImportMode[] = ['all-or-nothing', 'valid-rows'];
export const IMPORT_STATUSES: readonly ImportStatus[] = ['succeeded', 'partial', 'rejected', 'failed'];

export interface ImportRowErrorDto {
  /** Row number as seen in Excel (the header is row 1). */
  row: number;
  /** Header as written in the file. */
  column: string;
  value: string;
  message: string;
  messageEn?: string;
  code?: string;
}

/** 201 of an import, and the body of the 422 that rejects one (all-or-nothing with bad rows). */
export interface ImportResult {
  batchId: string;
  dataset: ImportDataset;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportRowErrorDto[];
}

export interface ImportBatchSummary {
  id: string;
  dataset: ImportDataset;
  source: ImportSource;
  fileName: string | null;
  sha256: string | null;
  mode: ImportMode;
  status: ImportStatus;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorCount: number;
  /** Why the file was refused or the import failed ("中文 / English"). */
  message: string | null;
  createdBy: string | null;
  createdByName: string;
  createdByDivision: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface ImportBatchDetail extends ImportBatchSummary {
  /** The first 1,000 row errors. */
  errors: ImportRowErrorDto[];
  touchedDays: number;
}

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
