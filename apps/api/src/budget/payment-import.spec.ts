import { findPaymentHeader, parsePaymentRows, resolveLine } from './payment-import.js';

const lines = [
  { id: '11111111-1111-1111-1111-111111111111', source: 'superior' as const, label: '省级专项' },
  { id: '22222222-2222-2222-2222-222222222222', source: 'local' as const, label: null },
  { id: '33333333-3333-3333-3333-333333333333', source: 'local' as const, label: '区级基金' },
];
const header = { row: 2, cells: ['日期', '金额（元）', '资金来源', '功能分类科目', '经济分类科目', '摘要'] };

describe('payment import parsing', () => {
  describe('findPaymentHeader', () => {
    it('should find the header below a title row and accept full-width parentheses', () => {
      const found = findPaymentHeader([{ row: 1, cells: ['2021年支付明细'] }, header]);
      expect('columns' in found && found.index).toBe(1);
    });

    it('should name the missing columns when the header lacks required ones', () => {
      expect(findPaymentHeader([{ row: 1, cells: ['日期', '金额'] }])).toEqual({ missing: ['资金来源/资金行', '功能分类科目', '经济分类科目'] });
    });
  });

  describe('resolveLine', () => {
    it('should resolve by label, by unique source and by id', () => {
      expect(resolveLine('省级专项', lines)).toEqual({ id: lines[0].id });
      expect(resolveLine('上级财政资金', lines)).toEqual({ id: lines[0].id });
      expect(resolveLine(lines[1].id, lines)).toEqual({ id: lines[1].id });
    });

    it('should refuse an ambiguous source and an unknown line', () => {
      expect(resolveLine('本级', lines)).toEqual({ error: expect.stringContaining('多条') });
      expect(resolveLine('其他资金', lines)).toEqual({ error: expect.stringContaining('没有') });
      expect(resolveLine('乱写', lines)).toEqual({ error: expect.stringContaining('不是该项目的资金行') });
    });
  });

  describe('parsePaymentRows', () => {
    it('should return every payment when all rows are valid', () => {
      const result = parsePaymentRows([header, { row: 3, cells: ['2021-03-01', '1,200.5', '上级', '2060702', '30227', '运维'] }], lines, 2021);
      expect(result).toEqual({ ok: true, payments: [{ row: 3, fundingLineId: lines[0].id, paidOn: '2021-03-01', amount: '1200.50', functionalCode: '2060702', economicCode: '30227', memo: '运维' }] });
    });

    it('should report each bad cell with its row and column and return no payment when one row is bad', () => {
      const result = parsePaymentRows(
        [header, { row: 3, cells: ['2021-03-01', '100', '上级', '206', '302'] }, { row: 4, cells: ['2022-01-01', '0', '本级', '2060', '3'] }],
        lines,
        2021,
      );
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors.map((e) => [e.row, e.field])).toEqual([
        [4, '日期'],
        [4, '金额(元)'],
        [4, '资金来源/资金行'],
        [4, '功能分类科目'],
        [4, '经济分类科目'],
      ]);
    });

    it('should refuse a file with a header and no data rows', () => {
      expect(parsePaymentRows([header], lines, 2021)).toMatchObject({ ok: false, errors: [{ field: '表头' }] });
    });
  });
});
