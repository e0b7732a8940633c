// Streaming CSV: bytes arrive in chunks (a file or an upload stream) and rows leave one by one, so a
// 1,000,000-row file never sits in memory whole. Same rules as decodeText + parseCsv (csv.ts).
import iconv from 'iconv-lite';
import { detectDelimiter, emptyText, gb18030Shape, hasControlNoise, notText, type CsvLimits, type TextEncoding } from './csv.js';
import { ImportFileError } from './import-file-error.js';
import { cellTooLong, isBlankRow, tooManyColumns, tooManyRows, HEADER_SEARCH_ROWS, type TableRow } from './table.js';

// Bytes looked at to choose the encoding and the delimiter.
export const SNIFF_BYTES = 64 * 1024;

export interface StreamDecoder {
  encoding: TextEncoding;
  write(chunk: Uint8Array): string;
  end(): string;
}

function undecodable(): ImportFileError {
  return notText('含无法识别的字符', 'it contains undecodable characters');
}

/**
 * Chooses the encoding from the first bytes of a text (UTF-8 with or without BOM, else GBK or
 * GB18030) and returns a streaming decoder for the whole text, starting with these same bytes.
 * `complete`: the sample is the whole text (no sequence may be cut at its end).
 */
export function createStreamDecoder(sample: Uint8Array, complete: boolean): StreamDecoder {
  if (sample.length === 0) throw emptyText();
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new ImportFileError(
      'UNSUPPORTED_ENCODING',
      '不支持 UTF-16 编码的文本，请另存为 “CSV UTF-8” 或 .xlsx',
      'UTF-16 text is not supported; save as "CSV UTF-8" or .xlsx',
    );
  }
  if (sample.includes(0)) throw notText('含二进制数据', 'it contains binary data');
  let utf8 = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
  } catch {
    utf8 = false;
  }
  if (utf8) {
    // The default TextDecoder drops a leading BOM.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const guard = (decode: () => string): string => {
      try {
        return decode();
      } catch {
        throw undecodable();
      }
    };
    return {
      encoding: 'utf-8',
      write: (chunk) => guard(() => decoder.decode(chunk, { stream: true })),
      end: () => guard(() => decoder.decode()),
    };
  }
  const shape = gb18030Shape(sample, !complete);
  if (!shape) throw notText('既不是 UTF-8 也不是 GBK/GB18030 文本', 'neither UTF-8 nor GBK/GB18030 text');
  const decoder = iconv.getDecoder('gb18030');
  const checked = (text: string): string => {
    // Invalid or unassigned sequences decode to U+FFFD.
    if (text.includes('\uFFFD')) throw undecodable();
    return text;
  };
  return {
    encoding: shape,
    write: (chunk) => checked(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))),
    end: () => checked(decoder.end() ?? ''),
  };
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Incremental RFC 4180 parser with Excel's leniency (as parseCsv): text is pushed in pieces of any
 * size, complete non-blank records come out; a record cut by the end of a piece waits for the next.
 */
export class CsvStreamParser {
  private buffer = '';
  private position = 0;
  private recordNumber = 0;
  private nonBlank = 0;
  private readonly delimiterCode: number;
  private readonly maxRecords: number;
  private readonly maxRawFields: number;

  constructor(
    delimiter: string,
    private readonly limits: CsvLimits,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
    this.maxRecords = limits.maxRows + HEADER_SEARCH_ROWS;
    this.maxRawFields = limits.maxColumns * 10;
  }

  push(text: string): TableRow[] {
    this.buffer = this.position > 0 ? this.buffer.slice(this.position) + text : this.buffer + text;
    this.position = 0;
    return this.drain(false);
  }

  end(): TableRow[] {
    const rows = this.drain(true);
    this.buffer = '';
    this.position = 0;
    return rows;
  }

  private drain(final: boolean): TableRow[] {
    const rows: TableRow[] = [];
    while (this.position < this.buffer.length) {
      const row = this.record(final);
      if (!row) break;
      if (!isBlankRow(row)) {
        rows.push(row);
        if (++this.nonBlank > this.maxRecords) throw tooManyRows(this.limits.maxRows);
      }
    }
    return rows;
  }

