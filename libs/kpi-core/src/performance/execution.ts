import { type Dec, type DecimalInput, roundHalfUp, sum } from '../decimal.js';
import { finiteDec, nonNegativeDec } from '../pace/checked-input.js';
import { clampShare, nonBlank } from './shares.js';
import { DEFAULT_PACE_CUTOFFS, type PaceCutoffs, type PaceStatus, dailyPace, monthlyPace, paceGap, paceStatus } from '../pace/pace.js';

/** Sichuan: a year-end execution rate below 90% needs a written explanation (domain.md §3.2). */
export const DEFAULT_EXPLANATION_THRESHOLD = '0.9';

/** One row of the budget execution block (上级 / 本级 / 其他资金, or 财政资金 / 单位资金 …). */
export interface FundingLineInput {
  /** Stable key of the line (its id, or a code such as "higher"); unique within a project. */
  key: string;
  /** As printed in the table, e.g. "上级财政资金". */
  label?: string;
  /** 年初预算; when given and different from the adjusted budget, the adjustment must be explained. */
  initialBudget?: DecimalInput | null;
  /** 调整后预算数 (全年预算数): the denominator of the execution rate. */
  adjustedBudget: DecimalInput;
  /** 预算执行数 (实际完成数), cumulative. */
  executed: DecimalInput;
  /** 原因 as entered by staff, if any. */
  reason?: string;
}

/** Execution of one line or of the total, in the unit of its inputs (元 or 万元: the rate does not care). */
export interface ExecutionRate {
  budget: Dec;
  executed: Dec;
  /** executed ÷ budget, exact and uncapped (102.15% stays 1.0215); null when the budget is zero. */
  rate: Dec | null;
  /** rate × 100, half-up to 2 decimals, as the table prints it. */
  ratePercent: Dec | null;
  /** Money spent against a zero budget: no rate exists, but a reviewer must see it. */
  spentWithoutBudget: boolean;
}

export interface FundingLineExecution extends ExecutionRate {
  key: string;
  label: string | null;
  initialBudget: Dec | null;
  /** The adjusted budget differs from the initial one (调整, to be explained). */
  adjusted: boolean;
  reason: string | null;
}

export interface BudgetExecution {
  lines: FundingLineExecution[];
  /** Σ executed ÷ Σ adjusted budget: the 总额 row, computed even where a table leaves it blank. */
  total: ExecutionRate & { initialBudget: Dec | null; adjusted: boolean };
}

/** Execution rate = executed ÷ adjusted budget, with a zero budget reported as "no rate" rather than divided by. */
export function executionRate(executed: DecimalInput, budget: DecimalInput): ExecutionRate {
  const executedAmount = nonNegativeDec(executed, 'executed amount');
  const budgetAmount = nonNegativeDec(budget, 'budget');
  if (budgetAmount.isZero()) {
    return { budget: budgetAmount, executed: executedAmount, rate: null, ratePercent: null, spentWithoutBudget: !executedAmount.isZero() };
  }
  const rate = executedAmount.dividedBy(budgetAmount);
  return { budget: budgetAmount, executed: executedAmount, rate, ratePercent: toPercent(rate), spentWithoutBudget: false };
}

/** Every funding line's execution and the total's. Line keys must be unique. */
export function budgetExecution(lines: readonly FundingLineInput[]): BudgetExecution {
  const seen = new Set<string>();
  const lineResults = lines.map((line): FundingLineExecution => {
    if (seen.has(line.key)) throw new RangeError(`funding line key "${line.key}" is used twice`);
    seen.add(line.key);
    const rate = executionRate(line.executed, line.adjustedBudget);
    const initialBudget =
      line.initialBudget === undefined || line.initialBudget === null
        ? null
        : nonNegativeDec(line.initialBudget, `initial budget of funding line "${line.key}"`);
    return {
      ...rate,
      key: line.key,
      label: line.label ?? null,
      initialBudget,
      adjusted: initialBudget !== null && !initialBudget.equals(rate.budget),
      reason: nonBlank(line.reason),
    };
  });

  const total = executionRate(sum(lineResults.map((l) => l.executed)), sum(lineResults.map((l) => l.budget)));
  const everyInitialKnown = lineResults.length > 0 && lineResults.every((l) => l.initialBudget !== null);
  const initialBudget = everyInitialKnown ? sum(lineResults.map((l) => l.initialBudget as Dec)) : null;
  return {
    lines: lineResults,
    total: { ...total, initialBudget, adjusted: initialBudget !== null && !initialBudget.equals(total.budget) },
  };
}

