import { describe, expect, it } from '@jest/globals';
import { csvCell, toCsv } from './csv';

describe('csv', () => {
  describe('csvCell', () => {
    it('should quote commas, quotes and line breaks', () => {
      expect(csvCell('服务方"1", 西区')).toBe('"服务方""1"", 西区"');
      expect(csvCell('a\nb')).toBe('"a\nb"');
      expect(csvCell(12)).toBe('12');
      expect(csvCell(null)).toBe('');
    });
    it('should neutralise formulas but keep negative numbers when a value starts with a sign', () => {
      expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
      expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
      expect(csvCell('-5')).toBe('-5');
      expect(csvCell('-.5')).toBe('-.5');
      expect(csvCell('-cmd')).toBe("'-cmd");
    });
  });

  describe('toCsv', () => {
    it('should start with a BOM and end every line with CRLF', () => {
      expect(toCsv([['行号', '列'], [3, '成交日期']])).toBe('\uFEFF行号,列\r\n3,成交日期\r\n');
    });
  });
});
