import { type ImportDataset } from '@app/contracts';

export interface ImportResultError {
  row: number;
  column: string;
  value: string;
  code: string;
  message: string;
  messageEn: string;
}

/** The response of an import (and the 422 body of a rejected one, with statusCode/message/code). */
export interface ImportResult {
  batchId: string;
  dataset: ImportDataset;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportResultError[];
}
