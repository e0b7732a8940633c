import { PAYMENTS_SHEET, resolveLine } from './payments.sheet.js';
import { applySheetRow, matchSheetHeaders, sheetHeaderScore } from '../../spreadsheets/sheet-spec.js';

const lines = [
  { id: '11111111-1111-1111-1111-111111111111', source: 'superior' as const, label: '省级专项' },
  { id: '22222222-2222-2222-2222-222222222222', source: 'local' as const, label: null },
  { id: '33333333-3333-3333-3333-333333333333', source: 'local' as const, label: '区级基金' },
];
const headers = ['日期', '金额（元）', '资金来源', '功能分类科目', '经济分类科目', '摘要'];
const context = { lines, year: 2021 };
const mapping = matchSheetHeaders(PAYMENTS_SHEET.columns, headers);
const apply = (cells: string[], row = 3) => applySheetRow(PAYMENTS_SHEET, mapping, { row, cells }, context);

describe('the payments sheet', () => {
  describe('headers', () => {
    it('should prefer the header row to a title row and accept full-width parentheses and aliases', () => {
      const score = sheetHeaderScore(PAYMENTS_SHEET.columns);
      expect(score(['2021年支付明细'])).toBe(0);
      expect(score(headers)).toBe(6);
      expect(mapping.missing).toEqual([]);
      expect(mapping.columns.amount).toEqual({ index: 1, header: '金额（元）' });
    });

    it('should name the missing required columns (摘要 is optional)', () => {
      expect(matchSheetHeaders(PAYMENTS_SHEET.columns, ['日期', '金额']).missing).toEqual(['line', 'functionalCode', 'economicCode']);
    });
  });

  describe('resolveLine', () => {
    it('should resolve by label, by unique source and by id', () => {
      expect(resolveLine('省级专项', lines)).toEqual({ ok: true, value: lines[0].id });
      expect(resolveLine('上级财政资金', lines)).toEqual({ ok: true, value: lines[0].id });
      expect(resolveLine(lines[1].id, lines)).toEqual({ ok: true, value: lines[1].id });
    });

    it('should refuse an ambiguous source and an unknown line, each with a code and both languages', () => {
      expect(resolveLine('本级', lines)).toMatchObject({ ok: false, code: 'AMBIGUOUS_FUNDING_LINE', message: expect.stringContaining('多条'), messageEn: expect.stringContaining('several') });
      expect(resolveLine('其他资金', lines)).toMatchObject({ ok: false, code: 'UNKNOWN_FUNDING_LINE', message: expect.stringContaining('没有') });
      expect(resolveLine('乱写', lines)).toMatchObject({ ok: false, code: 'UNKNOWN_FUNDING_LINE', message: expect.stringContaining('不是该项目的资金行') });
    });
  });

  describe('rows', () => {
    it('should give the payment of a valid row', () => {
      expect(apply(['2021-03-01', '1,200.5', '上级', '2060702', '30227', '运维'])).toEqual({
        ok: true,
        value: { fundingLineId: lines[0].id, paidOn: '2021-03-01', amount: '1200.50', functionalCode: '2060702', economicCode: '30227', memo: '运维' },
      });
    });

    it('should report every bad cell of a row with its row, the file’s header, a code and both languages', () => {
      const outcome = apply(['2022-01-01', '0', '本级', '2060', '3'], 4);
      expect(outcome.ok).toBe(false);
      const errors = outcome.ok ? [] : outcome.errors;
      expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
        [4, '日期', 'DATE_OUT_OF_YEAR'],
        [4, '金额（元）', 'AMOUNT_NOT_POSITIVE'],
        [4, '资金来源', 'AMBIGUOUS_FUNDING_LINE'],
        [4, '功能分类科目', 'INVALID_FUNCTIONAL_CODE'],
        [4, '经济分类科目', 'INVALID_ECONOMIC_CODE'],
      ]);
      for (const error of errors) {
        expect(error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(error.message).not.toContain(' / ');
        expect(error.messageEn).toMatch(/^[\x20-\x7e]+$/);
      }
    });
  });
});
