import { Dec, type DecimalInput, roundHalfUp, sum } from '../decimal.js';
import { nonNegativeDec } from '../pace/checked-input.js';
import {
  type BudgetExecution,
  type FundingLineInput,
  budgetExecution,
  executionScore,
  needsExecutionExplanation,
  toPercent,
} from './execution.js';
import { gradeFor } from './grade.js';
import { type IndicatorInput, type IndicatorOutcome, indicatorCompletion } from './indicators.js';
import { apportionCents, nonBlank } from './shares.js';
import { type IndicatorPool, type ScoringTemplate, type TemplateId, resolveTemplate } from './templates.js';
import {
  type Grade,
  INDICATOR_DIRECTIONS,
  INDICATOR_LEVEL2S,
  type IndicatorLevel1,
  type IndicatorLevel2,
  LEVEL1_OF_LEVEL2,
} from './vocabulary.js';

/** Everything a 项目支出绩效自评表 is computed from. */
export interface SelfEvaluationInput {
  /** A built-in template id or a (custom, stored) template. */
  template: TemplateId | ScoringTemplate;
  /** Rows of the budget execution block; their sum is the 总额 row. */
  fundingLines: readonly FundingLineInput[];
  /** 原因 given for the 总额 row, if any. */
  executionReason?: string;
  indicators: readonly IndicatorInput[];
}

export interface ExecutionBlockResult extends BudgetExecution {
  /** Points of the block in the template (Sichuan 10, Hubei 20). */
  weight: Dec;
  /** Points after not-applicable rescaling; 0 when the block does not apply. */
  effectiveWeight: Dec;
  /** No budget at all: the block is dropped and the other points rescaled. */
  notApplicable: boolean;
  exactScore: Dec;
  /** Half-up to 2 decimals, as printed. */
  score: Dec;
  reason: string | null;
}

export interface IndicatorResult {
  /** The input row, unchanged, for the export. */
  indicator: IndicatorInput;
  level1: IndicatorLevel1;
  level2: IndicatorLevel2;
  poolKey: string;
  /** 分值 before rescaling: as given, or this row's cent-exact share of its pool. */
  weight: Dec;
  /** 分值 after not-applicable rescaling; 0 for a row that does not apply. */
  effectiveWeight: Dec;
  outcome: IndicatorOutcome | 'not_applicable';
  /** Share of the weight earned, exact, 0..1; null when not applicable. */
  completion: Dec | null;
  /** 完成率 (%), half-up to 2 decimals. */
  completionPercent: Dec | null;
  achievementRatio: Dec | null;
  overAchieved: boolean;
  exactScore: Dec;
  /** 得分, half-up to 2 decimals. */
  score: Dec;
  reason: string | null;
}

export interface PoolResult {
  key: string;
  label: string;
  weight: Dec;
  effectiveWeight: Dec;
  indicatorCount: number;
  applicableCount: number;
  /** Σ of the rows' printed scores. */
  score: Dec;
}

export type ReasonKind =
  | 'execution_below_threshold'
  | 'budget_adjusted'
  | 'spent_without_budget'
  | 'indicator_short_of_target'
  | 'indicator_missing_actual';

/** An item whose 原因 / 偏差原因 column must be filled before the table can be submitted. */
export interface ReasonRequired {
  kind: ReasonKind;
  subject: 'execution' | 'funding_line' | 'indicator';
  /** "total" for the execution block's 总额 row, else the funding line's or the indicator's key. */
  key: string;
  /** The rate, or the indicator's completion, that triggered it (null when there is none). */
  value: Dec | null;
  reasonGiven: boolean;
}

/** Not a reason requirement: something a reviewer should look at (full marks far above target). */
export interface ReviewFlag {
  kind: 'indicator_over_achieved';
  key: string;
  achievementRatio: Dec | null;
}

export interface SelfEvaluationResult {
  template: ScoringTemplate;
  execution: ExecutionBlockResult;
  indicators: IndicatorResult[];
  pools: PoolResult[];
  /** Points of the applicable rows before rescaling (100 when everything applies). */
  applicableWeight: Dec;
  /** Σ of the printed row scores (domain.md §3.4.2 rounds each row; §3.4.7 adds them), so the table adds up. */
  total: Dec;
  /** Σ of the unrounded row scores, for explanations; may differ from `total` by a few hundredths. */
  exactTotal: Dec;
  grade: Grade;
  reasonsRequired: ReasonRequired[];
  reviewFlags: ReviewFlag[];
  /** Every applicable indicator has an actual (or a judgement). */
  complete: boolean;
}

