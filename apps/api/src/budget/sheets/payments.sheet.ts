// The payments sheet of a budget project: its columns and its row rule (the importer does the rest).
import { type FundingSource, FUNDING_SOURCE_LABELS, type Payment } from '@app/contracts';
import { ECONOMIC_CODE, FUNCTIONAL_CODE } from '../dto/budget.dto.js';
import { isCalendarDay } from '../budget-dates.js';
import { parseAmount, parseDate } from '../../spreadsheets/readers/cell-values.js';
import { cellError, cellOk, defineSheet, type CellResult } from '../../spreadsheets/sheet-spec.js';

export interface LineRef {
  id: string;
  source: FundingSource;
  label: string | null;
}

/** What a row is checked against: the project's funding lines and year. */
export interface PaymentSheetContext {
  lines: readonly LineRef[];
  year: number;
}

/** A valid row: the payment's own fields. */
export type ParsedPayment = Pick<Payment, 'fundingLineId' | 'paidOn' | 'amount' | 'functionalCode' | 'economicCode' | 'memo'>;

const SOURCE_WORDS: Record<FundingSource, string[]> = {
  superior: ['上级财政资金', '上级', '上级资金', 'superior'],
  local: ['本级财政资金', '本级', '本级资金', 'local'],
  other: ['其他资金', '其他', 'other'],
};

/** Resolves a 资金来源/资金行 cell to one funding line: by id, by its label, or by its source when that is unambiguous. */
export function resolveLine(cell: string, lines: readonly LineRef[]): CellResult<string> {
  const text = cell.normalize('NFKC').trim();
  if (!text) return cellError('REQUIRED', '资金来源不能为空', 'The funding line is required');
  const byId = lines.find((l) => l.id === text.toLowerCase());
  if (byId) return cellOk(byId.id);
  const byLabel = lines.filter((l) => l.label && l.label.normalize('NFKC').trim() === text);
  if (byLabel.length === 1) return cellOk(byLabel[0].id);
  const source = (Object.entries(SOURCE_WORDS) as [FundingSource, string[]][]).find(([, words]) => words.includes(text.toLowerCase()))?.[0];
  if (!source) return cellError('UNKNOWN_FUNDING_LINE', `“${text}”不是该项目的资金行`, `"${text}" is not a funding line of this project`);
  const bySource = lines.filter((l) => l.source === source);
  if (bySource.length === 1) return cellOk(bySource[0].id);
  if (bySource.length === 0) return cellError('UNKNOWN_FUNDING_LINE', `该项目没有${FUNDING_SOURCE_LABELS[source]}资金行`, 'The project has no funding line of that source');
  return cellError('AMBIGUOUS_FUNDING_LINE', `该项目有多条${FUNDING_SOURCE_LABELS[source]}资金行，请填写资金行名称`, 'The project has several funding lines of that source; give the line\'s label');
}

const required = (text: string, zh: string, en: string) => (text ? null : cellError<never>('REQUIRED', `${zh}不能为空`, `${en} is required`));
const code = (text: string) => text.replace(/\.0+$/, '');

export const PAYMENTS_SHEET = defineSheet<PaymentSheetContext>()({
  columns: {
    paidOn: {
      zh: '日期', en: 'Date', aliases: ['支付日期', '付款日期', 'paidon'],
      parse: (text, { year }): CellResult<string> => {
        const empty = required(text, '日期', 'The date');
        if (empty) return empty;
        // A project's payments cannot be later than its year, so its year end is the latest day accepted.
        const parsed = parseDate(text, `${year}-12-31`);
        if (!parsed.ok) return parsed;
        if (!isCalendarDay(parsed.value) || Number(parsed.value.slice(0, 4)) !== year) {
          return cellError('DATE_OUT_OF_YEAR', `日期须在项目年度 ${year} 内`, `The date must lie within ${year}`, { year });
        }
        return parsed;
      },
    },
    amount: {
      zh: '金额(元)', en: 'Amount', aliases: ['金额', '支付金额(元)', '支付金额'],
      parse: (text): CellResult<string> => {
        const empty = required(text, '金额', 'The amount');
        if (empty) return empty;
        const parsed = parseAmount(text, 'yuan');
        if (!parsed.ok) return parsed;
        return Number(parsed.value) > 0 ? parsed : cellError('AMOUNT_NOT_POSITIVE', '金额须大于0', 'The amount must be greater than 0');
      },
    },
    line: {
      zh: '资金来源/资金行', en: 'Funding line', aliases: ['资金来源', '资金行', 'fundingline', 'source'],
      parse: (text, { lines }) => resolveLine(text, lines),
    },
    functionalCode: {
      zh: '功能分类科目', en: 'Functional code', aliases: ['功能分类', '支出功能分类科目', '功能科目'],
      parse: (text): CellResult<string> =>
        FUNCTIONAL_CODE.test(code(text)) ? cellOk(code(text)) : cellError('INVALID_FUNCTIONAL_CODE', '功能分类科目须为3、5或7位数字（类/款/项）', 'The functional code is 3, 5 or 7 digits'),
    },
    economicCode: {
      zh: '经济分类科目', en: 'Economic code', aliases: ['经济分类', '支出经济分类科目', '经济科目'],
      parse: (text): CellResult<string> =>
        ECONOMIC_CODE.test(code(text)) ? cellOk(code(text)) : cellError('INVALID_ECONOMIC_CODE', '经济分类科目须为3或5位数字（类/款）', 'The economic code is 3 or 5 digits'),
    },
    memo: {
      zh: '摘要', en: 'Memo', aliases: ['备注'], optional: true,
      parse: (text): CellResult<string | null> => (text.length > 500 ? cellError('TEXT_TOO_LONG', '摘要不能超过500字', 'At most 500 characters', { maxLength: 500 }) : cellOk(text || null)),
    },
  },
  row: (values) => ({
    ok: true,
    value: { fundingLineId: values.line, paidOn: values.paidOn, amount: values.amount, functionalCode: values.functionalCode, economicCode: values.economicCode, memo: values.memo } satisfies ParsedPayment,
  }),
});
