import { DEFAULT_READ_LIMITS, type ReadTableResult } from '../parsing/index.js';
import { IMPORT_DATASETS, type ImportDataset } from '@app/contracts';

/**
 * The HTTP feed's answer: one `{ dataset, rows }` object or an array of them. Each row is an
 * object keyed by the file columns' names, Chinese or English (`编号` or `externalId`, `区划代码`
 * or `divisionCode`, `成交金额(元)` or `amountYuan`, …), so the file parser validates it.
 */
export interface FeedPayload {
  dataset: ImportDataset;
  rows: Array<Record<string, unknown>>;
}

export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the whole answer before anything is imported: a malformed feed writes nothing. */
export function parseFeedBody(body: unknown): FeedPayload[] {
  const payloads = Array.isArray(body) ? body : [body];
  return payloads.map((payload, index) => {
    const where = Array.isArray(body) ? `item ${index}` : 'the response';
    if (!isPlainObject(payload)) throw new FeedFormatError(`${where} is not an object with dataset and rows`);
    const { dataset, rows } = payload;
    if (typeof dataset !== 'string' || !(IMPORT_DATASETS as readonly string[]).includes(dataset)) {
      throw new FeedFormatError(`${where}: dataset must be one of ${IMPORT_DATASETS.join(', ')}`);
    }
    if (!Array.isArray(rows)) throw new FeedFormatError(`${where}: rows must be an array`);
    if (rows.length > DEFAULT_READ_LIMITS.maxRows) throw new FeedFormatError(`${where}: more than ${DEFAULT_READ_LIMITS.maxRows} rows`);
    rows.forEach((row, rowIndex) => {
      if (!isPlainObject(row)) throw new FeedFormatError(`${where}: row ${rowIndex + 1} is not an object`);
    });
    return { dataset: dataset as ImportDataset, rows: rows as Array<Record<string, unknown>> };
  });
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** The parser's table shape: headers = every key in order of first appearance; row n = record n. */
export function feedRowsToTable(rows: ReadonlyArray<Record<string, unknown>>): ReadTableResult {
  const headers: string[] = [];
  const index = new Map<string, number>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (index.has(key)) continue;
      if (headers.length >= DEFAULT_READ_LIMITS.maxColumns) throw new FeedFormatError(`more than ${DEFAULT_READ_LIMITS.maxColumns} distinct fields`);
      index.set(key, headers.length);
      headers.push(key);
    }
  }
  return {
    format: 'csv',
    headerRow: 0,
    headers,
    rows: rows.map((row, i) => {
      const cells = new Array<string>(headers.length).fill('');
      for (const [key, value] of Object.entries(row)) cells[index.get(key)!] = cellText(value).slice(0, DEFAULT_READ_LIMITS.maxCellLength);
      return { row: i + 1, cells };
    }),
  };
}
