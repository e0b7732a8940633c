import { HttpException, HttpStatus } from '@nestjs/common';
import { type ImportFileError, type ImportFileErrorCode } from './parsing/index.js';
import { type ImportResult } from './import-result.js';

// Too large → 413; not a table we can read → 415; everything else about the file → 422.
const STATUS_OF_FILE_ERROR: Partial<Record<ImportFileErrorCode, number>> = {
  FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  XLSX_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_FORMAT: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  UNSUPPORTED_ENCODING: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

/** The whole file was refused (ImportFileError): nothing written, the batch recorded as rejected. */
export class ImportFileRejectedException extends HttpException {
  constructor(
    readonly fileError: Pick<ImportFileError, 'code' | 'message' | 'messageEn'>,
    readonly batchId: string | null,
  ) {
    const statusCode = STATUS_OF_FILE_ERROR[fileError.code as ImportFileErrorCode] ?? HttpStatus.UNPROCESSABLE_ENTITY;
    super(
      {
        statusCode,
        message: `${fileError.message} / ${fileError.messageEn}`,
        messageEn: fileError.messageEn,
        code: fileError.code,
        batchId,
        errors: [{ field: 'file', message: fileError.message }],
      },
      statusCode,
    );
  }
}

/** all-or-nothing with at least one bad row: 422 with every error, nothing written. */
export class ImportRowsRejectedException extends HttpException {
  constructor(readonly result: ImportResult) {
    super(
      {
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        message: `${result.rejected} 行有错误，未写入任何数据 / ${result.rejected} row(s) have errors; nothing was written`,
        code: 'ROWS_REJECTED',
        ...result,
      },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}
