// Platform imports (POST /api/v1/imports and its history), shared by the api and the web app.
import type { ImportDataset } from './platform.js';

export type ImportMode = 'all-or-nothing' | 'valid-rows';
export type ImportStatus = 'succeeded' | 'partial' | 'rejected' | 'failed';
export type ImportSource = 'upload' | 'inbox' | 'feed';
export const IMPORT_MODES: readonly ImportMode[] = ['all-or-nothing', 'valid-rows'];
export const IMPORT_STATUSES: readonly ImportStatus[] = ['succeeded', 'partial', 'rejected', 'failed'];

/** One problem in one cell of an imported file. */
export interface ImportRowError {
  /** Row number as seen in Excel (the header is row 1). */
  row: number;
  /** Header as written in the file. */
  column: string;
  value: string;
  code: string;
  message: string;
  messageEn: string;
}

/**
 * The counts every spreadsheet import answers with (platform data, events, payments, targets): in
 * its 201, and in the 422 `ROWS_REJECTED` that refuses one (then nothing is written, all counts 0).
 */
export interface SheetImportCounts {
  /** Data rows in the file (below the header). */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows with at least one error (not written). */
  rejected: number;
  errors: ImportRowError[];
}

/** 201 of an import, and the body of the 422 that rejects one (all-or-nothing with bad rows). */
export interface ImportResult extends SheetImportCounts {
  batchId: string;
  dataset: ImportDataset;
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
  errors: ImportRowError[];
  /** How many (division, day) pairs the import changed. */
  touchedDays: number;
}
