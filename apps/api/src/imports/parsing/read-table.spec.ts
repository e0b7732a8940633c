import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { expectFileError, handMadeXlsx, inlineRow, toCsv, toXlsx, zip } from '../../../../../test/support/spreadsheet-files.js';
import { readTable, type ReadTableOptions } from '../../spreadsheets/readers/read-table.js';
import { headerScore } from './headers.js';
import { parseRows } from './parse-rows.js';

const DEAL_ROWS = [
  ['西区科技服务成交明细（2021年）'],
  [],
  ['编号', '类型', '区划代码', '成交日期', '成交金额（元）', '需求方', '服务方', '名称'],
  ['D-001', '科技服务', '510403', '2021-03-01', '1234.5', '攀钢集团', '西区科技服务中心', '钒钛检测, 第一批'],
  ['D-002', '科技成果转化', '510403', '2021-11-30', '1500000', '某公司', '', '成果 "转化"\n第二期'],
  ['D-003', '科研项目', '510403', '2020-07-16', '0.01', '', '', ''],
];

const resolveDivision = (value: string) =>
  ({ '510403': { code: '510403' }, 西区: { code: '510403' }, 攀枝花市西区: { code: '510403' } })[value] ?? {
    error: { code: 'DIVISION_UNKNOWN' as const, message: `未知区县 ${value}`, messageEn: `unknown division ${value}`, params: { value } },
  };
const ctx = { resolveDivision, today: '2021-12-15' };

// The shared reader with the platform datasets' header scoring, as the importer finds a header.
const read = (buffer: Buffer, options: Partial<ReadTableOptions> = {}) => readTable(buffer, { filename: 'deals.csv', scoreHeader: (cells) => headerScore(cells), ...options });

