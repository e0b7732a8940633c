import { HttpStatus } from '@nestjs/common';
import { type ImportFileError, type ImportFileErrorCode } from './parsing/index.js';
import { type ImportResult } from './import-result.js';
import { FileRejection } from '../spreadsheets/file-rejection.js';

// Too large → 413; not a table we can read → 415; everything else about the file → 422.
const STATUS_OF_FILE_ERROR: Partial<Record<ImportFileErrorCode, number>> = {
  FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  XLSX_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_FORMAT: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  UNSUPPORTED_ENCODING: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

/** The status of a reader's file error (the one rule for every importer). */
export function statusOfFileError(code: string): number {
  return STATUS_OF_FILE_ERROR[code as ImportFileErrorCode] ?? HttpStatus.UNPROCESSABLE_ENTITY;
}

/** The whole file was refused (ImportFileError): nothing written, the batch recorded as rejected. */
export class ImportFileRejectedException extends FileRejection {
  constructor(
    readonly fileError: Pick<ImportFileError, 'code' | 'message' | 'messageEn'> & { params?: Record<string, string | number> },
    readonly batchId: string | null,
  ) {
    const { code, message, messageEn } = fileError;
    super({
      statusCode: statusOfFileError(code),
      code,
      message,
      messageEn,
      ...(fileError.params ? { params: fileError.params } : {}),
      batchId,
      errors: [{ field: 'file', code, message, messageEn }],
    });
  }
}

/** all-or-nothing with at least one bad row: 422 with every error, nothing written. */
export class ImportRowsRejectedException extends FileRejection {
  constructor(readonly result: ImportResult) {
    super({
      statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
      code: 'ROWS_REJECTED',
      message: `${result.rejected} 行有错误，未写入任何数据`,
      messageEn: `${result.rejected} row(s) have errors; nothing was written`,
      params: { rejected: result.rejected },
      ...result,
    });
  }
}
