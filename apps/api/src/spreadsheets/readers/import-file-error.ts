// File-level failures of an import: the whole file is refused (the HTTP layer maps them to 4xx).
// Row-level problems are not errors of this kind: they are collected as RowError by parseRows.
export const IMPORT_FILE_ERROR_CODES = [
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'UNSUPPORTED_ENCODING',
  'MALFORMED_CSV',
  'INVALID_XLSX',
  'XLSX_TOO_LARGE',
  'SHEET_NOT_FOUND',
  'TOO_MANY_ROWS',
  'TOO_MANY_COLUMNS',
  'CELL_TOO_LONG',
  'NO_HEADER',
  'MISSING_COLUMNS',
  'DUPLICATE_COLUMN',
] as const;
export type ImportFileErrorCode = (typeof IMPORT_FILE_ERROR_CODES)[number];

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';

  constructor(
    readonly code: ImportFileErrorCode,
    // Chinese for the district staff who upload the file, English for logs and the English UI.
    override readonly message: string,
    readonly messageEn: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function isImportFileError(error: unknown): error is ImportFileError {
  return error instanceof ImportFileError;
}