describe('readTable', () => {
  describe('encodings and formats', () => {
    it('should give identical tables and parsed rows when the same rows come as UTF-8, UTF-8 BOM, GBK, GB18030 and XLSX', async () => {
      const csv = toCsv(DEAL_ROWS);
      const files = {
        utf8: Buffer.from(csv, 'utf8'),
        utf8Bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
        gbk: iconv.encode(csv, 'gbk'),
        gb18030: iconv.encode(csv, 'gb18030'),
        xlsx: await toXlsx(DEAL_ROWS),
      };

      const tables = await Promise.all(Object.values(files).map((buffer) => read(buffer)));

      expect(tables.map((table) => [table.format, table.encoding])).toEqual([
        ['csv', 'utf-8'],
        ['csv', 'utf-8'],
        ['csv', 'gbk'],
        ['csv', 'gbk'],
        ['xlsx', undefined],
      ]);
      const comparable = tables.map(({ headerRow, headers, rows }) => ({ headerRow, headers, rows }));
      for (const table of comparable.slice(1)) expect(table).toEqual(comparable[0]);
      expect(comparable[0].headerRow).toBe(3);
      expect(comparable[0].rows[1]).toEqual({
        row: 5,
        cells: ['D-002', '科技成果转化', '510403', '2021-11-30', '1500000', '某公司', '', '成果 "转化"\n第二期'],
      });
      const parsed = tables.map((table) => parseRows('deals', table, ctx));
      for (const result of parsed.slice(1)) expect(result).toEqual(parsed[0]);
      expect(parsed[0].errors).toEqual([]);
      expect(parsed[0].rows.map((row) => row.amountYuan)).toEqual(['1234.50', '1500000.00', '0.01']);
    });

    it('should report gb18030 when the file has characters outside GBK', async () => {
      const buffer = iconv.encode(toCsv([['编号', '名称'], ['1', '𠮷㐀']]), 'gb18030');

      const table = await read(buffer);

      expect(table.encoding).toBe('gb18030');
      expect(table.rows[0].cells).toEqual(['1', '𠮷㐀']);
    });

    it('should read the euro sign of Windows GBK when the file was saved by Chinese Excel', async () => {
      const table = await read(iconv.encode('编号,名称\r\n1,€5\r\n', 'gbk'));

      expect(table.encoding).toBe('gbk');
      expect(table.rows[0].cells).toEqual(['1', '€5']);
    });

    it('should detect XLSX by content when the file name says csv', async () => {
      const table = await read(await toXlsx(DEAL_ROWS), { filename: 'export.csv' });

      expect(table.format).toBe('xlsx');
      expect(table.sheetName).toBe('成交明细');
    });
  });

  describe('CSV dialects', () => {
    it('should detect semicolons and tabs when they separate the fields', async () => {
      const rows = [['编号', '类型', '名称'], ['1', '科技服务', 'a,b']];

      const semicolon = await read(Buffer.from(toCsv(rows, ';')));
      const tab = await read(Buffer.from(toCsv(rows, '\t', '\n')));

      expect(semicolon.delimiter).toBe(';');
      expect(tab.delimiter).toBe('\t');
      expect(semicolon.rows).toEqual(tab.rows);
      expect(tab.rows[0].cells).toEqual(['1', '科技服务', 'a,b']);
    });

    it('should honour a sep= line when Excel wrote one', async () => {
      const table = await read(Buffer.from('sep=|\n编号|名称\n1|x;y,z\n'));

      expect(table.delimiter).toBe('|');
      expect(table.headerRow).toBe(1);
      expect(table.rows[0]).toEqual({ row: 2, cells: ['1', 'x;y,z'] });
    });

    it('should count a record with an embedded newline as one Excel row when numbering rows', async () => {
      const table = await read(Buffer.from('编号,名称\n1,"a\r\nb"\n2,c\r3,d'));

      expect(table.rows).toEqual([
        { row: 2, cells: ['1', 'a\r\nb'] },
        { row: 3, cells: ['2', 'c'] },
        { row: 4, cells: ['3', 'd'] },
      ]);
    });

    it('should keep stray quotes literally and drop blank lines and trailing empty fields when the CSV is sloppy', async () => {
      const table = await read(Buffer.from('编号,名称,,,\n\n1,5" pipe,,,\n , ,\n2,"x"y\n'));

      expect(table.headers).toEqual(['编号', '名称']);
      expect(table.rows).toEqual([
        { row: 3, cells: ['1', '5" pipe'] },
        { row: 5, cells: ['2', 'xy'] },
      ]);
    });

    it('should reject the file when a quoted field never closes', async () => {
      await expectFileError(read(Buffer.from('编号,名称\n1,"abc\n2,d\n')), 'MALFORMED_CSV');
    });
  });

  describe('header row', () => {
    it('should skip title rows when the header comes later', async () => {
      const table = await read(Buffer.from('2021年科普服务统计\n单位：户、人次\n区县,日期,渠道,服务户数,服务人次\n西区,2021-11-01,短信,10,20\n'));

      expect(table.headerRow).toBe(3);
      expect(table.headers).toEqual(['区县', '日期', '渠道', '服务户数', '服务人次']);
    });

    it('should fall back to the first non-empty row when nothing looks like a header', async () => {
      const table = await read(Buffer.from('\nfoo,bar\n1,2\n'));

      expect(table.headerRow).toBe(2);
      expect(table.headers).toEqual(['foo', 'bar']);
    });
  });

  describe('XLSX cells', () => {
    it('should turn date cells and date serials into the day typed when the process runs in another time zone', async () => {
      const previousTz = process.env.TZ;
      process.env.TZ = 'America/Los_Angeles';
      try {
        const buffer = await toXlsx(
          [
            ['编号', '成交日期', '成交金额(元)'],
            ['A', new Date(Date.UTC(2021, 2, 1)), 0.1 + 0.2],
            ['B', 44530, 1e21],
            ['C', new Date(Date.UTC(2021, 10, 30, 23, 59)), 12],
          ],
          (sheet) => {
            sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
            sheet.getCell('B3').numFmt = 'yyyy"年"m"月"d"日"';
            sheet.getCell('B4').numFmt = 'yyyy/m/d h:mm';
          },
        );

        const table = await read(buffer);

        expect(table.rows.map((row) => row.cells)).toEqual([
          ['A', '2021-03-01', '0.3'],
          ['B', '2021-11-30', '1000000000000000000000'],
          ['C', '2021-11-30', '12'],
        ]);
      } finally {
        process.env.TZ = previousTz;
      }
    });

    it('should use the cached result of a formula and flag a formula without one when reading XLSX', async () => {
      const buffer = await toXlsx([['编号', '成交日期', '成交金额(元)', '名称']], (sheet) => {
        sheet.addRow(['A', { formula: 'DATE(2021,3,1)', result: 44256 }, { formula: '1+1', result: 2 }, { formula: '"x"&"y"', result: 'xy' }]);
        sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
        sheet.addRow(['B', '2021-03-02', { formula: 'C2*10' }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
      });

      const table = await read(buffer);

      expect(table.rows[0].cells).toEqual(['A', '2021-03-01', '2', 'xy']);
      expect(table.rows[1].cells).toEqual(['B', '2021-03-02']);
      expect(table.rows[1].cellIssues?.map((issue) => issue.column)).toEqual([2, 3]);
      expect(table.rows[1].cellIssues?.[0].messageEn).toMatch(/formula without a cached result/);
    });

    it('should flatten rich text and hyperlinks to plain text when reading XLSX', async () => {
      const buffer = await toXlsx([['编号', '名称']], (sheet) => {
        sheet.addRow([{ richText: [{ text: '钒钛', font: { bold: true } }, { text: '检测' }] }, { text: '官网', hyperlink: 'https://example.com' }]);
      });

      const table = await read(buffer);

      expect(table.rows[0].cells).toEqual(['钒钛检测', '官网']);
    });

    it('should read the named sheet when one is requested and list the sheets when it does not exist', async () => {
      const buffer = await toXlsx([['说明']], (_sheet, workbook) => {
        workbook.addWorksheet('Deals').addRow(['编号', '类型']);
        workbook.getWorksheet('Deals')!.addRow(['1', '科技服务']);
      });

      const table = await read(buffer, { sheet: 'deals' });
      const error = await expectFileError(read(buffer, { sheet: '不存在' }), 'SHEET_NOT_FOUND');

      expect(table.sheetName).toBe('Deals');
      expect(table.rows[0].cells).toEqual(['1', '科技服务']);
      expect(error.message).toContain('成交明细、Deals');
    });

    it('should read inline strings from a sheet at an unusual path when the XLSX was not written by Excel', async () => {
      const table = await read(handMadeXlsx(inlineRow(1, ['编号', '类型']) + inlineRow(2, ['7', 'a &amp; b'])));

      expect(table.sheetName).toBe('数据');
      expect(table.rows).toEqual([{ row: 2, cells: ['7', 'a & b'] }]);
    });

    it('should flag a cell when a formula has no cached value in a hand-made XLSX', async () => {
      const table = await read(handMadeXlsx(inlineRow(1, ['编号', '金额']) + '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2*2</f></c></row>'));

      expect(table.rows[0].cells).toEqual(['1']);
      expect(table.rows[0].cellIssues).toHaveLength(1);
    });
  });

  describe('hostile input', () => {
    it('should reject an empty file', async () => {
      await expectFileError(read(Buffer.alloc(0)), 'EMPTY_FILE');
      await expectFileError(read(Buffer.from('\ufeff\r\n , \r\n')), 'EMPTY_FILE');
    });

    it('should reject binary garbage when it has NUL bytes or is valid in no encoding', async () => {
      const garbage = randomBytes(64 * 1024);
      const withoutNul = Buffer.from(garbage.map((b) => (b === 0 ? 0xff : b)));

      await expectFileError(read(garbage), 'UNSUPPORTED_FORMAT');
      await expectFileError(read(withoutNul), 'UNSUPPORTED_FORMAT');
    });

    it('should name legacy .xls, PDF and UTF-16 files when they are uploaded', async () => {
      const xls = await expectFileError(read(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), { filename: 'a.xls' }), 'UNSUPPORTED_FORMAT');
      await expectFileError(read(Buffer.from('%PDF-1.7\n')), 'UNSUPPORTED_FORMAT');
      await expectFileError(read(Buffer.from('\ufeff编号', 'utf16le')), 'UNSUPPORTED_ENCODING');

      expect(xls.message).toContain('.xlsx');
    });

    it('should reject a file over the size limit', async () => {
      await expectFileError(read(Buffer.from('编号\n1\n'), { limits: { maxFileBytes: 4 } }), 'FILE_TOO_LARGE');
    });

    it('should stop quickly with a typed error when a 50 MB file is a single line', async () => {
      const started = Date.now();

      await expectFileError(read(Buffer.alloc(50 * 1024 * 1024, 'a')), 'CELL_TOO_LONG');

      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('should reject 10,000 columns in CSV and in XLSX', async () => {
      const wide = Array.from({ length: 10_000 }, (_, i) => `c${i}`);

      await expectFileError(read(Buffer.from(`${wide.join(',')}\n`)), 'TOO_MANY_COLUMNS');
      await expectFileError(read(await toXlsx([wide])), 'TOO_MANY_COLUMNS');
      await expectFileError(read(Buffer.from(`a${','.repeat(10_000)}\n`)), 'TOO_MANY_COLUMNS');
    });

    it('should accept up to the configured number of columns', async () => {
      const table = await read(Buffer.from('a,b,c\n1,2,3\n'), { limits: { maxColumns: 3 } });

      expect(table.rows[0].cells).toEqual(['1', '2', '3']);
    });

    it('should reject more data rows than the configured limit in CSV and XLSX', async () => {
      const rows = [['编号'], ...Array.from({ length: 6 }, (_, i) => [`${i}`])];

      await expectFileError(read(Buffer.from(toCsv(rows)), { limits: { maxRows: 5 } }), 'TOO_MANY_ROWS');
      await expectFileError(read(await toXlsx(rows), { limits: { maxRows: 5 } }), 'TOO_MANY_ROWS');
      expect((await read(Buffer.from(toCsv(rows)), { limits: { maxRows: 6 } })).rows).toHaveLength(6);
    });

    it('should reject a cell longer than the limit in CSV (quoted or not) and in XLSX', async () => {
      const long = 'x'.repeat(101);
      const limits = { maxCellLength: 100 };

      await expectFileError(read(Buffer.from(`编号,名称\n1,${long}\n`), { limits }), 'CELL_TOO_LONG');
      await expectFileError(read(Buffer.from(`编号,名称\n1,"${long}"\n`), { limits }), 'CELL_TOO_LONG');
      await expectFileError(read(await toXlsx([['编号', '名称'], ['1', long]]), { limits }), 'CELL_TOO_LONG');
    });

    it('should refuse a zip bomb before exceljs inflates it', async () => {
      const padding = ' '.repeat(20 * 1024 * 1024);
      const bomb = handMadeXlsx(`${inlineRow(1, ['编号'])}${padding}`);

      expect(bomb.length).toBeLessThan(100 * 1024);
      await expectFileError(read(bomb, { limits: { maxUncompressedBytes: 8 * 1024 * 1024 } }), 'XLSX_TOO_LARGE');
    });

    it('should refuse an XLSX whose declared sizes lie', async () => {
      const honest = handMadeXlsx(inlineRow(1, ['编号']) + inlineRow(2, ['1']));
      const directory = honest.readUInt32LE(honest.length - 6);
      const lying = Buffer.from(honest);
      // Last central record is the sheet; shrink its declared uncompressed size.
      let p = directory;
      for (let k = 0; k < 3; k++) p += 46 + lying.readUInt16LE(p + 28);
      lying.writeUInt32LE(10, p + 24);

      await expectFileError(read(lying), 'INVALID_XLSX');
    });

    it('should reject a ZIP that is not a workbook and a truncated XLSX', async () => {
      const xlsx = await toXlsx(DEAL_ROWS);

      await expectFileError(read(zip({ 'readme.txt': 'hello' })), 'INVALID_XLSX');
      await expectFileError(read(xlsx.subarray(0, xlsx.length - 40)), 'INVALID_XLSX');
      await expectFileError(read(Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(4096)])), 'INVALID_XLSX');
    });

    it('should reject a zip with hidden data between entries', async () => {
      const honest = handMadeXlsx(inlineRow(1, ['编号']));
      const directory = honest.readUInt32LE(honest.length - 6);
      const smuggled = Buffer.concat([honest.subarray(0, directory), Buffer.from('hidden'), honest.subarray(directory)]);
      smuggled.writeUInt32LE(directory + 6, smuggled.length - 6);

      await expectFileError(read(smuggled), 'INVALID_XLSX');
    });

    it('should report an empty sheet as an empty file', async () => {
      await expectFileError(read(await toXlsx([])), 'EMPTY_FILE');
    });
  });
});
