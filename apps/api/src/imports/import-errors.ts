import { type ImportFileError } from './parsing/index.js';
import { type ImportResult } from './import-result.js';
import { FileRejection, fileErrorRejection, rowsRejected } from '../spreadsheets/file-rejection.js';

/** The whole file was refused (ImportFileError): nothing written, the batch recorded as rejected. */
export class ImportFileRejectedException extends FileRejection {
  constructor(
    readonly fileError: Pick<ImportFileError, 'code' | 'message' | 'messageEn'> & Partial<Pick<ImportFileError, 'details'>> & { params?: Record<string, string | number> },
    readonly batchId: string | null,
  ) {
    super(fileErrorRejection(fileError, { batchId }).body);
  }
}

/** all-or-nothing with at least one bad row: 422 with every error, nothing written (the one ROWS_REJECTED body, with the batch). */
export class ImportRowsRejectedException extends FileRejection {
  constructor(readonly result: ImportResult) {
    super(rowsRejected(result.rejected, result.errors, { ...result }).body);
  }
}
