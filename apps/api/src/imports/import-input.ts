import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type ImportDataset } from '@app/contracts';
import {
  HEADER_SEARCH_ROWS,
  ImportFileError,
  openXlsxSheet,
  readCsvStream,
  sniffFormat,
  splitHeader,
  type ReadLimits,
  type ReadTableResult,
  type TableRow,
} from './parsing/index.js';

/**
 * Where the rows of a platform import come from. Every input goes through the same importer
 * (ImportsService.import): rows validated batch by batch, COPY into staging, merge, batch record.
 * - `path`: a file on disk (a stored upload, an inbox file), read in 64 KB chunks;
 * - `buffer`: a file's bytes already in memory;
 * - `stream`: a file's bytes as they arrive;
 * - `table`: rows already in table shape (the JSON feed's), with the digest of what was fed.
 */
export type ImportInput =
  | { path: string }
  | { buffer: Buffer }
  | { stream: AsyncIterable<Uint8Array> }
  | { table: ReadTableResult; sha256: string | null };

/** An input being read: its header, then its data rows in batches. */
export interface OpenedInput {
  headers: string[];
  /** The data rows below the header, in batches (an await per row cost ~2 s on 1,000,000 rows). */
  batches: AsyncIterable<TableRow[]>;
}

export interface InputReader {
  /** Reads as far as the header. Throws ImportFileError for a refused file (too large, not CSV/XLSX, no header, …). */
  open(): Promise<OpenedInput>;
  /** SHA-256 of the input: of a file, of the bytes read so far (the whole file once the rows are read). */
  sha256(): string | null;
  /** Stops reading (the file is closed); harmless when already done. */
  close(): Promise<void>;
}

export interface ReadOptions {
  dataset: ImportDataset;
  fileName: string;
  sheet?: string;
  limits: ReadLimits;
}

// Rows per batch of a table input.
const TABLE_BATCH_ROWS = 10_000;

export function inputReader(input: ImportInput, options: ReadOptions): InputReader {
  if ('table' in input) return tableReader(input.table, input.sha256);
  if ('path' in input) return byteReader(createReadStream(input.path, { highWaterMark: 64 * 1024 }), options);
  if ('buffer' in input) {
    const { buffer } = input;
    return byteReader((async function* () {
      yield buffer;
    })(), options);
  }
  return byteReader(input.stream, options);
}

/** Rows already in table shape: the header is given, nothing is decoded. */
function tableReader(table: ReadTableResult, sha256: string | null): InputReader {
  return {
    async open() {
      const batches = async function* (): AsyncGenerator<TableRow[]> {
        for (let start = 0; start < table.rows.length; start += TABLE_BATCH_ROWS) yield table.rows.slice(start, start + TABLE_BATCH_ROWS);
      };
      return { headers: table.headers, batches: batches() };
    },
    sha256: () => sha256,
    close: async () => undefined,
  };
}

/**
 * A CSV or XLSX read once, chunk by chunk, so that a 1,000,000-row file never sits in memory whole:
 * the bytes are counted (FILE_TOO_LARGE past maxFileBytes) and hashed as they pass, a CSV is decoded
 * and parsed incrementally, and the header is the best of the first non-blank rows (as readTable
 * chooses it). Of an XLSX the zip archive itself is held in memory (its directory is at its end), not its rows.
 */
function byteReader(stream: AsyncIterable<Uint8Array>, { dataset, fileName, sheet, limits }: ReadOptions): InputReader {
  const hash = createHash('sha256');
  let digest: string | null = null;
  let bytes = 0;
  const source = stream[Symbol.asyncIterator]();
  const counted = async function* (): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const next = await source.next();
        if (next.done) return;
        bytes += next.value.length;
        if (bytes > limits.maxFileBytes) {
          throw new ImportFileError(
            'FILE_TOO_LARGE',
            `文件“${fileName}”超过 ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB`,
            `The file "${fileName}" is larger than ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB`,
            { limit: limits.maxFileBytes },
          );
        }
        hash.update(next.value);
        yield next.value;
      }
    } finally {
      await source.return?.();
    }
  };
  const chunks = counted();
  return {
    async open() {
      const first = await chunks.next();
      const head = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
      let batches: AsyncGenerator<TableRow[]>;
      if (head.length > 0 && sniffFormat(head, fileName) === 'xlsx') {
        // A zip's directory is at its end, so the archive (at most maxFileBytes) is read first;
        // its sheet's rows are then read in batches like a CSV's.
        const parts: Uint8Array[] = [head];
        for await (const chunk of chunks) parts.push(chunk);
        batches = (await openXlsxSheet(Buffer.concat(parts), sheet, limits)).batches;
      } else {
        const rest = async function* (): AsyncGenerator<Uint8Array> {
          if (head.length > 0) yield head;
          yield* chunks;
        };
        batches = (await readCsvStream(rest(), limits)).batches;
      }
      const firstRows: TableRow[] = [];
      while (firstRows.length < HEADER_SEARCH_ROWS) {
        const next = await batches.next();
        if (next.done) break;
        firstRows.push(...next.value);
      }
      const { headers, rows: leading } = splitHeader(firstRows.slice(0, HEADER_SEARCH_ROWS), dataset, limits.maxRows);
      leading.push(...firstRows.slice(HEADER_SEARCH_ROWS));
      const all = async function* (): AsyncGenerator<TableRow[]> {
        if (leading.length > 0) yield leading;
        yield* batches;
      };
      return { headers, batches: all() };
    },
    // The digest is known once the whole stream is read (the batch row is written before that).
    sha256: () => (digest ??= hash.digest('hex')),
    close: async () => {
      await chunks.return(undefined).catch(() => undefined);
    },
  };
}
