import { ImportFileError } from './import-file-error.js';

export interface ReadLimits {
  // Bytes of the uploaded file (the HTTP layer may enforce a smaller limit first).
  maxFileBytes: number;
  // Data rows below the header.
  maxRows: number;
  maxColumns: number;
  // Characters per cell; 32,767 is Excel's own limit, so only a hostile file goes beyond it.
  maxCellLength: number;
  // XLSX: total uncompressed bytes of the parts we read (zip bomb guard).
  maxUncompressedBytes: number;
  // XLSX: number of entries in the zip.
  maxZipEntries: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxRows: 200_000,
  maxColumns: 200,
  maxCellLength: 32_767,
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxZipEntries: 1_000,
};

// Title rows ("西区科技服务成交明细") may sit above the header.
export const HEADER_SEARCH_ROWS = 10;

// A cell that has no usable value: a formula without cached result, or an Excel error (#REF!).
export interface CellIssue {
  column: number;
  message: string;
  messageEn: string;
}

export interface TableRow {
  // 1-based row number as the user sees it in Excel (a CSV record with an embedded newline is one row).
  row: number;
  cells: string[];
  cellIssues?: CellIssue[];
}

export interface ReadTableResult {
  format: 'csv' | 'xlsx';
  encoding?: 'utf-8' | 'gbk' | 'gb18030';
  delimiter?: string;
  sheetName?: string;
  headerRow: number;
  headers: string[];
  rows: TableRow[];
}

export function isBlankRow(row: TableRow): boolean {
  return row.cells.every((cell) => cell.trim() === '') && !row.cellIssues?.length;
}

export function tooManyRows(limit: number): ImportFileError {
  return new ImportFileError(
    'TOO_MANY_ROWS',
    `文件超过 ${limit} 行数据，请拆分后分批导入`,
    `The file has more than ${limit} data rows; split it and import the parts`,
    { limit },
  );
}

export function tooManyColumns(limit: number, row: number): ImportFileError {
  return new ImportFileError(
    'TOO_MANY_COLUMNS',
    `第 ${row} 行超过 ${limit} 列`,
    `Row ${row} has more than ${limit} columns`,
    { limit, row },
  );
}

export function cellTooLong(limit: number, row: number): ImportFileError {
  return new ImportFileError(
    'CELL_TOO_LONG',
    `第 ${row} 行有单元格超过 ${limit} 个字符`,
    `Row ${row} has a cell longer than ${limit} characters`,
    { limit, row },
  );
}

export function emptyFile(): ImportFileError {
  return new ImportFileError('EMPTY_FILE', '文件为空，没有任何数据', 'The file is empty', {});
}

// Full-width forms (（）, Ａ, full-width space) fold to ASCII under NFKC; spaces, case, the
// "required" star of templates and the separators of English names are not significant.
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[[【]/g, '(')
    .replace(/[\]】]/g, ')')
    .replace(/[\s*:_-]/g, '');
}

/** How many known column names a candidate header row holds. */
export type HeaderScorer = (cells: readonly string[]) => number;

// Splits the non-blank rows of a sheet into header and data: the header is the row among the
// first few that names the most known columns (the first non-blank row when none does).
// `scoreOf` says how many known column names a row holds (a platform dataset's, a sheet spec's).
export function splitHeader(
  nonBlankRows: TableRow[],
  scoreOf: HeaderScorer | undefined,
  maxRows: number,
): Pick<ReadTableResult, 'headerRow' | 'headers' | 'rows'> {
  if (nonBlankRows.length === 0) throw emptyFile();
  let best = 0;
  let bestScore = 0;
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, nonBlankRows.length); i++) {
    const score = scoreOf ? scoreOf(nonBlankRows[i].cells) : 0;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  const header = nonBlankRows[best];
  const rows = nonBlankRows.slice(best + 1);
  if (rows.length > maxRows) throw tooManyRows(maxRows);
  return { headerRow: header.row, headers: header.cells.map((cell) => cell.trim()), rows };
}
