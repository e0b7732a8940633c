import { HttpException, HttpStatus } from '@nestjs/common';
import { API_ERROR_CODES } from '@app/contracts';

/**
 * An export larger than EXPORT_MAX_ROWS is refused before a byte is written, with the limit in
 * `params` and a sentence on how to narrow it. (Refusing, rather than a background job, keeps
 * every download one request: the limit makes the longest one a few seconds of streaming.)
 */
export class ExportTooLargeException extends HttpException {
  constructor(rows: number, maxRows: number, narrowZh: string, narrowEn: string) {
    super(
      {
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        code: API_ERROR_CODES.EXPORT_TOO_LARGE,
        message: `导出共 ${rows} 行，超过单次导出上限 ${maxRows} 行。${narrowZh}`,
        messageEn: `The export has ${rows} rows, more than the limit of ${maxRows} per file. ${narrowEn}`,
        params: { rows, maxRows },
      },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}

export function assertExportSize(rows: number, maxRows: number, narrowZh: string, narrowEn: string): void {
  if (rows > maxRows) throw new ExportTooLargeException(rows, maxRows, narrowZh, narrowEn);
}
