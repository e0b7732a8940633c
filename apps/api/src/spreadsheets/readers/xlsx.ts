import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Dec } from '@app/kpi-core';
import { ImportFileError } from './import-file-error.js';
import { cellTooLong, isBlankRow, tooManyColumns, tooManyRows, HEADER_SEARCH_ROWS, type CellIssue, type ReadLimits, type TableRow } from './table.js';
import { invalidXlsx, prepareXlsx } from './xlsx-package.js';

const MS_PER_DAY = 86_400_000;
// Serial 25569 is 1970-01-01 in the 1900 date system; the 1904 system starts 1462 days later.
const UNIX_EPOCH_SERIAL = 25_569;
const DATE_1904_OFFSET = 1_462;

// An Excel date has no time zone: it is the calendar day the user typed. exceljs turns it into
// a Date at that wall-clock time in UTC, so the UTC fields are the day (never local time).
export function formatExcelDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 10);
}

export function excelSerialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial)) return null;
  const days = serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_OFFSET : 0);
  const date = new Date(Math.round(days * MS_PER_DAY));
  return formatExcelDate(date);
}

// A stored double shown as Excel shows it: 15 significant digits, no exponent
// (0.1+0.2 → "0.3", 1e21 → "1000000000000000000000").
export function formatExcelNumber(value: number): string {
  return new Dec(value.toPrecision(15)).toFixed();
}

// Same test as exceljs uses for date cells: date/time letters outside quotes and [colour] tags.
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /[ymdhsb]/i.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

type CellText = { text: string } | { issue: string; issueEn: string };

function cellText(value: ExcelJS.CellValue, numFmt: string | undefined, date1904: boolean): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { issue: '单元格数值无效', issueEn: 'invalid number in cell' };
    return { text: formatExcelNumber(value) };
  }
  if (value instanceof Date) {
    const text = formatExcelDate(value);
    return text === null ? { issue: '单元格日期无效', issueEn: 'invalid date in cell' } : { text };
  }
  if ('error' in value) return { issue: `单元格是错误值 ${value.error}`, issueEn: `cell holds the error ${value.error}` };
  if ('richText' in value) return { text: value.richText.map((run) => run.text ?? '').join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    // Formulas are never evaluated: the value Excel cached when it saved the file is the value.
    const result = value.result;
    if (result === undefined || result === null) {
      return { issue: '公式没有计算结果，请在 Excel 中重新计算并保存，或粘贴为数值', issueEn: 'formula without a cached result; recalculate and save in Excel, or paste as values' };
    }
    if (typeof result === 'number' && isDateFormat(numFmt)) {
      const text = excelSerialToDate(result, date1904);
      return text === null ? { issue: '公式结果是错误值', issueEn: 'the formula result is an error' } : { text };
    }
    if (typeof result === 'number' && Number.isNaN(result)) return { issue: '公式结果是错误值', issueEn: 'the formula result is an error' };
    return cellText(result as ExcelJS.CellValue, numFmt, date1904);
  }
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, numFmt, date1904);
  return { issue: '无法识别的单元格内容', issueEn: 'unrecognised cell content' };
}

export async function readXlsxRows(
  buffer: Buffer,
  sheetName: string | undefined,
  limits: ReadLimits,
): Promise<{ sheetName: string; rows: TableRow[] }> {
  const sheet = await openXlsxSheet(buffer, sheetName, limits);
  const rows: TableRow[] = [];
  for await (const batch of sheet.batches) rows.push(...batch);
  return { sheetName: sheet.sheetName, rows };
}

/**
 * The rows of one sheet, in batches as the sheet's XML is read (the streamed import). The archive
 * itself (at most maxFileBytes) is in memory, since a zip's directory is at its end; the rows are
 * not. The sheet is found and the package checked (zip bomb, size limits) before this returns.
 */
export async function openXlsxSheet(
  buffer: Buffer,
  sheetName: string | undefined,
  limits: ReadLimits,
  batchSize = 1_000,
): Promise<{ sheetName: string; batches: AsyncGenerator<TableRow[]> }> {
  const { workbook, sheet, streamable } = await prepareXlsx(buffer, sheetName, limits);
  return { sheetName: sheet.name, batches: xlsxRowBatches(streamable, workbook.date1904, limits, batchSize) };
}