const FULL_MARKS = new Dec(100);

/**
 * Scores a whole self-evaluation: execution per funding line and in total, every indicator's completion and
 * score, not-applicable rescaling, the total, the grade, and the items that require a reason.
 */
export function evaluateSelfEvaluation(input: SelfEvaluationInput): SelfEvaluationResult {
  const template = resolveTemplate(input.template);
  assertIndicators(input.indicators);
  const rules = {
    reverseFormula: template.reverseFormula,
    qualitativeBands: template.qualitativeBands,
    overAchievementRatio: template.overAchievementRatio,
  };

  const budget = budgetExecution(input.fundingLines);
  const executionApplies = budget.total.rate !== null;
  const executionWeight = new Dec(template.executionWeight);

  const nominal = nominalIndicatorWeights(template.indicatorPools, input.indicators);
  const applicableIndicators = input.indicators.filter((i) => !i.notApplicable);
  if (applicableIndicators.length === 0) throw new RangeError('a self-evaluation needs at least one applicable indicator');

  // Rescale only when something is dropped, so given weights are kept exactly as set.
  const applicableWeights = [
    executionApplies ? executionWeight : new Dec(0),
    ...input.indicators.map((i) => (i.notApplicable ? new Dec(0) : (nominal.get(i.key) as Dec))),
  ];
  const applicableWeight = sum(applicableWeights);
  if (applicableWeight.isZero()) throw new RangeError('the applicable rows carry no points: nothing to score');
  const effective = applicableWeight.equals(FULL_MARKS) ? applicableWeights : apportionCents(applicableWeights, FULL_MARKS);
  const [executionEffectiveWeight, ...indicatorEffectiveWeights] = effective;

  const executionExact = executionApplies ? executionScore(budget.total.rate as Dec, executionEffectiveWeight) : new Dec(0);
  const execution: ExecutionBlockResult = {
    ...budget,
    weight: executionWeight,
    effectiveWeight: executionEffectiveWeight,
    notApplicable: !executionApplies,
    exactScore: executionExact,
    score: roundHalfUp(executionExact),
    reason: nonBlank(input.executionReason),
  };

  const indicators = input.indicators.map((indicator, i): IndicatorResult => {
    const level1 = LEVEL1_OF_LEVEL2[indicator.level2];
    const base = {
      indicator,
      level1,
      level2: indicator.level2,
      poolKey: poolOf(template.indicatorPools, level1).key,
      weight: nominal.get(indicator.key) as Dec,
      effectiveWeight: indicatorEffectiveWeights[i],
      reason: nonBlank(indicator.reason),
    };
    if (indicator.notApplicable) {
      return {
        ...base,
        outcome: 'not_applicable',
        completion: null,
        completionPercent: null,
        achievementRatio: null,
        overAchieved: false,
        exactScore: new Dec(0),
        score: new Dec(0),
      };
    }
    const result = indicatorCompletion(indicator, rules);
    const exactScore = base.effectiveWeight.times(result.completion);
    return { ...base, ...result, completionPercent: toPercent(result.completion), exactScore, score: roundHalfUp(exactScore) };
  });

  const pools = template.indicatorPools.map((pool): PoolResult => {
    const rows = indicators.filter((r) => r.poolKey === pool.key);
    return {
      key: pool.key,
      label: pool.label,
      weight: new Dec(pool.weight),
      effectiveWeight: sum(rows.map((r) => r.effectiveWeight)),
      indicatorCount: rows.length,
      applicableCount: rows.filter((r) => r.outcome !== 'not_applicable').length,
      score: sum(rows.map((r) => r.score)),
    };
  });

  const total = execution.score.plus(sum(indicators.map((r) => r.score)));
  return {
    template,
    execution,
    indicators,
    pools,
    applicableWeight,
    total,
    exactTotal: execution.exactScore.plus(sum(indicators.map((r) => r.exactScore))),
    grade: gradeFor(total),
    reasonsRequired: reasonsRequired(execution, indicators, template.explanationThreshold),
    reviewFlags: indicators
      .filter((r) => r.overAchieved)
      .map((r) => ({ kind: 'indicator_over_achieved' as const, key: r.indicator.key, achievementRatio: r.achievementRatio })),
    complete: indicators.every((r) => r.outcome !== 'missing'),
  };
}

