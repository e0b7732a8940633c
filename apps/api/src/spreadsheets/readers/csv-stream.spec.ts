import iconv from 'iconv-lite';
import { createStreamDecoder, CsvStreamParser, readCsvStream } from './csv-stream.js';
import { parseCsv } from './csv-stream.js';
import { isImportFileError } from './import-file-error.js';
import { type TableRow } from './table.js';

const LIMITS = { maxRows: 1_000, maxColumns: 50, maxCellLength: 1_000 };

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Buffer, chunkSize: number): Promise<{ encoding: string; delimiter: string; rows: TableRow[] }> {
  const csv = await readCsvStream(chunksOf(bytes, chunkSize), LIMITS);
  const rows: TableRow[] = [];
  for await (const row of csv.rows) rows.push(row);
  return { encoding: csv.encoding, delimiter: csv.delimiter, rows };
}

function parseInPieces(text: string, size: number): TableRow[] {
  const parser = new CsvStreamParser(',', LIMITS);
  const rows: TableRow[] = [];
  for (let i = 0; i < text.length; i += size) rows.push(...parser.push(text.slice(i, i + size)));
  rows.push(...parser.end());
  return rows;
}

const TEXT = '编号,名称,服务方\r\nD-1,"钒钛 ""技术"", 服务","第一行\n第二行"\r\n\r\nD-2,西区,\rD-3,"",东区\nD-4,"末尾""",x';

describe('streaming CSV', () => {
  it('should give the same rows as parseCsv whatever the size of the pieces', () => {
    const expected = parseCsv(TEXT, ',', LIMITS);
    expect(expected.map((row) => row.cells[1])).toEqual(['名称', '钒钛 "技术", 服务', '西区', '', '末尾"']);
    for (const size of [1, 2, 3, 5, 7, 16, TEXT.length]) expect(parseInPieces(TEXT, size)).toEqual(expected);
  });

  it('should keep a quoted field with line breaks whole when a piece ends inside it', () => {
    const rows = parseInPieces('a,b\r\n1,"x\r\ny"\r\n2,z\r\n', 8);
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', 'x\r\ny'] },
      { row: 3, cells: ['2', 'z'] },
    ]);
  });

  it('should treat a CR at the end of a piece as one line break when the LF comes in the next piece', () => {
    expect(parseInPieces('a,b\r\nc,d', 4).map((row) => row.row)).toEqual([1, 2]);
  });

  it('should refuse an unterminated quote at the end of the text', () => {
    const parser = new CsvStreamParser(',', LIMITS);
    expect(parser.push('a,"open\n')).toEqual([]);
    expect(() => parser.end()).toThrow(expect.objectContaining({ code: 'MALFORMED_CSV' }));
  });

  it('should refuse a cell longer than the limit before the text ends', () => {
    const parser = new CsvStreamParser(',', LIMITS);
    expect(() => parser.push('"' + 'x'.repeat(1_200))).toThrow(expect.objectContaining({ code: 'CELL_TOO_LONG' }));
  });

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8'],
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['GBK', iconv.encode(TEXT, 'gbk'), 'gbk'],
    ['GB18030 with four-byte characters', iconv.encode(TEXT + '\r\n㐀,𠀀,x', 'gb18030'), 'gb18030'],
  ])('should decode %s split inside multi-byte characters', async (_name, bytes, encoding) => {
    const expectedText = iconv.decode(bytes, encoding === 'utf-8' ? 'utf8' : 'gb18030').replace(/^\uFEFF/, '');
    const expected = parseCsv(expectedText, ',', LIMITS);
    for (const size of [1, 3, 5, 64 * 1024]) {
      const result = await readAll(bytes, size);
      expect(result.encoding).toBe(encoding);
      expect(result.rows).toEqual(expected);
    }
  });

  it.each([
    ['UTF-8', (text: string) => Buffer.from(text, 'utf8')],
    ['GB18030', (text: string) => iconv.encode(text, 'gb18030')],
  ])('should decode a %s file longer than the sample whose chunks end inside characters and quoted fields', async (_name, encode) => {
    const line = (i: number) => `编号${i},"钒钛𠀀 ""服务"",\n第${i}项",攀枝花西区\r\n`;
    const text = Array.from({ length: 4_000 }, (_, i) => line(i)).join('');
    const bytes = encode(text);
    expect(bytes.length).toBeGreaterThan(3 * 64 * 1024);
    const expected = parseCsv(text, ',', { ...LIMITS, maxRows: 10_000 });
    const csv = await readCsvStream(chunksOf(bytes, 4_099), { ...LIMITS, maxRows: 10_000 });
    const rows: TableRow[] = [];
    for await (const row of csv.rows) rows.push(row);
    expect(rows).toHaveLength(4_000);
    expect(rows).toEqual(expected);
  });

  it('should give the same rows in non-empty batches as one by one when read by batches', async () => {
    const text = Array.from({ length: 900 }, (_, i) => `D-${i},"第${i}项\n${'钒钛'.repeat(40)}",西区\r\n${i % 100 === 0 ? '\r\n' : ''}`).join('');
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.length).toBeGreaterThan(2 * 64 * 1024);
    const expected = (await readAll(bytes, 1_000)).rows;
    const csv = await readCsvStream(chunksOf(bytes, 1_000), LIMITS);
    const batches: TableRow[][] = [];
    for await (const batch of csv.batches) batches.push(batch);
    expect(batches.length).toBeGreaterThan(50);
    expect(batches.every((batch) => batch.length > 0)).toBe(true);
    expect(batches.flat()).toEqual(expected);
    expect(expected).toHaveLength(900);
  });

  it('should choose the encoding on a sample that ends inside a multi-byte character', () => {
    const gbk = iconv.encode('钒钛', 'gbk');
    expect(createStreamDecoder(gbk.subarray(0, 3), false).encoding).toBe('gbk');
    const utf8 = Buffer.from('钒钛', 'utf8');
    expect(createStreamDecoder(utf8.subarray(0, 4), false).encoding).toBe('utf-8');
  });

  it('should refuse invalid UTF-8 after the sample, and UTF-16', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n'.repeat(20_000), 'utf8'), Buffer.from([0xc3, 0x28, 0x0a])]);
    const failure = await readAll(bytes, 4_096).catch((error: unknown) => error);
    expect(isImportFileError(failure)).toBe(true);
    expect(() => createStreamDecoder(Buffer.from([0xff, 0xfe, 0x41, 0x00]), true)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_ENCODING' }));
  });

  it('should detect the delimiter and skip a sep= line', async () => {
    const result = await readAll(Buffer.from('sep=;\r\na;b\r\n1;2\r\n', 'utf8'), 2);
    expect(result.delimiter).toBe(';');
    expect(result.rows.map((row) => row.cells)).toEqual([['a', 'b'], ['1', '2']]);
  });
});
