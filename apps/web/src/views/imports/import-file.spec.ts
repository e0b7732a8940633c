import { describe, expect, it } from '@jest/globals';
import { checkImportFile, formatBytes } from './import-file';

const MB = 1024 * 1024;

describe('import-file', () => {
  describe('checkImportFile', () => {
    it('should accept CSV and XLSX in any case when the size is within the limit', () => {
      expect(checkImportFile({ name: '西区成交.csv', size: 10 }, 20 * MB)).toBeNull();
      expect(checkImportFile({ name: 'DEALS.XLSX', size: 20 * MB }, 20 * MB)).toBeNull();
    });
    it('should name the problem when the file cannot be imported', () => {
      expect(checkImportFile({ name: 'deals.xls', size: 10 }, MB)).toBe('legacyXls');
      expect(checkImportFile({ name: 'deals.pdf', size: 10 }, MB)).toBe('extension');
      expect(checkImportFile({ name: 'csv', size: 10 }, MB)).toBe('extension');
      expect(checkImportFile({ name: 'deals.csv', size: 0 }, MB)).toBe('empty');
      expect(checkImportFile({ name: 'deals.csv', size: MB + 1 }, MB)).toBe('tooLarge');
    });
  });

  describe('formatBytes', () => {
    it('should use binary units with at most one decimal', () => {
      expect(formatBytes(512)).toBe('512 B');
      expect(formatBytes(1536)).toBe('1.5 KB');
      expect(formatBytes(20 * MB)).toBe('20 MB');
      expect(formatBytes(150 * MB)).toBe('150 MB');
    });
    it('should show a dash when the size is not a number', () => {
      expect(formatBytes(Number.NaN)).toBe('—');
    });
  });
});
