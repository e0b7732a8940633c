// Calendar arithmetic of the business day and month. Asia/Shanghai has been UTC+8 without daylight
// saving since 1991, so a fixed offset is exact for every date the platform can hold and needs no tz data.

/** A month key 'YYYY-MM'. Narrow strings with `isMonthKey`. */
export type MonthKey = `${number}-${number}`;
/** A business day 'YYYY-MM-DD' (Asia/Shanghai). Narrow strings with `isDayKey`. */
export type DayKey = `${number}-${number}-${number}`;

export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`year ${year} is out of range 1–9999`);
}

function assertMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month} is out of range 1–12`);
}

/** Gregorian leap year: divisible by 4, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 366 in a leap year, else 365 (the divisor of the daily 序时进度). */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Builds 'YYYY-MM'; throws a RangeError for a month outside 1–12. */
export function monthKey(year: number, month: number): MonthKey {
  assertYear(year);
  assertMonth(month);
  return `${pad(year, 4)}-${pad(month, 2)}` as MonthKey;
}

/** Builds 'YYYY-MM-DD'; throws a RangeError for a day the month does not have. */
export function dayKey(year: number, month: number, day: number): DayKey {
  assertYear(year);
  assertMonth(month);
  const last = daysInMonth(monthKey(year, month));
  if (!Number.isInteger(day) || day < 1 || day > last) {
    throw new RangeError(`day ${day} does not exist in ${pad(year, 4)}-${pad(month, 2)}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as DayKey;
}

/** True for a well-formed 'YYYY-MM' with a month 01–12. */
export function isMonthKey(value: unknown): value is MonthKey {
  if (typeof value !== 'string') return false;
  const match = MONTH_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 1 && month >= 1 && month <= 12;
}

/** True for a 'YYYY-MM-DD' that exists in the calendar (2021-02-29 and 2021-02-30 do not). */
export function isDayKey(value: unknown): value is DayKey {
  if (typeof value !== 'string') return false;
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12) return false;
  return day >= 1 && day <= daysInMonth(`${match[1]}-${match[2]}`);
}

/** Year and month of a 'YYYY-MM'; throws a RangeError when the key is malformed. */
export function parseMonthKey(value: string): YearMonth {
  if (!isMonthKey(value)) throw new RangeError(`"${value}" is not a month 'YYYY-MM'`);
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) };
}

/** Year, month and day of a 'YYYY-MM-DD'; throws a RangeError when the day does not exist. */
export function parseDayKey(value: string): YearMonth & { day: number } {
  if (!isDayKey(value)) throw new RangeError(`"${value}" is not a day 'YYYY-MM-DD'`);
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) };
}

/** The business day (Asia/Shanghai) an instant falls on: 2021-11-30T16:00Z is already '2021-12-01'. */
export function shanghaiDay(date: Date): DayKey {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('invalid Date');
  return new Date(time + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) as DayKey;
}

/** The business month (Asia/Shanghai) an instant falls in. */
export function shanghaiMonth(date: Date): MonthKey {
  return monthOfDay(shanghaiDay(date));
}

/** The instant a business day starts (00:00 Asia/Shanghai = 16:00 UTC the day before). */
export function startOfShanghaiDay(day: string): Date {
  const { year, month, day: d } = parseDayKey(day);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const midnightUtc = new Date(0);
  midnightUtc.setUTCFullYear(year, month - 1, d);
  return new Date(midnightUtc.getTime() - SHANGHAI_OFFSET_MS);
}

/** The half-open instant range [start, end) of a business month, for timestamp queries. */
export function shanghaiMonthRange(month: string): { start: Date; end: Date } {
  return { start: startOfShanghaiDay(firstDayOfMonth(month)), end: startOfShanghaiDay(firstDayOfMonth(nextMonth(month))) };
}

/** The 'YYYY-MM' of a valid 'YYYY-MM-DD'; throws a RangeError for an impossible day. */
export function monthOfDay(day: string): MonthKey {
  parseDayKey(day);
  return day.slice(0, 7) as MonthKey;
}

/** Moves a day key by `count` calendar days (negative goes back), across months and years. */
export function addDays(day: string, count: number): DayKey {
  if (!Number.isInteger(count)) throw new RangeError(`day offset ${count} is not an integer`);
  const { year, month, day: d } = parseDayKey(day);
  const moved = new Date(Date.UTC(year, month - 1, d + count));
  return dayKey(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Moves a month key by `count` months (negative goes back), across years. */
export function addMonths(month: string, count: number): MonthKey {
  if (!Number.isInteger(count)) throw new RangeError(`month offset ${count} is not an integer`);
  const { year, month: m } = parseMonthKey(month);
  const index = year * 12 + (m - 1) + count;
  return monthKey(Math.floor(index / 12), (index % 12) + 1);
}

/** The month before, the base of 环比 ('2021-01' → '2020-12'). */
export function previousMonth(month: string): MonthKey {
  return addMonths(month, -1);
}

/** The month after ('2021-12' → '2022-01'). */
export function nextMonth(month: string): MonthKey {
  return addMonths(month, 1);
}

/** The same month of the previous year, the base of 同比. */
export function sameMonthLastYear(month: string): MonthKey {
  return addMonths(month, -12);
}

/** Number of months from `from` to `to` (0 for the same month, negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const a = parseMonthKey(from);
  const b = parseMonthKey(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: string, to: string): MonthKey[] {
  const a = parseMonthKey(from);
  const b = parseMonthKey(to);
  const result: MonthKey[] = [];
  // Month indexes (year × 12 + month − 1), so the loop builds keys without re-parsing them.
  for (let index = a.year * 12 + a.month - 1; index <= b.year * 12 + b.month - 1; index++) {
    result.push(monthKey(Math.floor(index / 12), (index % 12) + 1));
  }
  return result;
}

/** January to `month` of the same year, both included: the months of 年累计. */
export function monthsOfYearTo(month: string): MonthKey[] {
  const { year } = parseMonthKey(month);
  return monthRange(monthKey(year, 1), month);
}

/** 28–31, with 29 February in leap years. */
export function daysInMonth(month: string): number {
  const { year, month: m } = parseMonthKey(month);
  return m === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[m - 1];
}

/** 'YYYY-MM-01' of a valid month key. */
export function firstDayOfMonth(month: string): DayKey {
  parseMonthKey(month);
  return `${month}-01` as DayKey;
}

/** The month's last day ('2021-11' → '2021-11-30'). */
export function lastDayOfMonth(month: string): DayKey {
  return `${month}-${pad(daysInMonth(month), 2)}` as DayKey;
}

/** Every day of a month, in order. */
export function daysOfMonth(month: string): DayKey[] {
  return Array.from({ length: daysInMonth(month) }, (_, i) => `${month}-${pad(i + 1, 2)}` as DayKey);
}

/** 1-based day of the year, for the daily 序时进度 variant (day_of_year ÷ days_in_year). */
export function dayOfYear(day: string): number {
  const { year, month, day: d } = parseDayKey(day);
  let days = d;
  for (let m = 1; m < month; m += 1) days += daysInMonth(monthKey(year, m));
  return days;
}
