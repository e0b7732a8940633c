import iconv from 'iconv-lite';
import { ImportFileError } from './import-file-error.js';
import { HEADER_SEARCH_ROWS } from './table.js';

export type TextEncoding = 'utf-8' | 'gbk' | 'gb18030';

const SAMPLE_CHARS = 64 * 1024;

export function notText(reason: string, reasonEn: string): ImportFileError {
  return new ImportFileError(
    'UNSUPPORTED_FORMAT',
    `文件不是 CSV 或 XLSX 表格（${reason}），请另存为 .xlsx 或 CSV 后再导入`,
    `The file is not a CSV or XLSX table (${reasonEn}); save it as .xlsx or CSV and try again`,
  );
}

// Chinese Excel saves CSV in GBK (code page 936); newer tools in UTF-8, with or without BOM.
// Valid UTF-8 is tried first: GBK text is practically never valid UTF-8, while ASCII is both.
export function decodeText(buffer: Buffer): { text: string; encoding: TextEncoding } {
  if (buffer.length === 0) throw emptyText();
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    throw new ImportFileError(
      'UNSUPPORTED_ENCODING',
      '不支持 UTF-16 编码的文本，请另存为 “CSV UTF-8” 或 .xlsx',
      'UTF-16 text is not supported; save as "CSV UTF-8" or .xlsx',
    );
  }
  if (buffer.includes(0)) throw notText('含二进制数据', 'it contains binary data');

  let text: string;
  let encoding: TextEncoding;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    encoding = 'utf-8';
  } catch {
    const shape = gb18030Shape(buffer);
    if (!shape) throw notText('既不是 UTF-8 也不是 GBK/GB18030 文本', 'neither UTF-8 nor GBK/GB18030 text');
    text = iconv.decode(buffer, 'gb18030');
    // Structurally valid but unassigned four-byte codes decode to U+FFFD.
    if (text.includes('\uFFFD')) throw notText('含无法识别的字符', 'it contains undecodable characters');
    encoding = shape;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (hasControlNoise(text)) throw notText('含二进制数据', 'it contains binary data');
  return { text, encoding };
}

export function emptyText(): ImportFileError {
  return new ImportFileError('EMPTY_FILE', '文件为空，没有任何数据', 'The file is empty');
}

// GB18030 byte structure: ASCII, two bytes (81–FE, 40–7E|80–FE) or four (81–FE, 30–39, 81–FE, 30–39).
// GBK is the two-byte part, so a file without four-byte sequences is reported as GBK.
// `partial`: the bytes are the start of a longer text, so a sequence cut at the end is accepted.
export function gb18030Shape(bytes: Uint8Array, partial = false): 'gbk' | 'gb18030' | null {
  let fourByte = false;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b1 = bytes[i];
    // 0x80 is the euro sign in Windows' GBK (code page 936).
    if (b1 <= 0x80) {
      i++;
      continue;
    }
    if (partial && i + 3 >= n && b1 !== 0xff) break;
    if (b1 === 0xff || i + 1 >= n) return null;
    const b2 = bytes[i + 1];
    if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) {
      i += 2;
      continue;
    }
    if (b2 >= 0x30 && b2 <= 0x39 && i + 3 < n) {
      const b3 = bytes[i + 2];
      const b4 = bytes[i + 3];
      if (b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) {
        fourByte = true;
        i += 4;
        continue;
      }
    }
    return null;
  }
  return fourByte ? 'gb18030' : 'gbk';
}

// Text exports hold no control characters besides tab and line breaks; a few strays are tolerated.
export function hasControlNoise(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) controls++;
  }
  return controls > Math.max(2, sample.length / 200);
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

// Excel writes "sep=;" as the first line when asked to; otherwise the delimiter is the one that
// splits most of the first lines into the same number of fields (quoted text ignored).
export function detectDelimiter(text: string): { delimiter: string; bodyStart: number } {
  const sepLine = /^sep=(.)\r?\n/.exec(text.slice(0, 16));
  if (sepLine) return { delimiter: sepLine[1], bodyStart: sepLine[0].length };

  const lines = text
    .slice(0, SAMPLE_CHARS)
    .replace(/"[^"]*"/g, '')
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== '')
    .slice(0, HEADER_SEARCH_ROWS + 5);
  let best: { delimiter: string; lines: number; fields: number } = { delimiter: ',', lines: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const fields = line.split(delimiter).length - 1;
      if (fields > 0) counts.set(fields, (counts.get(fields) ?? 0) + 1);
    }
    for (const [fields, lineCount] of counts) {
      if (lineCount > best.lines || (lineCount === best.lines && fields > best.fields)) {
        best = { delimiter, lines: lineCount, fields };
      }
    }
  }
  return { delimiter: best.delimiter, bodyStart: 0 };
}

export interface CsvLimits {
  maxRows: number;
  maxColumns: number;
  maxCellLength: number;
}
