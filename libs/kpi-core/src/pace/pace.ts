import { Dec, type DecimalInput, HUNDRED, sum } from '../decimal.js';
import { finiteDec, nonNegativeDec } from './checked-input.js';

export type PaceStatus = 'green' | 'yellow' | 'red';

/** Gap thresholds in percentage points: yellow when gap < yellowBelow, red when gap < redBelow. */
export interface PaceCutoffs {
  yellowBelow: number;
  redBelow: number;
}

/** domain.md §3.5 / §7.13 (a proposal there, so configurable): on or ahead of pace is green, up to 10 points behind yellow. */
export const DEFAULT_PACE_CUTOFFS: Readonly<PaceCutoffs> = Object.freeze({ yellowBelow: 0, redBelow: -10 });

const MONTHS_IN_YEAR = 12;
// m/12 for m = 0..12, divided once: a panel asks for it for every metric, and 40-digit division is
// the dearest operation of a panel.
const LINEAR_PACE: readonly Dec[] = Array.from({ length: MONTHS_IN_YEAR + 1 }, (_, m) => new Dec(m).dividedBy(MONTHS_IN_YEAR));
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * 序时进度 at the END of `month` (1..12): the share (0..1) of the annual amount expected by then.
 * Linear m/12 by default; with a 12-entry monthly plan (用款计划, amounts or shares) it is the
 * cumulative plan ÷ the plan total, so a project that legitimately spends in December is not flagged in June.
 */
export function monthlyPace(month: number, plan?: readonly DecimalInput[]): Dec {
  assertMonth(month);
  if (plan === undefined) return LINEAR_PACE[month];

  if (plan.length !== MONTHS_IN_YEAR) {
    throw new RangeError(`monthly plan must have 12 entries (January..December), got ${plan.length}`);
  }
  const entries = plan.map((value, i) => nonNegativeDec(value, `monthly plan entry for month ${i + 1}`));
  const total = sum(entries);
  if (total.isZero()) throw new RangeError('monthly plan total must be greater than zero');
  return sum(entries.slice(0, month)).dividedBy(total);
}

/**
 * Daily 序时进度: day of year ÷ days in the year (366 in leap years), for a calendar day
 * `YYYY-MM-DD` already expressed in Asia/Shanghai (the caller converts instants).
 */
export function dailyPace(date: string): Dec {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`date ${date} is not a calendar day`);
  }
  let dayOfYear = day;
  for (let m = 1; m < month; m++) dayOfYear += daysInMonth(year, m);
  return new Dec(dayOfYear).dividedBy(isLeapYear(year) ? 366 : 365);
}

/** Gap to 序时进度 in percentage points: (actual − expected) × 100; negative means behind. */
export function paceGap(actualShare: DecimalInput, expectedShare: DecimalInput): Dec {
  const actual = finiteDec(actualShare, 'actual share');
  const expected = finiteDec(expectedShare, 'expected share');
  return actual.minus(expected).times(HUNDRED);
}

/** Traffic light for a gap in percentage points; compares the exact gap, not a rounded one. */
export function paceStatus(gapPoints: DecimalInput, cutoffs: PaceCutoffs = DEFAULT_PACE_CUTOFFS): PaceStatus {
  assertCutoffs(cutoffs);
  const gap = finiteDec(gapPoints, 'gap');
  if (gap.lessThan(cutoffs.redBelow)) return 'red';
  if (gap.lessThan(cutoffs.yellowBelow)) return 'yellow';
  return 'green';
}

function assertMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > MONTHS_IN_YEAR) {
    throw new RangeError(`month must be an integer from 1 to 12, got ${String(month)}`);
  }
}

function assertCutoffs(cutoffs: PaceCutoffs): void {
  const { yellowBelow, redBelow } = cutoffs;
  if (!Number.isFinite(yellowBelow) || !Number.isFinite(redBelow)) {
    throw new RangeError('pace cut-offs must be finite numbers of percentage points');
  }
  if (redBelow > yellowBelow) {
    throw new RangeError(`pace cut-off redBelow (${redBelow}) must not be above yellowBelow (${yellowBelow})`);
  }
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
