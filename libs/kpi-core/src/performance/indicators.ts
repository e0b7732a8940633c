import { Dec, type DecimalInput } from '../decimal.js';
import { finiteDec, nonNegativeDec } from '../pace/checked-input.js';
import { clampShare } from './shares.js';
import { DEFAULT_QUALITATIVE_BANDS, type QualitativeBands } from './templates.js';
import {
  type IndicatorLevel2,
  type QualitativeTier,
  type QuantitativeDirection,
  QUALITATIVE_TIERS,
  type ReverseFormula,
} from './vocabulary.js';

interface IndicatorBase {
  /** Stable key (the indicator's id); unique within a self-evaluation. */
  key: string;
  /** 二级指标; the level-1 block follows from it. */
  level2: IndicatorLevel2;
  /** 三级指标, free text. */
  name: string;
  /** 分值 as set in the target table; omitted, the template's pool is split evenly over the unweighted rows. */
  weight?: DecimalInput;
  /** Dropped from scoring, the remaining points rescaled to 100 (domain.md §3.3). */
  notApplicable?: boolean;
  /** 未完成原因和改进措施 / 偏差原因 as entered, if any. */
  reason?: string;
}

/** A ≥, ≤ or = indicator with numeric target A and actual B (in the same unit). */
export interface QuantitativeIndicatorInput extends IndicatorBase {
  direction: QuantitativeDirection;
  target: DecimalInput;
  /** Null while no numeric actual is recorded: scored 0 and listed as needing one (IC-14). */
  actual: DecimalInput | null;
  unit?: string;
  /** Overrides the template's reverse formula for this ≤ indicator. */
  reverseFormula?: ReverseFormula;
}

/** The reviewer's judgement of a qualitative indicator: a tier and a share of the weight inside that tier's band. */
export interface QualitativeAssessment {
  tier: QualitativeTier;
  /** 0..1; may be omitted only for `met` (full marks). */
  share?: DecimalInput;
}

export interface QualitativeIndicatorInput extends IndicatorBase {
  direction: 'qual';
  /** 年度指标值 as text. */
  target?: string;
  /** 实际完成情况 as text. */
  actualText?: string;
  /** Null until the reviewer has judged it: scored 0 and listed as missing. */
  assessment: QualitativeAssessment | null;
}

export type IndicatorInput = QuantitativeIndicatorInput | QualitativeIndicatorInput;

/** met: on target; short: below target (a reason is required); missing: no actual or no judgement yet. */
export type IndicatorOutcome = 'met' | 'short' | 'missing';

export interface IndicatorCompletion {
  /** Share of the weight earned, exact, 0..1 (over-achievement is capped at 1). */
  completion: Dec;
  /** Uncapped progress toward the good side: B/A for ≥ and =, A/B for ≤; null where undefined (A or B is 0, or qualitative). */
  achievementRatio: Dec | null;
  outcome: IndicatorOutcome;
  /** Full marks far above target, a sign the target was set too low: for review, never an automatic deduction. */
  overAchieved: boolean;
}

export interface IndicatorScoringRules {
  reverseFormula: ReverseFormula;
  qualitativeBands: QualitativeBands;
  overAchievementRatio: DecimalInput;
}

const DEFAULT_RULES: IndicatorScoringRules = {
  reverseFormula: 'ratio',
  qualitativeBands: DEFAULT_QUALITATIVE_BANDS,
  overAchievementRatio: '1.5',
};

/** "≥" (正向): full when B ≥ A, else B/A. A target of 0 is met by any B ≥ 0. */
export function completionAtLeast(actual: DecimalInput, target: DecimalInput): Dec {
  const a = nonNegativeDec(target, 'target');
  const b = finiteDec(actual, 'actual');
  if (a.isZero()) return new Dec(b.isNegative() ? 0 : 1);
  return clampShare(b.dividedBy(a));
}

/**
 * "≤" (反向): full when B ≤ A; above the target either A/B (`ratio`) or 1 − (B − A)/A (`linear`, 0 from B = 2A).
 * A target of 0 that is exceeded earns nothing under both formulas.
 */
export function completionAtMost(actual: DecimalInput, target: DecimalInput, formula: ReverseFormula = 'ratio'): Dec {
  const a = nonNegativeDec(target, 'target');
  const b = finiteDec(actual, 'actual');
  if (b.lessThanOrEqualTo(a)) return new Dec(1);
  if (a.isZero()) return new Dec(0);
  if (formula === 'ratio') return a.dividedBy(b);
  if (formula === 'linear') return clampShare(new Dec(1).minus(b.minus(a).dividedBy(a)));
  throw new RangeError(`unknown reverse formula "${String(formula)}"`);
}

