// Payment rows of an XLSX file → validated payments, or every row's errors. Pure (no I/O), unit-tested.
import { type FundingSource, FUNDING_SOURCE_LABELS, type PaymentImportRowError } from '@app/contracts';
import { ECONOMIC_CODE, FUNCTIONAL_CODE } from './dto/budget.dto.js';
import { isCalendarDay } from './budget-dates.js';
import { parseAmount, parseDate } from '../imports/parsing/cell-values.js';
import { type TableRow } from '../imports/parsing/table.js';

export type PaymentColumn = 'paidOn' | 'amount' | 'line' | 'functionalCode' | 'economicCode' | 'memo';

/** Accepted spellings of each column, after normalisation (no spaces, ASCII parentheses, lower case). */
const HEADER_ALIASES: Record<PaymentColumn, string[]> = {
  paidOn: ['日期', '支付日期', '付款日期', 'date', 'paidon'],
  amount: ['金额(元)', '金额', '支付金额(元)', '支付金额', 'amount'],
  line: ['资金来源/资金行', '资金来源', '资金行', 'fundingline', 'source'],
  functionalCode: ['功能分类科目', '功能分类', '支出功能分类科目', '功能科目', 'functionalcode'],
  economicCode: ['经济分类科目', '经济分类', '支出经济分类科目', '经济科目', 'economiccode'],
  memo: ['摘要', '备注', 'memo'],
};
export const PAYMENT_COLUMN_LABELS: Record<PaymentColumn, string> = {
  paidOn: '日期',
  amount: '金额(元)',
  line: '资金来源/资金行',
  functionalCode: '功能分类科目',
  economicCode: '经济分类科目',
  memo: '摘要',
};
const REQUIRED: PaymentColumn[] = ['paidOn', 'amount', 'line', 'functionalCode', 'economicCode'];
const HEADER_SEARCH_ROWS = 10;

export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

export interface LineRef {
  id: string;
  source: FundingSource;
  label: string | null;
}

export interface ParsedPayment {
  row: number;
  fundingLineId: string;
  paidOn: string;
  amount: string;
  functionalCode: string;
  economicCode: string;
  memo: string | null;
}

export type ParsePaymentsResult =
  | { ok: true; payments: ParsedPayment[] }
  | { ok: false; errors: PaymentImportRowError[]; rows: number };

const SOURCE_WORDS: Record<FundingSource, string[]> = {
  superior: ['上级财政资金', '上级', '上级资金', 'superior'],
  local: ['本级财政资金', '本级', '本级资金', 'local'],
  other: ['其他资金', '其他', 'other'],
};

/** Finds the header row (title rows may sit above it) and maps columns; null when the required ones are missing. */
export function findPaymentHeader(rows: readonly TableRow[]): { index: number; columns: Map<PaymentColumn, number> } | { missing: string[] } {
  let best: { index: number; columns: Map<PaymentColumn, number> } | null = null;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const columns = new Map<PaymentColumn, number>();
    rows[i].cells.forEach((cell, c) => {
      const key = normalizeHeader(cell);
      for (const [column, aliases] of Object.entries(HEADER_ALIASES) as [PaymentColumn, string[]][]) {
        if (!columns.has(column) && aliases.includes(key)) columns.set(column, c);
      }
    });
    if (!best || columns.size > best.columns.size) best = { index: i, columns };
  }
  const missing = REQUIRED.filter((c) => !best?.columns.has(c)).map((c) => PAYMENT_COLUMN_LABELS[c]);
  return missing.length === 0 && best ? best : { missing };
}