/** Whether a (year-end) rate is below the explanation threshold; a missing rate (zero budget) needs none. */
export function needsExecutionExplanation(rate: DecimalInput | null, threshold: DecimalInput = DEFAULT_EXPLANATION_THRESHOLD): boolean {
  if (rate === null) return false;
  // Compared exactly: 89.996% prints as 90.00% but is still below 90%.
  return finiteDec(rate, 'execution rate').lessThan(finiteDec(threshold, 'explanation threshold'));
}

/** Execution score = weight × rate, never above the weight (over-execution earns nothing extra) nor below 0. Exact. */
export function executionScore(rate: DecimalInput, weight: DecimalInput): Dec {
  const r = finiteDec(rate, 'execution rate');
  const w = nonNegativeDec(weight, 'execution weight');
  return w.times(clampShare(r));
}

/**
 * Year-end rate if spending goes on at the pace so far: executed share ÷ expected share.
 * Null while nothing is expected yet (a plan with nothing due), since no pace can be measured.
 */
export function projectedYearEndRate(executedShare: DecimalInput, expectedShare: DecimalInput): Dec | null {
  const executed = finiteDec(executedShare, 'executed share');
  const expected = nonNegativeDec(expectedShare, 'expected share');
  return expected.isZero() ? null : executed.dividedBy(expected);
}

/** When to measure in-year progress: the end of a month (with an optional monthly plan) or a given day. */
export type ProgressPoint = { month: number; plan?: readonly DecimalInput[] } | { date: string };

export interface ExecutionProgressInput {
  executed: DecimalInput;
  budget: DecimalInput;
  at: ProgressPoint;
  cutoffs?: PaceCutoffs;
  explanationThreshold?: DecimalInput;
}

/** In-year execution against 序时进度 (the budget leg of 双监控). */
export interface ExecutionProgress {
  rate: Dec | null;
  ratePercent: Dec | null;
  expectedShare: Dec;
  expectedPercent: Dec;
  /** (rate − expected) × 100, exact; null when there is no rate. */
  gapPoints: Dec | null;
  gapPointsRounded: Dec | null;
  /** Null when there is no rate (zero budget). */
  status: PaceStatus | null;
  projectedYearEndRate: Dec | null;
  projectedYearEndPercent: Dec | null;
  /** Early warning: at this pace the year ends below the explanation threshold. */
  projectedBelowThreshold: boolean;
  isYearEnd: boolean;
}

/**
 * Where a project stands against 序时进度: gap, traffic light, projection. At year end there is no pace left to lag
 * behind: the light says only whether the year's rate reached the threshold (red below it, green at or above), and
 * there is nothing left to project (a closed year is never "严重滞后", nor given a "预计年末执行率").
 */
export function executionProgress(input: ExecutionProgressInput): ExecutionProgress {
  const { rate, ratePercent } = executionRate(input.executed, input.budget);
  const threshold = input.explanationThreshold ?? DEFAULT_EXPLANATION_THRESHOLD;
  const expectedShare = 'date' in input.at ? dailyPace(input.at.date) : monthlyPace(input.at.month, input.at.plan);
  const isYearEnd = 'date' in input.at ? input.at.date.endsWith('-12-31') : input.at.month === 12;

  if (rate === null) {
    return {
      rate, ratePercent, expectedShare, expectedPercent: toPercent(expectedShare),
      gapPoints: null, gapPointsRounded: null, status: null,
      projectedYearEndRate: null, projectedYearEndPercent: null, projectedBelowThreshold: false, isYearEnd,
    };
  }
  const gapPoints = paceGap(rate, expectedShare);
  const projected = isYearEnd ? null : projectedYearEndRate(rate, expectedShare);
  const yearEndStatus: PaceStatus = needsExecutionExplanation(rate, threshold) ? 'red' : 'green';
  return {
    rate,
    ratePercent,
    expectedShare,
    expectedPercent: toPercent(expectedShare),
    gapPoints,
    gapPointsRounded: roundHalfUp(gapPoints),
    status: isYearEnd ? yearEndStatus : paceStatus(gapPoints, input.cutoffs ?? DEFAULT_PACE_CUTOFFS),
    projectedYearEndRate: projected,
    projectedYearEndPercent: projected === null ? null : toPercent(projected),
    projectedBelowThreshold: projected !== null && needsExecutionExplanation(projected, threshold),
    isYearEnd,
  };
}

/** A share (0..1 or beyond) as a percentage, half-up to 2 decimals: the display edge. */
export function toPercent(share: DecimalInput): Dec {
  return roundHalfUp(finiteDec(share, 'share').times(100));
}
