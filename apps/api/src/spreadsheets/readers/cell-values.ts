import { Dec, wanToYuan } from '@app/kpi-core';
import { excelSerialToDate } from './xlsx.js';
import { DIVISION_ERROR_CODES } from '../division-lookup.js';

export const ROW_ERROR_CODES = [
  'REQUIRED',
  'CELL_ERROR',
  'INVALID_DATE',
  'DATE_OUT_OF_RANGE',
  'INVALID_AMOUNT',
  'NEGATIVE_AMOUNT',
  'TOO_MANY_DECIMALS',
  'AMOUNT_TOO_LARGE',
  'INVALID_COUNT',
  'UNKNOWN_KIND',
  'INVALID_DIVISION_CODE',
  ...DIVISION_ERROR_CODES,
  'TEXT_TOO_LONG',
  'DUPLICATE_ID',
  'DUPLICATE_KEY',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

export interface ValueProblem {
  code: RowErrorCode;
  message: string;
  messageEn: string;
}
export type ValueResult<T> = { ok: true; value: T } | ({ ok: false } & ValueProblem);

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const problem = <T>(code: RowErrorCode, message: string, messageEn: string): ValueResult<T> => ({ ok: false, code, message, messageEn });

export const EARLIEST_DATE = '2000-01-01';
// Excel serials of 2000-01-01 and 9999-12-31: a bare number in that range in a date column is a
// date cell that lost its format (or a CSV saved from one).
const SERIAL_MIN = 36_526;
const SERIAL_MAX = 2_958_465;
// numeric(17,2) holds it, and no single deal of a district comes near 1,000 万亿元.
const MAX_AMOUNT_YUAN = new Dec('1e15');
const MAX_COUNT = 2_147_483_647;

// Full-width digits and signs (１２３，￥) fold to ASCII.
function fold(raw: string): string {
  return raw.normalize('NFKC').trim();
}

export function todayInShanghai(now: Date = new Date()): string {
  // China has no daylight saving time: UTC+8 all year.
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic rather than a Date per cell: this runs for every date of a 100,000-row file.
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

// The latest accepted day depends only on `today`: computed once per import, not per cell.
let latestCache = { today: '', latest: '' };
function latestDay(today: string): string {
  if (latestCache.today !== today) latestCache = { today, latest: addDays(today, 1) };
  return latestCache.latest;
}

function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const TIME_SUFFIX = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const DATE_PATTERNS = [
  new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME_SUFFIX}$`),
  new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日${TIME_SUFFIX}$`),
  /^(\d{4})(\d{2})(\d{2})$/,
];
// An instant with an offset ("2021-03-01T23:30:00Z") is a time; its day is the day in Shanghai.
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

// Accepts YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 (a time part is ignored), YYYYMMDD and
// Excel serials; the day must exist and lie between 2000-01-01 and tomorrow (Shanghai).
export function parseDate(raw: string, today: string): ValueResult<string> {
  const text = fold(raw);
  let date: string | null = null;
  let recognised = false;
  if (ZONED_INSTANT.test(text)) {
    const time = Date.parse(text);
    recognised = true;
    if (!Number.isNaN(time)) date = todayInShanghai(new Date(time));
  } else if (/^\d{5,7}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (serial >= SERIAL_MIN && serial <= SERIAL_MAX) {
      recognised = true;
      date = excelSerialToDate(serial);
    }
  } else {
    for (const pattern of DATE_PATTERNS) {
      const match = pattern.exec(text);
      if (!match) continue;
      recognised = true;
      date = calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
      break;
    }
  }
  if (!recognised) {
    return problem('INVALID_DATE', '日期格式无法识别，请使用 YYYY-MM-DD', 'unrecognised date; use YYYY-MM-DD');
  }
  if (date === null) return problem('INVALID_DATE', '日期不存在', 'no such calendar date');
  if (date < EARLIEST_DATE) {
    return problem('DATE_OUT_OF_RANGE', `日期早于 ${EARLIEST_DATE}`, `date is before ${EARLIEST_DATE}`);
  }
  const latest = latestDay(today);
  if (date > latest) return problem('DATE_OUT_OF_RANGE', `日期晚于 ${latest}，不能是将来的日期`, `date is in the future (after ${latest})`);
  return ok(date);
}

