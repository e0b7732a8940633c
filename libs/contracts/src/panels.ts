// The monthly KPI panel (issue 4): GET /api/v1/panels/monthly?division=510403&month=2021-11.
import type { MetricCode } from './metrics.js';

/**
 * A metric value in JSON: counts are numbers, amounts are strings of 元 with 2 decimals
 * ("92708000.00"), ratios are decimal strings with the catalogue's decimals.
 */
export type MetricValue = number | string;

/** Target status against the 序时进度 line; cut-offs are configurable (domain.md §3.5). */
export type PanelStatus = 'green' | 'yellow' | 'red';

export const PANEL_STATUSES: readonly PanelStatus[] = ['green', 'yellow', 'red'];

/** Where the year ends if it continues at the pace so far, and what it takes to reach the target. */
export interface PanelProjection {
  /** Year-end value at the current pace: ytd ÷ the pace share expected by this month (ytd × 12/m on the linear line); null when that share is 0. */
  yearEnd: MetricValue | null;
  /** Target minus ytd, never below 0; null without a target. */
  remaining: MetricValue | null;
  /** (target − ytd) ÷ months left, rounded up; null without a target or in December. */
  monthlyNeeded: MetricValue | null;
  /** Months left in the year after this one (0 in December). */
  monthsLeft: number;
}

export interface PanelMetric {
  code: MetricCode;
  /** Chinese name from the catalogue. */
  name: string;
  /** Chinese unit from the catalogue. */
  unit: string;
  value: MetricValue | null;
  /** The previous month's value. */
  previous: MetricValue | null;
  /** Month-on-month change in % (12.5 means +12.5%); null when the base is 0 or missing. */
  mom: number | null;
  /** The same month of the previous year. */
  lastYear: MetricValue | null;
  /** Year-on-year change in %; null when the base is 0 or missing. */
  yoy: number | null;
  /** Year to date: January to this month. */
  ytd: MetricValue | null;
  /** Since the platform launch, to the end of this month. */
  cumulative: MetricValue | null;
  /** Annual target; null when none is set. */
  target: MetricValue | null;
  /** ytd ÷ annual target, in %. */
  targetCompletion: number | null;
  /** Share of the annual target the calendar (or the monthly plan) expects by the end of this month, in %. */
  pace: number | null;
  /** targetCompletion − pace, in percentage points (negative = behind). */
  paceGap: number | null;
  status: PanelStatus | null;
  projection: PanelProjection | null;
}

export interface PanelRank {
  position: number;
  of: number;
  score: number;
  /** false while the month's ranking is still a draft. */
  published: boolean;
}

export interface MonthlyPanel {
  /** GB/T 2260 code of a district or a city (a city aggregates its divisions). */
  division: string;
  /** 'YYYY-MM'. */
  month: string;
  /** ISO timestamp of the newest data the values include. */
  asOf: string;
  metrics: PanelMetric[];
  /** null when no ranking exists for the division and month (e.g. a city). */
  rank: PanelRank | null;
}

/** One metric's line in a trend: the value of each month of `MetricTrend.months`. */
export interface MetricTrendSeries {
  code: MetricCode;
  /** Chinese name from the catalogue. */
  name: string;
  /** Chinese unit from the catalogue. */
  unit: string;
  /** null before the platform launch, and for a ratio whose denominator is 0. */
  values: Array<MetricValue | null>;
}

/** GET /api/v1/panels/trend?division=510403&month=2021-11[&months=12][&metrics=a,b]: monthly values of the last N months per metric. */
export interface MetricTrend {
  division: string;
  /** 'YYYY-MM', oldest first, ending at the requested month. */
  months: string[];
  series: MetricTrendSeries[];
}

/** A column of a card's drill-through list, with its Chinese and English headers. */
export interface FactColumn {
  key: string;
  zh: string;
  en: string;
}

/** The facts behind a card, one page or all of them (the XLSX export). */
export interface FactRows {
  columns: FactColumn[];
  /** Keyed by `FactColumn.key`. */
  rows: Array<Record<string, string | number | null>>;
  /** All the facts, not only this page's. */
  total: number;
  /** Sums over all the facts of the summed columns (amount in 元, households, person-times, materials), as decimal strings: the 合计 row. */
  totals?: Record<string, string>;
}

/** GET /api/v1/panels/facts?division=510403&month=2021-11&metric=…[&page=1&pageSize=20]: the drill-through page of one card. */
export interface FactPage extends FactRows {
  page: number;
  pageSize: number;
}
