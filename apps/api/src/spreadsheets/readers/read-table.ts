import { decodeText, detectDelimiter } from './csv.js';
import { parseCsv } from './csv-stream.js';
import { ImportFileError } from './import-file-error.js';
import { DEFAULT_READ_LIMITS, emptyFile, splitHeader, type HeaderScorer, type ReadLimits, type ReadTableResult } from './table.js';
import { readXlsxRows } from './xlsx.js';

export interface ReadTableOptions {
  // Only for messages: the format is decided by the content, never by the extension.
  filename: string;
  sheet?: string;
  // Scores header candidates among the first rows (a sheet spec's or a dataset's columns); the first non-blank row when absent.
  scoreHeader?: HeaderScorer;
  limits?: Partial<ReadLimits>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const KNOWN_BINARIES: { magic: Buffer; name: string }[] = [
  { magic: Buffer.from('%PDF'), name: 'PDF' },
  { magic: Buffer.from([0x89, 0x50, 0x4e, 0x47]), name: 'PNG' },
  { magic: Buffer.from([0xff, 0xd8, 0xff]), name: 'JPEG' },
  { magic: Buffer.from([0x1f, 0x8b]), name: 'gzip' },
  { magic: Buffer.from('Rar!'), name: 'RAR' },
  { magic: Buffer.from([0x37, 0x7a, 0xbc, 0xaf]), name: '7z' },
];

export async function readTable(buffer: Buffer, options: ReadTableOptions): Promise<ReadTableResult> {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  if (buffer.length === 0) throw emptyFile();
  if (buffer.length > limits.maxFileBytes) {
    throw new ImportFileError(
      'FILE_TOO_LARGE',
      `文件“${options.filename}”超过 ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB`,
      `The file "${options.filename}" is larger than ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB`,
      { limit: limits.maxFileBytes },
    );
  }

  if (sniffFormat(buffer, options.filename) === 'xlsx') {
    const { sheetName, rows } = await readXlsxRows(buffer, options.sheet, limits);
    return { format: 'xlsx', sheetName, ...splitHeader(rows, options.scoreHeader, limits.maxRows) };
  }

  const { text, encoding } = decodeText(buffer);
  const { delimiter, bodyStart } = detectDelimiter(text);
  const rows = parseCsv(bodyStart > 0 ? text.slice(bodyStart) : text, delimiter, limits);
  return { format: 'csv', encoding, delimiter, ...splitHeader(rows, options.scoreHeader, limits.maxRows) };
}

/** From the first bytes of a file: an XLSX (zip) or text to read as CSV; other binaries are refused. */
export function sniffFormat(head: Buffer, filename: string): 'xlsx' | 'text' {
  if (startsWith(head, ZIP_MAGIC) || startsWith(head, EMPTY_ZIP_MAGIC)) return 'xlsx';
  if (startsWith(head, OLE_MAGIC)) {
    throw new ImportFileError(
      'UNSUPPORTED_FORMAT',
      `“${filename}”是旧版 Excel（.xls）或加密的文件，请在 Excel 中另存为 .xlsx（不设密码）`,
      `"${filename}" is a legacy Excel (.xls) or password-protected file; save it as .xlsx without a password`,
    );
  }
  const binary = KNOWN_BINARIES.find(({ magic }) => startsWith(head, magic));
  if (binary) {
    throw new ImportFileError(
      'UNSUPPORTED_FORMAT',
      `“${filename}”是 ${binary.name} 文件，不是 CSV 或 XLSX 表格`,
      `"${filename}" is a ${binary.name} file, not a CSV or XLSX table`,
    );
  }
  return 'text';
}

function startsWith(buffer: Buffer, magic: Buffer): boolean {
  return buffer.length >= magic.length && buffer.subarray(0, magic.length).equals(magic);
}
