import { HttpException, HttpStatus } from '@nestjs/common';
import { API_ERROR_CODES, type ApiErrorDetail } from '@app/contracts';

export interface FileRejectionBody {
  statusCode: number;
  code: string;
  message: string;
  messageEn: string;
  params?: Record<string, string | number>;
  errors: ApiErrorDetail[];
  /** What a refused import adds (batchId, counts): kept at the top level, as a 201 would give them. */
  [extra: string]: unknown;
}

/**
 * The one rejection of a file, on every upload route: 413 (too large, the limit in `params` and
 * text), 415 (not a file of an accepted kind), 422 (a file problem or rows with errors, each row
 * error an ApiErrorDetail with row + column + code + message + messageEn). The global filter
 * sends the body as it is.
 */
export class FileRejection extends HttpException {
  constructor(readonly body: FileRejectionBody) {
    super(body, body.statusCode);
  }
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Past the route's limit: 413 with `params.limitBytes` / `params.limitMb`. */
export function fileTooLarge(limitBytes: number, extra: Record<string, unknown> = {}): FileRejection {
  const limitMb = megabytes(limitBytes);
  return new FileRejection({
    statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
    code: API_ERROR_CODES.FILE_TOO_LARGE,
    message: `文件超过 ${limitMb} MB 的上限，请拆分或压缩后再上传`,
    messageEn: `The file is larger than the limit of ${limitMb} MB; split or compress it and upload again`,
    params: { limitBytes, limitMb },
    errors: [{ field: 'file', code: API_ERROR_CODES.FILE_TOO_LARGE, message: `超过 ${limitMb} MB`, messageEn: `larger than ${limitMb} MB`, params: { limitBytes, limitMb } }],
    ...extra,
  });
}

/** Not a file of the accepted kinds (by content, not by name): 415. */
export function unsupportedFile(code: string, message: string, messageEn: string, extra: Record<string, unknown> = {}): FileRejection {
  return new FileRejection({
    statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    code,
    message,
    messageEn,
    errors: [{ field: 'file', code, message, messageEn }],
    ...extra,
  });
}

/** A problem with the file as a whole (empty, no header, too many rows…): 422 naming the file (or its columns). */
export function fileInvalid(code: string, message: string, messageEn: string, extra: Record<string, unknown> & { params?: Record<string, string | number>; errors?: ApiErrorDetail[] } = {}): FileRejection {
  const { errors, ...rest } = extra;
  return new FileRejection({
    statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
    code,
    message,
    messageEn,
    errors: errors ?? [{ field: 'file', code, message, messageEn }],
    ...rest,
  });
}

// A reader's file error: too large → 413; not a table we can read → 415; everything else about the file → 422.
const STATUS_OF_FILE_ERROR: Record<string, number> = {
  FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  XLSX_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_FORMAT: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  UNSUPPORTED_ENCODING: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

/** The status of a reader's file error (the one rule for every importer). */
export function statusOfFileError(code: string): number {
  return STATUS_OF_FILE_ERROR[code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
}

/** The whole file refused by a reader (ImportFileError): its status, code and both texts, naming the file. */
export function fileErrorRejection(
  error: { code: string; message: string; messageEn: string; params?: Record<string, string | number>; details?: Record<string, unknown> },
  extra: Record<string, unknown> = {},
): FileRejection {
  const { code, message, messageEn } = error;
  // The reader's numbers (the row limit, the row of a problem) as params, so that the web can word them.
  const params = error.params ?? Object.fromEntries(Object.entries(error.details ?? {}).filter((entry): entry is [string, string | number] => ['string', 'number'].includes(typeof entry[1])));
  return new FileRejection({
    statusCode: statusOfFileError(code),
    code,
    message,
    messageEn,
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...extra,
    errors: [{ field: 'file', code, message, messageEn }],
  });
}

/** Rows with errors and nothing written: 422 `ROWS_REJECTED` listing every row error. */
export function rowsRejected(rejected: number, errors: ApiErrorDetail[], extra: Record<string, unknown> = {}): FileRejection {
  return new FileRejection({
    statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
    code: API_ERROR_CODES.ROWS_REJECTED,
    message: `${rejected} 行有错误，未写入任何数据`,
    messageEn: `${rejected} row(s) have errors; nothing was written`,
    params: { rejected },
    ...extra,
    errors,
  });
}

/** The file part was missing from the multipart request. */
export function fileMissing(): FileRejection {
  return fileInvalid(
    'FILE_REQUIRED',
    '请选择要上传的文件',
    'A file is required in the multipart field "file"',
    { errors: [{ field: 'file', code: 'FILE_REQUIRED', message: '请选择要上传的文件', messageEn: 'a file is required in the multipart field "file"' }] },
  );
}
