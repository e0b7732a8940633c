import { DEFAULT_READ_LIMITS, type ReadTableResult } from '../parsing/index.js';
import { IMPORT_DATASETS, type ImportDataset } from '@app/contracts';

/**
 * One page of the HTTP feed (README "Platform data: imports and sync"):
 * `GET <PLATFORM_FEED_URL>?since=<cursor>&page=<n>` answers
 * `{ "batches": [{ "dataset": "deals", "rows": [...] }, …], "nextPage": 2 | null, "cursor": "…" }`.
 * Each row is an object keyed by the file columns' names, Chinese or English (`编号` or
 * `externalId`, `区划代码` or `divisionCode`, `成交金额(元)` or `amountYuan`, …), so the file parser
 * validates it. `cursor` is what to send as `since` on the next run (kept from the last page).
 */
export interface FeedPayload {
  dataset: ImportDataset;
  rows: Array<Record<string, unknown>>;
}

export interface FeedPage {
  batches: FeedPayload[];
  /** The next page to ask for, or null when this was the last one. */
  nextPage: number | null;
  cursor: string;
}

export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a whole page before anything is imported: a malformed page fails the run, which writes nothing. */
export function parseFeedPage(body: unknown, page = 1): FeedPage {
  const where = `page ${page}`;
  if (!isPlainObject(body)) throw new FeedFormatError(`${where} is not an object with batches, nextPage and cursor`);
  const { batches, nextPage, cursor } = body;
  if (!Array.isArray(batches)) throw new FeedFormatError(`${where}: batches must be an array`);
  if (nextPage !== undefined && nextPage !== null && !(Number.isInteger(nextPage) && (nextPage as number) > page)) {
    throw new FeedFormatError(`${where}: nextPage must be null or an integer greater than ${page}`);
  }
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 1000) throw new FeedFormatError(`${where}: cursor must be a non-empty string (at most 1000 characters)`);
  return {
    batches: batches.map((payload: unknown, index) => {
      const item = `${where}, batch ${index}`;
      if (!isPlainObject(payload)) throw new FeedFormatError(`${item} is not an object with dataset and rows`);
      const { dataset, rows } = payload;
      if (typeof dataset !== 'string' || !(IMPORT_DATASETS as readonly string[]).includes(dataset)) {
        throw new FeedFormatError(`${item}: dataset must be one of ${IMPORT_DATASETS.join(', ')}`);
      }
      if (!Array.isArray(rows)) throw new FeedFormatError(`${item}: rows must be an array`);
      if (rows.length > DEFAULT_READ_LIMITS.maxRows) throw new FeedFormatError(`${item}: more than ${DEFAULT_READ_LIMITS.maxRows} rows`);
      rows.forEach((row, rowIndex) => {
        if (!isPlainObject(row)) throw new FeedFormatError(`${item}: row ${rowIndex + 1} is not an object`);
      });
      return { dataset: dataset as ImportDataset, rows: rows as Array<Record<string, unknown>> };
    }),
    nextPage: (nextPage as number | null | undefined) ?? null,
    cursor,
  };
}

/** Every page's rows of one dataset together, datasets in catalogue order (deals, listings, …), empty ones left out. */
export function mergeFeedPages(pages: readonly FeedPage[]): FeedPayload[] {
  return IMPORT_DATASETS.map((dataset) => ({
    dataset,
    rows: pages.flatMap((page) => page.batches.filter((batch) => batch.dataset === dataset).flatMap((batch) => batch.rows)),
  })).filter((payload) => payload.rows.length > 0);
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