  // The record starting at `position`, or null when the buffer ends inside it (and more may come).
  private record(final: boolean): TableRow | null {
    const text = this.buffer;
    const n = text.length;
    const { maxCellLength, maxColumns } = this.limits;
    const rowNumber = this.recordNumber + 1;
    const delimiterCode = this.delimiterCode;
    const fieldEnd = (from: number): number => {
      let j = from;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delimiterCode || c === LF || c === CR) break;
        j++;
        if (j - from > maxCellLength) throw cellTooLong(maxCellLength, rowNumber);
      }
      return j;
    };

    const cells: string[] = [];
    let lastFilled = -1;
    let i = this.position;
    for (;;) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1) {
            if (n - from + value.length > maxCellLength) throw cellTooLong(maxCellLength, rowNumber);
            if (!final) return null;
            throw new ImportFileError('MALFORMED_CSV', `第 ${rowNumber} 行的引号没有闭合`, `Unterminated quoted field starting in row ${rowNumber}`, { row: rowNumber });
          }
          if (close - from + value.length > maxCellLength) throw cellTooLong(maxCellLength, rowNumber);
          // A quote at the very end may be the first half of an escaped "".
          if (close + 1 >= n && !final) return null;
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        const end = fieldEnd(i);
        if (end >= n && !final) return null;
        value += text.slice(i, end);
        i = end;
      } else {
        const end = fieldEnd(i);
        if (end >= n && !final) return null;
        value = text.slice(i, end);
        i = end;
      }
      if (value.length > maxCellLength) throw cellTooLong(maxCellLength, rowNumber);
      if (value.trim() !== '') {
        if (cells.length >= maxColumns) throw tooManyColumns(maxColumns, rowNumber);
        lastFilled = cells.length;
      }
      cells.push(value);
      if (cells.length > this.maxRawFields) throw tooManyColumns(maxColumns, rowNumber);

      const c = text.charCodeAt(i);
      if (c === delimiterCode) {
        i++;
        continue;
      }
      if (c === CR) {
        // CR at the end of a piece: CRLF or CR alone is decided by the next piece.
        if (i + 1 >= n && !final) return null;
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else if (c === LF) i++;
      break;
    }
    cells.length = lastFilled + 1;
    this.recordNumber = rowNumber;
    this.position = i;
    return { row: rowNumber, cells };
  }
}

export interface CsvStream {
  encoding: TextEncoding;
  delimiter: string;
  /** The rows one by one. Read either `rows` or `batches`, not both. */
  rows: AsyncGenerator<TableRow>;
  /**
   * The same rows, as the arrays each decoded chunk gives (none empty): one await per chunk instead
   * of one per row, for callers that handle a million rows.
   */
  batches: AsyncGenerator<TableRow[]>;
}

/**
 * Reads a CSV from byte chunks: the encoding and the delimiter are chosen on the first
 * SNIFF_BYTES, then rows are produced as the chunks arrive (never more than a chunk and one
 * record in memory). Throws ImportFileError as readTable does.
 */
export async function readCsvStream(chunks: AsyncIterable<Uint8Array>, limits: CsvLimits): Promise<CsvStream> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const sample = Buffer.concat(head);
  const decoder = createStreamDecoder(sample, done);
  const first = decoder.write(sample) + (done ? decoder.end() : '');
  if (hasControlNoise(first)) throw notText('含二进制数据', 'it contains binary data');
  const { delimiter, bodyStart } = detectDelimiter(first);
  const parser = new CsvStreamParser(delimiter, limits);

  async function* batches(): AsyncGenerator<TableRow[]> {
    try {
      let batch = parser.push(bodyStart > 0 ? first.slice(bodyStart) : first);
      if (batch.length > 0) yield batch;
      if (!done) {
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          batch = parser.push(decoder.write(next.value));
          if (batch.length > 0) yield batch;
        }
        batch = parser.push(decoder.end());
        if (batch.length > 0) yield batch;
      }
      batch = parser.end();
      if (batch.length > 0) yield batch;
    } finally {
      await iterator.return?.();
    }
  }
  const batched = batches();
  async function* rows(): AsyncGenerator<TableRow> {
    for await (const batch of batched) yield* batch;
  }
  return { encoding: decoder.encoding, delimiter, rows: rows(), batches: batched };
}

/**
 * A whole text parsed at once (a pasted table, a small file already in memory): the streaming parser
 * given one piece, so there is one CSV grammar — RFC 4180 with Excel's leniency (quotes inside unquoted
 * fields are literal, text after a closing quote is kept, CR, LF or CRLF end a record). Returns the
 * non-blank records.
 */
export function parseCsv(text: string, delimiter: string, limits: CsvLimits): TableRow[] {
  const parser = new CsvStreamParser(delimiter, limits);
  return [...parser.push(text), ...parser.end()];
}