/** Resolves a 资金来源/资金行 cell to one funding line: by id, by its label, or by its source when that is unambiguous. */
export function resolveLine(cell: string, lines: readonly LineRef[]): { id: string } | { error: string } {
  const text = cell.normalize('NFKC').trim();
  if (!text) return { error: '资金来源不能为空 / the funding line is required' };
  const byId = lines.find((l) => l.id === text.toLowerCase());
  if (byId) return { id: byId.id };
  const byLabel = lines.filter((l) => l.label && l.label.normalize('NFKC').trim() === text);
  if (byLabel.length === 1) return { id: byLabel[0].id };
  const source = (Object.entries(SOURCE_WORDS) as [FundingSource, string[]][]).find(([, words]) => words.includes(text.toLowerCase()))?.[0];
  if (!source) return { error: `“${text}”不是该项目的资金行 / not a funding line of this project` };
  const bySource = lines.filter((l) => l.source === source);
  if (bySource.length === 1) return { id: bySource[0].id };
  if (bySource.length === 0) return { error: `该项目没有${FUNDING_SOURCE_LABELS[source]}资金行 / the project has no such funding line` };
  return { error: `该项目有多条${FUNDING_SOURCE_LABELS[source]}资金行，请填写资金行名称 / several lines of that source: give the line's label` };
}

/** Validates every data row; any error rejects the whole file (all-or-nothing). */
export function parsePaymentRows(table: readonly TableRow[], lines: readonly LineRef[], year: number): ParsePaymentsResult {
  const header = findPaymentHeader(table);
  if ('missing' in header) {
    return { ok: false, rows: 0, errors: [{ row: table[0]?.row ?? 1, field: '表头', message: `缺少列：${header.missing.join('、')} / missing columns` }] };
  }
  const errors: PaymentImportRowError[] = [];
  const payments: ParsedPayment[] = [];
  const cell = (row: TableRow, column: PaymentColumn) => {
    const index = header.columns.get(column);
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  const dataRows = table.slice(header.index + 1);
  const yearEnd = `${year}-12-31`;
  for (const row of dataRows) {
    const rowErrors: PaymentImportRowError[] = [];
    const fail = (column: PaymentColumn, message: string) => rowErrors.push({ row: row.row, field: PAYMENT_COLUMN_LABELS[column], message });
    for (const issue of row.cellIssues ?? []) {
      const column = [...header.columns.entries()].find(([, c]) => c === issue.column)?.[0];
      if (column) fail(column, issue.message);
    }

    const dateText = cell(row, 'paidOn');
    let paidOn = '';
    if (!dateText) fail('paidOn', '日期不能为空 / date is required');
    else {
      // A project's payments cannot be later than its year, so its year end is the latest day accepted.
      const parsed = parseDate(dateText, yearEnd);
      if (!parsed.ok) fail('paidOn', parsed.message);
      else if (!isCalendarDay(parsed.value) || Number(parsed.value.slice(0, 4)) !== year) fail('paidOn', `日期须在项目年度 ${year} 内 / the date must lie within ${year}`);
      else paidOn = parsed.value;
    }

    const amountText = cell(row, 'amount');
    let amount = '';
    if (!amountText) fail('amount', '金额不能为空 / amount is required');
    else {
      const parsed = parseAmount(amountText, 'yuan');
      if (!parsed.ok) fail('amount', parsed.message);
      else if (Number(parsed.value) <= 0) fail('amount', '金额须大于0 / amount must be greater than 0');
      else amount = parsed.value;
    }

    const line = resolveLine(cell(row, 'line'), lines);
    if ('error' in line) fail('line', line.error);

    const functionalCode = cell(row, 'functionalCode').replace(/\.0+$/, '');
    if (!FUNCTIONAL_CODE.test(functionalCode)) fail('functionalCode', '功能分类科目须为3、5或7位数字（类/款/项） / 3, 5 or 7 digits');
    const economicCode = cell(row, 'economicCode').replace(/\.0+$/, '');
    if (!ECONOMIC_CODE.test(economicCode)) fail('economicCode', '经济分类科目须为3或5位数字（类/款） / 3 or 5 digits');
    const memo = cell(row, 'memo');
    if (memo.length > 500) fail('memo', '摘要不能超过500字 / at most 500 characters');

    if (rowErrors.length > 0) errors.push(...rowErrors);
    else payments.push({ row: row.row, fundingLineId: (line as { id: string }).id, paidOn, amount, functionalCode, economicCode, memo: memo || null });
  }
  if (dataRows.length === 0) errors.push({ row: table[header.index].row, field: '表头', message: '文件没有数据行 / the file has no data rows' });
  return errors.length > 0 ? { ok: false, errors, rows: dataRows.length } : { ok: true, payments };
}
