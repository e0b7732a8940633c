import { once } from 'node:events';
import { type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnWidth } from './display-width.js';
import { dec, sum } from '@app/kpi-core';

/**
 * How a column's values are written:
 * - `text`: a string (never a formula, whatever it starts with);
 * - `code`: a string kept as typed (division codes, ids: no lost leading zeros, no 1E+15);
 * - `count`: an integer;
 * - `amount`: 元 given as an exact decimal string, written as a number with 2 decimals;
 * - `date`: a business day `YYYY-MM-DD`, written as a real date;
 * - `decimal`: a number shown with 2 decimals and no unit (a score, a percentage point).
 */
export type ExportCellKind = 'text' | 'code' | 'count' | 'amount' | 'date' | 'decimal';
export type ExportValue = string | number | null | undefined;

export interface ExportColumn<R> {
  zh: string;
  en: string;
  kind: ExportCellKind;
  value: (row: R) => ExportValue;
  /** Typical content width in characters (CJK = 2); the header's own width is always fitted. */
  width?: number;
  /** Summed into the 合计 row (count and amount columns only). */
  total?: boolean;
}

export interface ExportSheet<R> {
  format: 'xlsx' | 'csv';
  sheetName: string;
  columns: readonly ExportColumn<R>[];
  /** Rows in batches (a cursor's pages): each batch is written before the next is asked for. */
  batches: AsyncIterable<readonly R[]>;
  /** Adds a 合计 row summing the columns marked `total`. */
  totalRow?: boolean;
  language?: 'zh' | 'en';
}

const AMOUNT_FORMAT = '#,##0.00"元"';
const AMOUNT_FORMAT_EN = '#,##0.00';
const COUNT_FORMAT = '#,##0';
const DECIMAL_FORMAT = '0.00';
const DATE_FORMAT = 'yyyy-mm-dd';
const TEXT_FORMAT = '@';
// A spreadsheet program runs a CSV cell that starts with these as a formula (CWE-1236).
const FORMULA_START = /^[=+\-@\t\r]/;
/** Rows rendered between two turns of the event loop. */
const SLICE = 200;
/** Write pauses while the client has this much unread. */
const HIGH_WATER = 1024 * 1024;