// Plain digits, optional decimals, optional thousands separators in groups of three (so that
// "1,5" is never read as 15); a ¥ sign and a trailing unit are tolerated. No exponent, no NaN.
const AMOUNT_PATTERN = /^([+-]?)(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?|\.(\d+))$/;

export function parseAmount(raw: string, unit: 'yuan' | 'wan'): ValueResult<string> {
  let text = fold(raw).replace(/^(?:¥|rmb|cny)\s*/i, '');
  text = unit === 'wan' ? text.replace(/\s*万元?$/, '') : text.replace(/\s*元$/, '');
  const match = AMOUNT_PATTERN.exec(text);
  if (!match) {
    return problem('INVALID_AMOUNT', '金额不是有效的数字（不支持科学计数法）', 'amount is not a plain decimal number (no exponent notation)');
  }
  const [, sign, integerPart, fraction, fractionOnly] = match;
  const digits = fractionOnly !== undefined ? `0.${fractionOnly}` : `${integerPart.replace(/,/g, '')}.${fraction || '0'}`;
  const original = new Dec(`${sign}${digits}`);
  if (original.isNegative() && !original.isZero()) return problem('NEGATIVE_AMOUNT', '金额不能为负数', 'amount must not be negative');
  const yuan = unit === 'wan' ? wanToYuan(original) : original;
  if (yuan.decimalPlaces() > 2) {
    return unit === 'wan'
      ? problem('TOO_MANY_DECIMALS', '换算成元后小数超过两位（万元最多六位小数）', 'more than two decimals in 元 (at most six in 万元)')
      : problem('TOO_MANY_DECIMALS', '金额最多两位小数', 'amount has more than two decimals');
  }
  if (yuan.greaterThanOrEqualTo(MAX_AMOUNT_YUAN)) return problem('AMOUNT_TOO_LARGE', '金额过大', 'amount is too large');
  return ok(yuan.abs().toFixed(2));
}

export function parseCount(raw: string): ValueResult<number> {
  const text = fold(raw);
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$/.exec(text);
  if (!match) {
    return /^-\d/.test(text)
      ? problem('INVALID_COUNT', '数量不能为负数', 'count must not be negative')
      : problem('INVALID_COUNT', '数量必须是非负整数', 'count must be a non-negative integer');
  }
  const count = Number(match[1].replace(/,/g, ''));
  if (count > MAX_COUNT) return problem('INVALID_COUNT', '数量过大', 'count is too large');
  return ok(count);
}

// A kind is given by its Chinese label (as the platform exports it) or its English value.
export function parseKind<K extends string>(
  raw: string,
  kinds: readonly K[],
  labels: Record<K, string>,
  extraLabels: Partial<Record<string, K>> = {},
): ValueResult<K> {
  const text = fold(raw).replace(/\s+/g, '');
  const lower = text.toLowerCase();
  for (const kind of kinds) {
    if (lower === kind || text === labels[kind].normalize('NFKC') || lower === labels[kind].toLowerCase()) return ok(kind);
  }
  const extra = extraLabels[text];
  if (extra) return ok(extra);
  const allowed = kinds.map((kind) => labels[kind]).join('、');
  // The platform's own labels in both languages: they are what the file holds (an internal value such as
  // tech_service is accepted too, but never shown to a reader).
  return problem('UNKNOWN_KIND', `类型无法识别，可选值：${allowed}`, `unknown value; allowed: ${kinds.map((kind) => labels[kind]).join(', ')}`);
}
