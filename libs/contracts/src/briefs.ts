// The monthly brief (月度工作简报, issue 15): stored per (division, month, version) with its figures.
import type { MetricCode } from './metrics.js';
import type { MetricValue, PanelStatus } from './panels.js';

/** Chinese and English of one text. */
export interface BilingualText {
  zh: string;
  en: string;
}

/** A headline card: the panel's figures of one metric, as the panel served them. */
export interface BriefCard {
  code: MetricCode;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  value: MetricValue | null;
  mom: number | null;
  yoy: number | null;
  ytd: MetricValue | null;
  target: MetricValue | null;
  targetCompletion: number | null;
  pace: number | null;
  paceGap: number | null;
  status: PanelStatus | null;
}

export interface BriefTrendSeries {
  code: MetricCode;
  name: string;
  nameEn: string;
  unit: string;
  values: Array<MetricValue | null>;
}

export interface BriefRank {
  city: string;
  cityName: string;
  /** The ranking's month basis (the month's own figures). */
  status: 'published' | 'draft';
  version: number;
  rank: number;
  of: number;
  score: number;
  /** The rank of the month before (same status rules), null when there is none. */
  previousRank: number | null;
  /** One line: the indicators that gave most and least points. */
  explanation: BilingualText;
}

export interface BriefDistrictRow {
  code: string;
  name: string;
  rank: number | null;
  score: number | null;
  /** Values of the headline metrics, by metric code. */
  values: Record<string, MetricValue | null>;
  redCount: number;
}

export interface BriefBudgetProject {
  id: string;
  code: string;
  name: string;
  divisionCode: string;
  adjustedBudget: string;
  executed: string;
  ratePercent: string | null;
  expectedPercent: string;
  gapPoints: string | null;
  status: PanelStatus | null;
}

export interface BriefBudgetWarning {
  projectName: string;
  kind: string;
  message: BilingualText;
}

export interface BriefEvent {
  id: string;
  title: string;
  start: string;
  divisionName: string;
  personTimes: number;
  /** A small JPEG/PNG as a data: URL (the browser-made thumbnail), or null. */
  thumbnail: string | null;
}

export type BriefAttentionKind = 'red_metric' | 'missing_data' | 'overdue_review' | 'budget_warning';

export interface BriefAttention {
  kind: BriefAttentionKind;
  text: BilingualText;
}

/** Everything a brief shows, frozen when it is issued. */
export interface BriefFigures {
  division: { code: string; name: string; level: string };
  month: string;
  summary: BilingualText;
  cards: BriefCard[];
  trend: { months: string[]; series: BriefTrendSeries[] };
  rank: BriefRank | null;
  districts: BriefDistrictRow[] | null;
  budget: { year: number; asOf: string; projects: BriefBudgetProject[]; warnings: BriefBudgetWarning[] };
  events: { count: number; personTimes: number; top: BriefEvent[]; waitingReview: number; overdueReview: number };
  attention: BriefAttention[];
}

export interface BriefSummaryItem {
  id: string;
  division: string;
  divisionName: string;
  month: string;
  version: number;
  issuedAt: string;
  issuedBy: string;
  /** true for the newest version of its (division, month). */
  latest: boolean;
}

export interface Brief extends BriefSummaryItem {
  figures: BriefFigures;
}

export interface CreateBriefRequest {
  division: string;
  month: string;
}
