// Budget projects, funding lines, payments and execution against 序时进度 (DESIGN §3 Budget, §5).
// Money is a string of 元 with two decimals; rates and gaps are percentages as strings, half-up to 2 decimals.
import type { ImportRowError, SheetImportCounts } from './imports.js';

export const PROJECT_CATEGORIES = ['basic', 'project'] as const;
/** basic 基本支出 | project 项目支出 */
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];
export const PROJECT_CATEGORY_LABELS: Record<ProjectCategory, string> = { basic: '基本支出', project: '项目支出' };

export const FUNDING_SOURCES = ['superior', 'local', 'other'] as const;
/** superior 上级财政资金 | local 本级财政资金 | other 其他资金 */
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = { superior: '上级财政资金', local: '本级财政资金', other: '其他资金' };

export const FUND_TYPES = ['general', 'gov_fund', 'state_capital', 'other'] as const;
/** general 一般公共预算 | gov_fund 政府性基金 | state_capital 国有资本经营 | other 其他 */
export type FundType = (typeof FUND_TYPES)[number];
export const FUND_TYPE_LABELS: Record<FundType, string> = {
  general: '一般公共预算',
  gov_fund: '政府性基金',
  state_capital: '国有资本经营',
  other: '其他',
};

/** monthly: m/12 (or the project's monthly plan) at the end of the last complete month; daily: day of year ÷ days in year. */
export const PACE_MODES = ['monthly', 'daily'] as const;
export type PaceMode = (typeof PACE_MODES)[number];

export interface BudgetProject {
  id: string;
  divisionCode: string;
  year: number;
  /** Stable code, unique per division and year (e.g. a Sichuan project code). */
  code: string;
  name: string;
  aliases: string[];
  category: ProjectCategory;
  supervisingUnit: string;
  implementingUnit: string;
  /** 用款计划: 12 monthly amounts (元) or shares; null = linear m/12. */
  monthlyPlan: string[] | null;
  paceMode: PaceMode;
  createdAt: string;
  updatedAt: string;
}

export interface FundingLine {
  id: string;
  projectId: string;
  source: FundingSource;
  fundType: FundType;
  label: string;
  initialBudget: string;
  adjustedBudget: string;
  carriedIn: string;
  /** Σ payments of the line (元). */
  executed: string;
}

export interface Payment {
  id: string;
  projectId: string;
  fundingLineId: string;
  paidOn: string;
  amount: string;
  /** 支出功能分类 类/款/项: 3, 5 or 7 digits. */
  functionalCode: string;
  /** 部门预算支出经济分类 类/款: 3 or 5 digits. */
  economicCode: string;
  memo: string | null;
  createdAt: string;
}

/** One problem in one cell of an imported payments file (the one row error of every import). */
export type PaymentImportRowError = ImportRowError;

export interface PaymentImportResult extends SheetImportCounts {
  status: 'succeeded' | 'rejected';
  /** Σ amounts inserted (元). */
  total: string;
}

export interface ExecutionLine {
  fundingLineId: string | null;
  source: FundingSource | null;
  fundType: FundType | null;
  label: string;
  initialBudget: string;
  adjustedBudget: string;
  executed: string;
  /** executed ÷ adjusted budget, percent half-up 2 decimals; null when the budget is 0. */
  ratePercent: string | null;
}

export interface ExecutionMonth {
  /** YYYY-MM */
  month: string;
  executedInMonth: string;
  cumulativeExecuted: string;
  cumulativeRatePercent: string | null;
  /** 序时进度 at the end of the month (m/12 or the monthly plan). */
  expectedPercent: string;
  gapPoints: string | null;
}

export interface ExecutionProgressView {
  /** The day measured (payments up to and including it). */
  asOf: string;
  paceMode: PaceMode;
  /** monthly mode: the month whose end is measured (last complete month); null in daily mode. */
  month: number | null;
  executed: string;
  ratePercent: string | null;
  expectedPercent: string;
  gapPoints: string | null;
  status: 'green' | 'yellow' | 'red' | null;
  projectedYearEndPercent: string | null;
  projectedBelowThreshold: boolean;
  isYearEnd: boolean;
}

export interface ProjectExecution {
  projectId: string;
  year: number;
  lines: ExecutionLine[];
  total: ExecutionLine;
  months: ExecutionMonth[];
  progress: ExecutionProgressView;
}

export const BUDGET_WARNING_KINDS = ['behind_pace', 'projected_below_threshold', 'year_end_below_threshold'] as const;
export type BudgetWarningKind = (typeof BUDGET_WARNING_KINDS)[number];

export interface BudgetWarning {
  id: string;
  projectId: string;
  projectName: string;
  divisionCode: string;
  year: number;
  kind: BudgetWarningKind;
  message: string;
  details: Record<string, unknown>;
  raisedAt: string;
  clearedAt: string | null;
}