/** "=": with A > 0 scored like "≥" (domain.md §3.4.4, rule selfequalindex); with A = 0, full only when B ≤ 0. */
export function completionEqual(actual: DecimalInput, target: DecimalInput): Dec {
  const a = nonNegativeDec(target, 'target');
  const b = finiteDec(actual, 'actual');
  if (a.isZero()) return new Dec(b.lessThanOrEqualTo(0) ? 1 : 0);
  return completionAtLeast(b, a);
}

/** Qualitative: the reviewer's share, which must lie inside the tier's band; `met` without a share is full marks. */
export function qualitativeCompletion(assessment: QualitativeAssessment, bands: QualitativeBands = DEFAULT_QUALITATIVE_BANDS): Dec {
  if (!QUALITATIVE_TIERS.includes(assessment.tier)) throw new RangeError(`unknown qualitative tier "${String(assessment.tier)}"`);
  const [from, to] = bandOf(assessment.tier, bands);
  if (assessment.share === undefined) {
    if (assessment.tier === 'met') return new Dec(1);
    throw new RangeError(`a "${assessment.tier}" judgement needs the reviewer's share, from ${from.toString()} to ${to.toString()}`);
  }
  const share = finiteDec(assessment.share, 'qualitative share');
  if (share.lessThan(from) || share.greaterThan(to)) {
    throw new RangeError(`a "${assessment.tier}" share must lie from ${from.toString()} to ${to.toString()}, got ${share.toString()}`);
  }
  return share;
}

/** Completion, outcome and over-achievement flag of one indicator under the given rules. */
export function indicatorCompletion(indicator: IndicatorInput, rules: Partial<IndicatorScoringRules> = {}): IndicatorCompletion {
  const { reverseFormula, qualitativeBands, overAchievementRatio } = { ...DEFAULT_RULES, ...rules };
  const label = `indicator "${indicator.key}"`;

  if (indicator.direction === 'qual') {
    if (indicator.assessment === null) return { completion: new Dec(0), achievementRatio: null, outcome: 'missing', overAchieved: false };
    const completion = withLabel(label, () => qualitativeCompletion(indicator.assessment as QualitativeAssessment, qualitativeBands));
    return { completion, achievementRatio: null, outcome: indicator.assessment.tier === 'met' ? 'met' : 'short', overAchieved: false };
  }

  const target = withLabel(label, () => nonNegativeDec(indicator.target, 'target'));
  if (indicator.actual === null || indicator.actual === undefined) {
    return { completion: new Dec(0), achievementRatio: null, outcome: 'missing', overAchieved: false };
  }
  const actual = withLabel(label, () => finiteDec(indicator.actual as DecimalInput, 'actual'));
  const threshold = finiteDec(overAchievementRatio, 'over-achievement ratio');

  switch (indicator.direction) {
    case '>=':
    case '=': {
      const completion =
        indicator.direction === '>=' ? completionAtLeast(actual, target) : completionEqual(actual, target);
      const ratio = target.isZero() ? null : actual.dividedBy(target);
      const overAchieved = ratio !== null && ratio.greaterThan(threshold);
      return { completion, achievementRatio: ratio, outcome: completion.equals(1) ? 'met' : 'short', overAchieved };
    }
    case '<=': {
      const completion = completionAtMost(actual, target, indicator.reverseFormula ?? reverseFormula);
      const ratio = actual.greaterThan(0) ? target.dividedBy(actual) : null;
      // Nothing spent against a positive ceiling is as far under it as one can be.
      const farUnder = ratio === null ? target.greaterThan(0) : ratio.greaterThan(threshold);
      return { completion, achievementRatio: ratio, outcome: completion.equals(1) ? 'met' : 'short', overAchieved: farUnder };
    }
    default:
      throw new RangeError(`${label}: unknown direction "${String((indicator as { direction: unknown }).direction)}"`);
  }
}

function bandOf(tier: QualitativeTier, bands: QualitativeBands): [Dec, Dec] {
  const metFrom = finiteDec(bands.metFrom, 'qualitative band metFrom');
  const partlyMetFrom = finiteDec(bands.partlyMetFrom, 'qualitative band partlyMetFrom');
  if (tier === 'met') return [metFrom, new Dec(1)];
  if (tier === 'partly_met') return [partlyMetFrom, metFrom];
  return [new Dec(0), partlyMetFrom];
}

// Prefixes a validation error with the indicator it concerns, so a message from a table of 20 rows is actionable.
function withLabel<T>(label: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(`${label}: ${error.message}`, { cause: error });
    throw error;
  }
}
