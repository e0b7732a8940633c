// The figures of one metric on the monthly panel (issue 4 §4): changes, year to date, target
// completion against 序时进度, status and the year-end projection. Exact until formatted.
import type { MetricDefinition, MetricValue, PanelMetric, PanelProjection } from '@app/contracts';
import { Dec, type DecimalInput, HUNDRED, ZERO, dec, formatYuan, sum, toFixedHalfUp } from '../decimal.js';
import { type PaceCutoffs, type PaceStatus, monthlyPace, paceGap, paceStatus } from '../pace/index.js';
import { parseMonthKey } from '../period/index.js';

const MONTHS_IN_YEAR = 12;

/** The rolled-up values of one summable metric (count or amount) for a division and month. */
export type PanelSeriesInput = PanelSeriesValues & (YearToDateByMonth | YearToDateTotal);

interface YearToDateByMonth {
  /** January to `month` of this year, one value per month; the last one is `value`. */
  yearToDateByMonth: readonly DecimalInput[];
}

interface YearToDateTotal {
  /** January to `month` of this year, already summed (a read model that sums in SQL). */
  yearToDate: DecimalInput;
}

interface PanelSeriesValues {
  /** 'YYYY-MM' of the panel. */
  month: string;
  /** The month's value. */
  value: DecimalInput;
  /** The previous month's value; null when there is no data for it (before the launch). */
  previous: DecimalInput | null;
  /** The same month of the previous year; null when there is no data for it. */
  lastYear: DecimalInput | null;
  /** Since the platform launch to the end of `month`; null when unknown. */
  cumulative: DecimalInput | null;
}

export interface PanelTargetInput {
  /** The annual target of the year; null or absent when none is set. */
  annual?: DecimalInput | null;
  /** Optional 12-entry monthly plan (amounts or shares), replacing the linear m/12 pace. */
  plan?: readonly DecimalInput[] | null;
  /** Status cut-offs in percentage points (default: green ≥ 0 > yellow ≥ −10 > red). */
  cutoffs?: PaceCutoffs;
}

export interface PanelProjectionFigures {
  /** Year-end value if the rest of the year keeps the pace so far: ytd ÷ pace share; null when the pace share is 0. */
  yearEnd: Dec | null;
  /** max(0, target − ytd); null without a target. */
  remaining: Dec | null;
  /** remaining ÷ months left; null without a target or when no month is left. */
  monthlyNeeded: Dec | null;
  monthsLeft: number;
}

/** Exact panel figures; percentages are in % and gaps in percentage points. */
export interface PanelFigures {
  value: Dec | null;
  previous: Dec | null;
  mom: Dec | null;
  lastYear: Dec | null;
  yoy: Dec | null;
  ytd: Dec | null;
  cumulative: Dec | null;
  target: Dec | null;
  targetCompletion: Dec | null;
  pace: Dec | null;
  paceGap: Dec | null;
  status: PaceStatus | null;
  projection: PanelProjectionFigures | null;
}

/**
 * Change from `base` to `current` in %: (current − base) ÷ |base| × 100.
 * Null when either side is missing or the base is 0 (a change from nothing has no percentage).
 */
export function percentChange(current: DecimalInput | null, base: DecimalInput | null): Dec | null {
  if (current === null || base === null) return null;
  const b = dec(base);
  if (b.isZero()) return null;
  // |base| keeps the sign meaningful if a base is ever negative (a data error upstream).
  // ×100 before the one division: the same 40-digit quotient, without multiplying 40 digits.
  return dec(current).minus(b).times(HUNDRED).dividedBy(b.abs());
}

/** numerator ÷ denominator, null when either is missing or the denominator is 0. */
export function ratioOrNull(numerator: DecimalInput | null, denominator: DecimalInput | null): Dec | null {
  if (numerator === null || denominator === null) return null;
  const d = dec(denominator);
  return d.isZero() ? null : dec(numerator).dividedBy(d);
}

function checkedSeries(input: PanelSeriesInput): { month: number; value: Dec; ytd: Dec } {
  const { month } = parseMonthKey(input.month);
  if ('yearToDate' in input) return { month, value: dec(input.value), ytd: dec(input.yearToDate) };
  if (input.yearToDateByMonth.length !== month) {
    throw new RangeError(`yearToDateByMonth must hold ${month} values (January to ${input.month}), got ${input.yearToDateByMonth.length}`);
  }
  const value = dec(input.value);
  const last = dec(input.yearToDateByMonth[month - 1]);
  if (!last.equals(value)) {
    throw new RangeError(`yearToDateByMonth ends with ${last.toString()} but the month's value is ${value.toString()}`);
  }
  return { month, value, ytd: sum(input.yearToDateByMonth) };
}

/**
 * Panel figures of a summable metric (count or amount).
 * - targetCompletion = ytd ÷ annual target × 100;
 * - pace = 序时进度 at the end of the month × 100 (the plan's cumulative share if a plan is set, else m/12);
 * - paceGap = targetCompletion − pace in points, status by the cut-offs;
 * - projection.yearEnd = ytd ÷ pace share, which is ytd × 12/m on the linear line and follows the
 *   plan's seasonality otherwise; monthlyNeeded spreads what is left of the target evenly over the months left.
 */
