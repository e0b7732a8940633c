import { describe, expect, it } from '@jest/globals';
import { errorColumns, errorReportBaseName, errorReportRows, filterRowErrors, rowErrorMessage, rowErrorsOf, type ImportRowError } from './import-errors';

const ERRORS: ImportRowError[] = [
  { row: 3, column: '成交日期', value: '2021-02-30', code: 'INVALID_DATE', message: '日期不存在', messageEn: 'no such calendar date' },
  { row: 3, column: '成交金额(元)', value: '-5', code: 'NEGATIVE_AMOUNT', message: '金额不能为负数', messageEn: 'amount must not be negative' },
  { row: 12, column: '区划代码', value: '510402', code: 'OUT_OF_SCOPE', message: '区划 510402 不在您的权限范围内' },
];

describe('import-errors', () => {
  describe('rowErrorMessage', () => {
    it('should use English when English is chosen and the API gave it', () => {
      expect(rowErrorMessage(ERRORS[0]!, false)).toBe('no such calendar date');
      expect(rowErrorMessage(ERRORS[0]!, true)).toBe('日期不存在');
    });
    it('should fall back to the Chinese message when there is no English one', () => {
      expect(rowErrorMessage(ERRORS[2]!, false)).toBe('区划 510402 不在您的权限范围内');
    });
    it('should say what a list column expects instead of "类型无法识别", whatever the column', () => {
      const channel: ImportRowError = {
        row: 4,
        column: '渠道',
        value: '微信',
        code: 'UNKNOWN_KIND',
        message: '类型无法识别，可选值：线上、线下',
        messageEn: 'unknown value; allowed: 线上, 线下',
      };
      const words = { unknownKind: (column: string, allowed: string) => `“${column}”一栏应填写以下之一：${allowed}` };
      expect(rowErrorMessage(channel, true, words)).toBe('“渠道”一栏应填写以下之一：线上、线下');
      expect(rowErrorMessage(channel, false, { unknownKind: (column, allowed) => `${column} must be one of: ${allowed}` })).toBe('渠道 must be one of: 线上, 线下');
      expect(rowErrorMessage(channel, true)).toBe('类型无法识别，可选值：线上、线下');
    });
  });

  describe('filterRowErrors', () => {
    it('should match the row number exactly and text in either language', () => {
      expect(filterRowErrors(ERRORS, '3').map((e) => e.column)).toEqual(['成交日期', '成交金额(元)']);
      expect(filterRowErrors(ERRORS, 'NEGATIVE').map((e) => e.row)).toEqual([3]);
      expect(filterRowErrors(ERRORS, '权限').map((e) => e.row)).toEqual([12]);
      expect(filterRowErrors(ERRORS, 'calendar').map((e) => e.code)).toEqual(['INVALID_DATE']);
    });
    it('should keep only the chosen column when one is given', () => {
      expect(filterRowErrors(ERRORS, '', '区划代码')).toEqual([ERRORS[2]]);
      expect(filterRowErrors(ERRORS, '  ')).toHaveLength(3);
    });
  });

  describe('errorColumns', () => {
    it('should list each column once in first-seen order', () => {
      expect(errorColumns([...ERRORS, ERRORS[0]!])).toEqual(['成交日期', '成交金额(元)', '区划代码']);
    });
  });

  describe('errorReportRows', () => {
    it('should put the header first and the message in the chosen language', () => {
      const rows = errorReportRows(ERRORS, false, { row: 'Row', column: 'Column', value: 'Value', message: 'Message', code: 'Code' });
      expect(rows[0]).toEqual(['Row', 'Column', 'Value', 'Message', 'Code']);
      expect(rows[2]).toEqual([3, '成交金额(元)', '-5', 'amount must not be negative', 'NEGATIVE_AMOUNT']);
      expect(rows).toHaveLength(4);
    });
  });

  describe('errorReportBaseName', () => {
    it('should derive a safe name from the uploaded file', () => {
      expect(errorReportBaseName('西区 成交/11月.csv', 'import')).toBe('西区_成交_11月-errors');
      expect(errorReportBaseName(null, 'import-5edb83e9')).toBe('import-5edb83e9-errors');
    });
  });

  describe('rowErrorsOf', () => {
    it('should keep the row errors of a refused import (any importer) and drop field errors', () => {
      const body = {
        code: 'ROWS_REJECTED',
        errors: [
          { field: 'file', code: 'FILE_REQUIRED', message: '请选择要上传的文件' },
          { row: 4, column: '区县', value: '东区', code: 'DIVISION_AMBIGUOUS', message: '名称“东区”对应多个区划', messageEn: '"东区" names several divisions' },
        ],
      };
      expect(rowErrorsOf(body)).toEqual([{ row: 4, column: '区县', value: '东区', code: 'DIVISION_AMBIGUOUS', message: '名称“东区”对应多个区划', messageEn: '"东区" names several divisions' }]);
      expect(rowErrorsOf(undefined)).toEqual([]);
    });
  });
});
