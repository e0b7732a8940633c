import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { buildXlsx, columnName, crc32, safeSheetName } from './xlsx';

describe('xlsx', () => {
  describe('columnName', () => {
    it('should count columns like Excel', () => {
      expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    });
  });

  describe('crc32', () => {
    it('should match the standard check value', () => {
      expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    });
  });

  describe('safeSheetName', () => {
    it('should drop characters Excel refuses and cut at 31', () => {
      expect(safeSheetName('错误/明细[1]')).toBe('错误 明细 1');
      expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
      expect(safeSheetName(' / ')).toBe('Sheet1');
    });
  });

  describe('buildXlsx', () => {
    it('should write a workbook that a spreadsheet library reads back cell for cell', async () => {
      const rows = [
        ['行号', '列', '值', '错误'],
        [3, '成交金额(元)', '-5', '金额不能为负数'],
        [4, '名称', '=HYPERLINK("http://x")', 'a & <b> "c"\u0001'],
      ];
      const bytes = buildXlsx('导入错误', rows);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe('导入错误');
      expect(sheet.getRow(1).getCell(1).value).toBe('行号');
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.getRow(2).getCell(1).value).toBe(3);
      expect(sheet.getRow(2).getCell(3).value).toBe('-5');
      // Text that looks like a formula stays text.
      expect(sheet.getRow(3).getCell(3).value).toBe('=HYPERLINK("http://x")');
      expect(sheet.getRow(3).getCell(4).value).toBe('a & <b> "c"');
      expect(sheet.rowCount).toBe(3);
    });
  });
});