function toDate(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  // An Excel date has no zone: the day is written as that day's midnight in UTC, which exceljs maps 1:1.
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

class Totals<R> {
  private readonly parts: string[][];
  constructor(private readonly columns: readonly ExportColumn<R>[]) {
    this.parts = columns.map(() => []);
  }

  add(row: R): void {
    this.columns.forEach((column, index) => {
      if (!column.total) return;
      const value = column.value(row);
      if (value !== null && value !== undefined && value !== '') this.parts[index].push(String(value));
    });
  }

  /** Exact sums (Decimal), folded now and then so that memory stays flat. */
  flush(): void {
    this.parts.forEach((values, index) => {
      if (values.length > 1) this.parts[index] = [sum(values).toFixed(2)];
    });
  }

  value(index: number): string | null {
    if (!this.columns[index].total) return null;
    return sum(this.parts[index]).toFixed(this.columns[index].kind === 'count' ? 0 : 2);
  }
}

async function drain(target: Writable): Promise<void> {
  if (target.destroyed) throw new Error('download aborted by the client');
  if (target.writableLength > HIGH_WATER) await once(target, 'drain');
}

/** Streams a sheet into `target` (an HTTP response) in constant memory; returns the number of data rows. */
export async function writeSheet<R>(target: Writable, sheet: ExportSheet<R>): Promise<number> {
  return sheet.format === 'csv' ? writeCsv(target, sheet) : writeXlsx(target, sheet);
}

/** One sheet of a workbook of several; rows of different types per sheet, hence `workbookSheet`. */
export type WorkbookSheet<R> = Omit<ExportSheet<R>, 'format' | 'language'>;
/** Several sheets in one streamed workbook (a review and its findings, say), written one after the other. */
export interface ExportWorkbook {
  sheets: ReadonlyArray<WorkbookSheet<unknown>>;
  language?: 'zh' | 'en';
}

/** A sheet with its own row type, checked here, for the list of a workbook's sheets. */
export const workbookSheet = <R>(sheet: WorkbookSheet<R>): WorkbookSheet<unknown> => sheet as WorkbookSheet<unknown>;

async function writeXlsx<R>(target: Writable, sheet: ExportSheet<R>): Promise<number> {
  const workbook = newXlsxWorkbook(target);
  const count = await addXlsxSheet(workbook, target, sheet);
  await workbook.commit();
  return count;
}

/** Streams a workbook of several sheets into `target`; returns the number of data rows of each sheet. */
export async function writeXlsxWorkbook(target: Writable, book: ExportWorkbook): Promise<number[]> {
  const workbook = newXlsxWorkbook(target);
  const counts: number[] = [];
  for (const sheet of book.sheets) counts.push(await addXlsxSheet(workbook, target, { ...sheet, format: 'xlsx', language: book.language }));
  await workbook.commit();
  return counts;
}

function newXlsxWorkbook(target: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Tianfu KPI';
  return workbook;
}

function cellFormat(kind: ExportCellKind, en: boolean): string | null {
  switch (kind) {
    case 'amount':
      return en ? AMOUNT_FORMAT_EN : AMOUNT_FORMAT;
    case 'count':
      return COUNT_FORMAT;
    case 'decimal':
      return DECIMAL_FORMAT;
    case 'date':
      return DATE_FORMAT;
    case 'code':
      return TEXT_FORMAT;
    default:
      return null;
  }
}

async function addXlsxSheet<R>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, target: Writable, sheet: ExportSheet<R>): Promise<number> {
  const en = sheet.language === 'en';
  const worksheet = workbook.addWorksheet(sheet.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const formats = sheet.columns.map((c) => cellFormat(c.kind, en));
  worksheet.columns = sheet.columns.map((c, index) => ({
    key: String(index),
    width: columnWidth(en ? c.en : c.zh, c.width ?? (c.kind === 'date' ? 10 : c.kind === 'amount' ? 16 : 0)),
  }));
  const header = worksheet.addRow(sheet.columns.map((c) => (en ? c.en : c.zh)));
  header.font = { bold: true };
  header.commit();

  const totals = new Totals(sheet.columns);
  let count = 0;
  for await (const batch of sheet.batches) {
    for (const [position, record] of batch.entries()) {
      // exceljs renders each row synchronously (~0.1 ms): yield now and then so that other requests are served.
      if (position > 0 && position % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const row = worksheet.addRow(
        sheet.columns.map((column) => {
          const value = column.value(record);
          if (value === null || value === undefined || value === '') return null;
          if (column.kind === 'amount' || column.kind === 'count' || column.kind === 'decimal') return Number(value);
          if (column.kind === 'date') return toDate(String(value)) ?? String(value);
          return String(value); // a string cell: Excel shows "=1+1" as text, never runs it
        }),
      );
      formats.forEach((numFmt, index) => {
        if (numFmt) row.getCell(index + 1).numFmt = numFmt;
      });
      row.commit();
      totals.add(record);
      count++;
    }
    totals.flush();
    await drain(target);
  }
  if (sheet.totalRow) {
    const labelIndex = Math.max(0, sheet.columns.findIndex((c) => !c.total));
    const row = worksheet.addRow(
      sheet.columns.map((column, index) => {
        const total = totals.value(index);
        if (total !== null) {
          const range = `${columnLetter(index)}2:${columnLetter(index)}${count + 1}`;
          // A formula, so that the file stays right when a row is edited; its cached result is the exact sum.
          return count === 0 ? 0 : { formula: `SUM(${range})`, result: Number(total) };
        }
        return index === labelIndex ? (en ? 'Total' : '合计') : null;
      }),
    );
    row.font = { bold: true };
    formats.forEach((numFmt, index) => {
      if (numFmt && sheet.columns[index].total) row.getCell(index + 1).numFmt = numFmt;
    });
    row.commit();
  }
  worksheet.commit();
  return count;
}

function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function writeCsv<R>(target: Writable, sheet: ExportSheet<R>): Promise<number> {
  const en = sheet.language === 'en';
  const write = async (line: string[]) => {
    if (!target.write(`${line.join(',')}\r\n`)) await drain(target);
  };
  target.write('\uFEFF'); // Excel opens a UTF-8 CSV with Chinese text correctly only with a BOM
  await write(sheet.columns.map((c) => csvField(en ? c.en : c.zh)));
  const totals = new Totals(sheet.columns);
  let count = 0;
  for await (const batch of sheet.batches) {
    for (const record of batch) {
      await write(
        sheet.columns.map((column) => {
          const value = column.value(record);
          if (value === null || value === undefined) return '';
          // Numbers as plain digits (a negative amount is a number, not a formula).
          if (column.kind === 'amount' || column.kind === 'decimal') return dec(String(value)).toFixed(2);
          if (column.kind === 'count' || column.kind === 'date') return String(value);
          return csvField(String(value));
        }),
      );
      totals.add(record);
      count++;
    }
    totals.flush();
  }
  if (sheet.totalRow) {
    const labelIndex = Math.max(0, sheet.columns.findIndex((c) => !c.total));
    await write(sheet.columns.map((_, index) => totals.value(index) ?? (index === labelIndex ? (en ? 'Total' : '合计') : '')));
  }
  target.end();
  return count;
}

/** A list already in memory (a small one: templates, error lists) as one batch. */
export async function* inOneBatch<R>(rows: readonly R[]): AsyncIterable<readonly R[]> {
  yield rows;
}
