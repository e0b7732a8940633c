/**
 * The one error shape of the API, for every 4xx and 5xx:
 *   {statusCode, code, message, messageEn?, params?, errors?: [{field | row+column, code, message, messageEn}], requestId}
 *
 * - `code` is stable and machine-readable (UPPER_SNAKE); the web shows its own text for it in the
 *   user's language (falling back to `message` / `messageEn` for codes it does not know).
 * - `message` is Simplified Chinese, `messageEn` English: never one string with both halves.
 * - `params` carries the numbers a text needs (e.g. `{limitBytes, limitMb}` on a 413, `{maxRows}`
 *   on an export refused for its size), so the web can word it without parsing a sentence.
 * - every 422 names its field (JSON body, query, path parameter or header) or its row and column
 *   (a file); every 413 says the limit.
 */
export interface ApiError {
  statusCode: number;
  code: ApiErrorCode | string;
  message: string;
  messageEn?: string;
  params?: Record<string, string | number>;
  errors?: ApiErrorDetail[];
  requestId?: string;
}

/**
 * One problem: in a field of a request (`field`: `title`, `query.month`, `path.id`, `file`) or in a
 * cell of an uploaded file (`row` as Excel shows it, header row = 1, and `column` as the file's header).
 */
export interface ApiErrorDetail {
  field?: string;
  row?: number;
  column?: string;
  /** The offending value as received, shortened for display (files: the cell's text). */
  value?: string;
  /** Target: always set. Optional only until every producer sets it (the global filter fills a default). */
  code?: string;
  message: string;
  /** Target: always set (see `code`). */
  messageEn?: string;
  params?: Record<string, string | number>;
}

/** A field error: an ApiErrorDetail with `field`. */
export type FieldError = ApiErrorDetail & { field: string };

/** The top-level codes. Field and row codes are listed where they are produced (validation, sheets). */
export const API_ERROR_CODES = {
  BAD_REQUEST: 'BAD_REQUEST',
  INVALID_JSON: 'INVALID_JSON',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FILE_REJECTED: 'FILE_REJECTED',
  ROWS_REJECTED: 'ROWS_REJECTED',
  EXPORT_TOO_LARGE: 'EXPORT_TOO_LARGE',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];
