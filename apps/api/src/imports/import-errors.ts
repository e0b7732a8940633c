import { HttpStatus } from '@nestjs/common';
import { type ImportFileError } from './parsing/index.js';
import { type ImportResult } from './import-result.js';
import { FileRejection, fileErrorRejection } from '../spreadsheets/file-rejection.js';

export { statusOfFileError } from '../spreadsheets/file-rejection.js';

/** The whole file was refused (ImportFileError): nothing written, the batch recorded as rejected. */
export class ImportFileRejectedException extends FileRejection {
  constructor(
    readonly fileError: Pick<ImportFileError, 'code' | 'message' | 'messageEn'> & Partial<Pick<ImportFileError, 'details'>> & { params?: Record<string, string | number> },
    readonly batchId: string | null,
  ) {
    super(fileErrorRejection(fileError, { batchId }).body);
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