async function* xlsxRowBatches(streamable: Buffer, date1904: boolean, limits: ReadLimits, batchSize: number): AsyncGenerator<TableRow[]> {
  const maxRecords = limits.maxRows + HEADER_SEARCH_ROWS;
  let records = 0;
  let batch: TableRow[] = [];
  const reader = utf8SafeWorkbookReader(Readable.from([streamable]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles are needed to tell date cells from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // The reader's own errors (malformed XML) are file problems; a yield hands control to the caller.
  const rows = async function* (): AsyncGenerator<ExcelJS.Row> {
    try {
      for await (const worksheet of reader) {
        yield* worksheet as AsyncIterable<ExcelJS.Row>;
        break;
      }
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      throw invalidXlsx(error instanceof Error ? error.message : String(error));
    }
  };
  let previousRow = 0;
  for await (const excelRow of rows()) {
    // The r attribute is optional in OOXML; without it rows follow each other.
    const rowNumber = Number.isFinite(excelRow.number) ? excelRow.number : previousRow + 1;
    previousRow = rowNumber;
    const cells: string[] = [];
    const cellIssues: CellIssue[] = [];
    excelRow.eachCell((cell, columnNumber) => {
      const column = columnNumber - 1;
      const text = cellText(cell.value, cell.numFmt, date1904);
      if ('issue' in text) {
        cellIssues.push({ column, message: text.issue, messageEn: text.issueEn });
        return;
      }
      if (text.text === '') return;
      if (columnNumber > limits.maxColumns) throw tooManyColumns(limits.maxColumns, rowNumber);
      if (text.text.length > limits.maxCellLength) throw cellTooLong(limits.maxCellLength, rowNumber);
      cells[column] = text.text;
    });
    const row: TableRow = { row: rowNumber, cells: Array.from(cells, (cell) => cell ?? '') };
    if (cellIssues.length > 0) row.cellIssues = cellIssues;
    if (isBlankRow(row)) continue;
    if (++records > maxRecords) throw tooManyRows(limits.maxRows);
    batch.push(row);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

// exceljs 4.4 decodes every chunk of a part's XML on its own (lib/utils/parse-sax.js), so a
// multi-byte character straddling two chunks (any CJK character is 3 bytes in UTF-8) became
// U+FFFD: "科技服务" read as "科��服务" somewhere in every large sheet. The reader's sheet and
// shared-strings parsers are handed chunks that end on character boundaries instead.
function utf8SafeWorkbookReader(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  const internals = reader as unknown as {
    _parseWorksheet?: (iterator: AsyncIterable<Uint8Array>, sheetNo: string) => unknown;
    _parseSharedStrings?: (entry: Readable) => unknown;
  };
  const parseWorksheet = internals._parseWorksheet;
  const parseSharedStrings = internals._parseSharedStrings;
  if (typeof parseWorksheet !== 'function' || typeof parseSharedStrings !== 'function') {
    throw new Error('exceljs changed: WorkbookReader._parseWorksheet/_parseSharedStrings are gone; review utf8SafeWorkbookReader');
  }
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet.call(reader, utf8Aligned(iterator), sheetNo);
  internals._parseSharedStrings = (entry) => parseSharedStrings.call(reader, Readable.from(utf8Aligned(entry)));
  return reader;
}

/** Re-chunks bytes so that no chunk ends inside a UTF-8 sequence (the rest is carried to the next). */
export async function* utf8Aligned(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  for await (const chunk of source) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (carry) {
      bytes = Buffer.concat([carry, bytes]);
      carry = null;
    }
    const end = completeUtf8Length(bytes);
    if (end < bytes.length) {
      carry = Buffer.from(bytes.subarray(end));
      bytes = bytes.subarray(0, end);
    }
    if (bytes.length > 0) yield bytes;
  }
  if (carry) yield carry;
}

// The length of the longest prefix that does not end inside a multi-byte sequence.
function completeUtf8Length(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const byte = bytes[i];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + length <= bytes.length ? bytes.length : i;
  }
  return bytes.length;
}