// Each indicator's 分值 before rescaling: given weights are kept; the rest of a pool is split evenly to the cent.
function nominalIndicatorWeights(pools: readonly IndicatorPool[], indicators: readonly IndicatorInput[]): Map<string, Dec> {
  const weights = new Map<string, Dec>();
  for (const pool of pools) {
    const rows = indicators.filter((i) => pool.level1s.includes(LEVEL1_OF_LEVEL2[i.level2]));
    if (rows.length === 0) continue;
    const poolWeight = new Dec(pool.weight);
    const given = rows.filter((i) => i.weight !== undefined);
    for (const row of given) weights.set(row.key, pointsValue(row.weight as DecimalInput, `weight of indicator "${row.key}"`));
    const givenTotal = sum(given.map((row) => weights.get(row.key) as Dec));
    const unweighted = rows.filter((i) => i.weight === undefined);

    if (unweighted.length === 0) {
      if (!givenTotal.equals(poolWeight)) {
        throw new RangeError(`indicator weights of pool "${pool.key}" total ${givenTotal.toString()}, expected ${poolWeight.toString()}`);
      }
      continue;
    }
    const left = poolWeight.minus(givenTotal);
    if (!left.greaterThan(0)) {
      throw new RangeError(
        `pool "${pool.key}" has no points left for ${unweighted.length} indicator(s) without a weight ` +
          `(given weights total ${givenTotal.toString()} of ${poolWeight.toString()})`,
      );
    }
    const shares = apportionCents(unweighted.map(() => new Dec(1)), left);
    unweighted.forEach((row, i) => weights.set(row.key, shares[i]));
  }
  return weights;
}

// 分值 are printed with 2 decimals; finer weights would let the printed row scores add up past 100.
function pointsValue(value: DecimalInput, label: string): Dec {
  const points = nonNegativeDec(value, label);
  if (points.decimalPlaces() > 2) throw new RangeError(`${label} must have at most 2 decimals, got ${points.toString()}`);
  return points;
}

function reasonsRequired(execution: ExecutionBlockResult, indicators: readonly IndicatorResult[], threshold: string): ReasonRequired[] {
  const required: ReasonRequired[] = [];
  if (!execution.notApplicable && needsExecutionExplanation(execution.total.rate, threshold)) {
    const reasonGiven = execution.reason !== null;
    required.push({ kind: 'execution_below_threshold', subject: 'execution', key: 'total', value: execution.total.rate, reasonGiven });
  }
  for (const line of execution.lines) {
    const reasonGiven = line.reason !== null;
    if (needsExecutionExplanation(line.rate, threshold)) {
      required.push({ kind: 'execution_below_threshold', subject: 'funding_line', key: line.key, value: line.rate, reasonGiven });
    }
    if (line.spentWithoutBudget) {
      required.push({ kind: 'spent_without_budget', subject: 'funding_line', key: line.key, value: null, reasonGiven });
    }
    if (line.adjusted) required.push({ kind: 'budget_adjusted', subject: 'funding_line', key: line.key, value: line.rate, reasonGiven });
  }
  for (const row of indicators) {
    const reasonGiven = row.reason !== null;
    if (row.outcome === 'short') {
      const { key } = row.indicator;
      required.push({ kind: 'indicator_short_of_target', subject: 'indicator', key, value: row.completion, reasonGiven });
    } else if (row.outcome === 'missing') {
      required.push({ kind: 'indicator_missing_actual', subject: 'indicator', key: row.indicator.key, value: null, reasonGiven });
    }
  }
  return required;
}

function assertIndicators(indicators: readonly IndicatorInput[]): void {
  const keys = new Set<string>();
  for (const indicator of indicators) {
    if (keys.has(indicator.key)) throw new RangeError(`indicator key "${indicator.key}" is used twice`);
    keys.add(indicator.key);
    if (!INDICATOR_LEVEL2S.includes(indicator.level2)) {
      throw new RangeError(`indicator "${indicator.key}": unknown level-2 category "${String(indicator.level2)}"`);
    }
    if (!INDICATOR_DIRECTIONS.includes(indicator.direction)) {
      throw new RangeError(`indicator "${indicator.key}": unknown direction "${String(indicator.direction)}"`);
    }
  }
}

function poolOf(pools: readonly IndicatorPool[], level1: IndicatorLevel1): IndicatorPool {
  const pool = pools.find((p) => p.level1s.includes(level1));
  if (!pool) throw new RangeError(`no indicator pool covers level-1 block "${level1}"`);
  return pool;
}