export function computePanelFigures(input: PanelSeriesInput, target: PanelTargetInput = {}): PanelFigures {
  const { month, value, ytd } = checkedSeries(input);
  const previous = input.previous === null ? null : dec(input.previous);
  const lastYear = input.lastYear === null ? null : dec(input.lastYear);
  const annual = target.annual === null || target.annual === undefined ? null : dec(target.annual);
  const linear = !target.plan;
  const paceShare = monthlyPace(month, target.plan ?? undefined);
  const completionShare = annual === null ? null : ratioOrNull(ytd, annual);
  const gap = completionShare === null ? null : paceGap(completionShare, paceShare);
  const monthsLeft = MONTHS_IN_YEAR - month;
  const remaining = annual === null ? null : Dec.max(annual.minus(ytd), ZERO);

  return {
    value,
    previous,
    mom: percentChange(value, previous),
    lastYear,
    yoy: percentChange(value, lastYear),
    ytd,
    cumulative: input.cumulative === null ? null : dec(input.cumulative),
    target: annual,
    targetCompletion: completionShare === null ? null : completionShare.times(HUNDRED),
    pace: paceShare.times(HUNDRED),
    paceGap: gap,
    status: gap === null ? null : paceStatus(gap, target.cutoffs),
    projection: {
      // On the linear line ytd ÷ (m/12) is ytd × 12 ÷ m: exact, and a division by a small integer.
      yearEnd: paceShare.isZero() ? null : linear ? ytd.times(MONTHS_IN_YEAR).dividedBy(month) : ytd.dividedBy(paceShare),
      remaining,
      monthlyNeeded: remaining === null || monthsLeft === 0 ? null : remaining.dividedBy(monthsLeft),
      monthsLeft,
    },
  };
}

/**
 * Panel figures of a ratio metric, recomputed from its numerator and denominator series at every
 * level (never averaged or summed). The target, if any, is a target ratio: completion = ytd ratio ÷ target.
 * A ratio has no calendar pace, so pace, paceGap, status and projection are null.
 */
export function computeRatioPanelFigures(
  numerator: PanelSeriesInput,
  denominator: PanelSeriesInput,
  target: Pick<PanelTargetInput, 'annual'> = {},
): PanelFigures {
  if (numerator.month !== denominator.month) {
    throw new RangeError(`numerator is for ${numerator.month} but denominator for ${denominator.month}`);
  }
  const num = checkedSeries(numerator);
  const den = checkedSeries(denominator);
  const value = ratioOrNull(num.value, den.value);
  const previous = ratioOrNull(numerator.previous, denominator.previous);
  const lastYear = ratioOrNull(numerator.lastYear, denominator.lastYear);
  const ytd = ratioOrNull(num.ytd, den.ytd);
  const annual = target.annual === null || target.annual === undefined ? null : dec(target.annual);
  const completion = ytd === null || annual === null ? null : ratioOrNull(ytd, annual);
  return {
    value,
    previous,
    mom: percentChange(value, previous),
    lastYear,
    yoy: percentChange(value, lastYear),
    ytd,
    cumulative: ratioOrNull(numerator.cumulative, denominator.cumulative),
    target: annual,
    targetCompletion: completion === null ? null : completion.times(HUNDRED),
    pace: null,
    paceGap: null,
    status: null,
    projection: null,
  };
}

/**
 * A city's (or province's) value of a summable metric: the sum of its divisions' values.
 * Throws for a ratio, which must be recomputed from its summed numerator and denominator.
 */
export function aggregateDivisionValues(definition: MetricDefinition, values: Iterable<DecimalInput>): Dec {
  if (definition.aggregation !== 'sum') {
    throw new RangeError(`${definition.code} is a ratio: sum ${definition.ratioOf?.numerator} and ${definition.ratioOf?.denominator}, then divide`);
  }
  return sum(values);
}

/** A value in the API's JSON convention: counts as numbers, amounts as 元 strings with 2 decimals, ratios as decimal strings. */
export function toMetricValue(definition: MetricDefinition, value: DecimalInput): MetricValue {
  switch (definition.kind) {
    case 'count':
      return Number(toFixedHalfUp(value, 0));
    case 'amount':
      return formatYuan(value);
    case 'ratio':
      return toFixedHalfUp(value, definition.decimals);
  }
}

/** A percentage or a gap as a JSON number with 2 decimals (half-up). */
export function toPercentNumber(value: DecimalInput): number {
  return Number(toFixedHalfUp(value, 2));
}

// "Needed" is rounded up, so doing the displayed amount every month does reach the target.
function toNeededValue(definition: MetricDefinition, value: Dec): MetricValue {
  const places = definition.kind === 'count' ? 0 : definition.decimals;
  const up = value.toDecimalPlaces(places, Dec.ROUND_UP);
  return toMetricValue(definition, up);
}

function toProjection(definition: MetricDefinition, projection: PanelProjectionFigures): PanelProjection {
  return {
    yearEnd: projection.yearEnd === null ? null : toMetricValue(definition, projection.yearEnd),
    remaining: projection.remaining === null ? null : toMetricValue(definition, projection.remaining),
    monthlyNeeded: projection.monthlyNeeded === null ? null : toNeededValue(definition, projection.monthlyNeeded),
    monthsLeft: projection.monthsLeft,
  };
}

/** The API's `PanelMetric` (issue 4 §4) from a catalogue entry and its exact figures. */
export function toPanelMetric(definition: MetricDefinition, figures: PanelFigures): PanelMetric {
  const value = (v: Dec | null) => (v === null ? null : toMetricValue(definition, v));
  const percent = (v: Dec | null) => (v === null ? null : toPercentNumber(v));
  return {
    code: definition.code,
    name: definition.nameZh,
    unit: definition.unit.zh,
    value: value(figures.value),
    previous: value(figures.previous),
    mom: percent(figures.mom),
    lastYear: value(figures.lastYear),
    yoy: percent(figures.yoy),
    ytd: value(figures.ytd),
    cumulative: value(figures.cumulative),
    target: value(figures.target),
    targetCompletion: percent(figures.targetCompletion),
    pace: percent(figures.pace),
    paceGap: percent(figures.paceGap),
    status: figures.status,
    projection: figures.projection === null ? null : toProjection(definition, figures.projection),
  };
}
