import { Dec, type DecimalInput, dec, roundHalfUp, sum } from '../decimal.js';
import { finiteDec } from '../pace/checked-input.js';
import { type ConsistencyFinding, type FindingSeverity, fixed2, printedPlaces } from './finding.js';

// Generic, pure rule functions. Each returns a finding, or null when the figures agree.
// Amounts are compared in the unit the caller gives; percentages are in percent (45.46, not 0.4546).

interface Where {
  /** Path of the value checked (into the request, or "section.code" of a figure). */
  path: string;
  /** What the value is, for the message ("年度资金总额", "一般公共预算财政拨款支出"). */
  label: string;
  /** Unit of the amounts compared, printed in the message and kept on the finding. */
  unit?: string;
}

export interface Part {
  label: string;
  value: DecimalInput;
}

export interface SumIdentityInput extends Where {
  total: DecimalInput;
  parts: readonly Part[];
  /** Differences up to this are ignored (default 0: exact). */
  tolerance?: DecimalInput;
  /** Differences above `tolerance` and up to this are reported as rounding, with severity `warning` (default 0). */
  roundingTolerance?: DecimalInput;
  severity?: FindingSeverity;
}

/** Total = Σ parts. A difference within `roundingTolerance` (0.01 万元 in the accounts) is a rounding warning. */
export function checkSumIdentity(input: SumIdentityInput): ConsistencyFinding | null {
  const total = finiteDec(input.total, `${input.label} total`);
  const partsSum = sum(input.parts.map((p) => finiteDec(p.value, `${input.label} part ${p.label}`)));
  const diff = total.minus(partsSum).abs();
  if (diff.lessThanOrEqualTo(input.tolerance ?? 0)) return null;
  const rounding = diff.lessThanOrEqualTo(input.roundingTolerance ?? 0);
  const unit = input.unit ?? '';
  const partsText = partsExpression(input.parts);
  return {
    rule: 'sum_identity',
    severity: rounding ? 'warning' : (input.severity ?? 'error'),
    path: input.path,
    expected: fixed2(partsSum),
    found: fixed2(total),
    message: `${input.label}：合计为 ${fixed2(total)}${unit}，各组成部分之和为 ${fixed2(partsSum)}${unit}（${partsText}）${rounding ? '，差异在舍入范围内' : ''}`,
    messageEn: `${input.label}: the total is ${fixed2(total)} ${unit} but its parts add up to ${fixed2(partsSum)} ${unit} (${partsText})${rounding ? '; within rounding' : ''}`,
    ...(input.unit ? { unit: input.unit } : {}),
  };
}

// "a 18 − b 15.66883 + c 2": negative parts are subtracted, not added as negatives.
function partsExpression(parts: readonly Part[]): string {
  return parts
    .map((p, i) => {
      const value = dec(p.value);
      const sign = value.isNegative() ? ' − ' : i === 0 ? '' : ' + ';
      return `${sign}${p.label} ${fixed2(value.abs())}`;
    })
    .join('')
    .trim();
}

export interface SameFigureInput extends Where {
  /** The figure of record (a table) and where it stands. */
  reference: { where: string; value: DecimalInput };
  /** The same figure as stated elsewhere; `printed` (as it stands) sets the precision it is compared at. */
  stated: { where: string; value: DecimalInput; printed?: string };
  tolerance?: DecimalInput;
  roundingTolerance?: DecimalInput;
  severity?: FindingSeverity;
}

const TEN_THOUSAND = new Dec(10_000);

/**
 * The same figure stated in two places must agree. The reference is rounded half-up to the stated figure's
 * printed precision first (16.4702 stated as 16.47 agrees). A factor of exactly 10,000 is reported as a
 * unit mix-up (元 vs 万元) rather than as two different figures.
 */
export function checkSameFigure(input: SameFigureInput): ConsistencyFinding | null {
  const reference = finiteDec(input.reference.value, `${input.label} (${input.reference.where})`);
  const stated = finiteDec(input.stated.value, `${input.label} (${input.stated.where})`);
  const places = input.stated.printed === undefined ? null : printedPlaces(input.stated.printed);
  const comparable = places === null ? reference : roundHalfUp(reference, places);
  const diff = comparable.minus(stated).abs();
  if (diff.lessThanOrEqualTo(input.tolerance ?? 0)) return null;
  const unit = input.unit ?? '';
  if (!stated.isZero() && (stated.times(TEN_THOUSAND).equals(reference) || reference.times(TEN_THOUSAND).equals(stated))) {
    return {
      rule: 'unit_plausibility',
      severity: 'error',
      path: input.path,
      expected: fixed2(reference),
      found: fixed2(stated),
      message: `${input.label}：${input.stated.where}为 ${fixed2(stated)}，${input.reference.where}为 ${fixed2(reference)}，相差恰为 10000 倍，元与万元混用`,
      messageEn: `${input.label}: ${fixed2(stated)} in ${input.stated.where} vs ${fixed2(reference)} in ${input.reference.where}, exactly a factor of 10,000 (元 and 万元 mixed up)`,
      ...(input.unit ? { unit: input.unit } : {}),
    };
  }
  const rounding = diff.lessThanOrEqualTo(input.roundingTolerance ?? 0);
  return {
    rule: 'same_figure',
    severity: rounding ? 'warning' : (input.severity ?? 'error'),
    path: input.path,
    expected: fixed2(reference),
    found: fixed2(stated),
    message: `${input.label}：${input.stated.where}为 ${input.stated.printed?.trim() ?? fixed2(stated)}${unit}，而${input.reference.where}为 ${fixed2(reference)}${unit}${rounding ? '（舍入差异）' : ''}`,
    messageEn: `${input.label}: ${input.stated.printed?.trim() ?? fixed2(stated)} ${unit} in ${input.stated.where}, but ${fixed2(reference)} ${unit} in ${input.reference.where}${rounding ? ' (rounding)' : ''}`,
    ...(input.unit ? { unit: input.unit } : {}),
  };
}

export interface PrintedValueInput extends Where {
  /** The value the rules compute, exact. */
  computed: DecimalInput;
  /** The value as printed (a string such as "45.45", "78", "0.6"). */
  printed: string;
  /** Absolute difference allowed; without it the computed value is rounded half-up to the printed precision and must match. */
  tolerance?: DecimalInput;
  rule?: 'percentage_recomputed' | 'score_recomputed';
  severity?: FindingSeverity;
}

/**
 * A printed rate or score against the one computed: one rounding rule (half-up), at the printed precision,
 * so 78.28% printed "78" agrees, 0.67% printed "0.6" (truncated) does not, and 45.456% printed "45.45" does not.
 */
export function checkPrintedValue(input: PrintedValueInput): ConsistencyFinding | null {
  const computed = finiteDec(input.computed, `${input.label} computed`);
  const printed = finiteDec(input.printed.replace(/[,，\s%]/g, ''), `${input.label} printed`);
  const agrees =
    input.tolerance === undefined
      ? roundHalfUp(computed, printedPlaces(input.printed.replace(/%$/, ''))).equals(printed)
      : computed.minus(printed).abs().lessThanOrEqualTo(input.tolerance);
  if (agrees) return null;
  const rule = input.rule ?? 'percentage_recomputed';
  const unit = input.unit ?? (rule === 'percentage_recomputed' ? '%' : '');
  const shown = roundHalfUp(computed, 2).toString();
  const places = printedPlaces(input.printed.replace(/%$/, ''));
  const truncated = input.tolerance === undefined && computed.toDecimalPlaces(places, Dec.ROUND_DOWN).equals(printed);
  return {
    rule,
    severity: input.severity ?? 'error',
    path: input.path,
    expected: fixed2(computed),
    found: fixed2(printed),
    message: `${input.label}印为${input.printed.trim()}${unit === '%' ? '%' : ''}，按数据重算（四舍五入）为${shown}${unit}${truncated ? '（印数系直接截尾）' : ''}`,
    messageEn: `${input.label} is printed as ${input.printed.trim()}${unit === '%' ? '%' : ''}; recomputed from the figures (half-up) it is ${shown}${unit === '%' ? '%' : ` ${unit}`}`.trimEnd(),
    unit,
  };
}

export interface PercentageInput extends Where {
  numerator: DecimalInput;
  denominator: DecimalInput;
  printed: string;
  tolerancePoints?: DecimalInput;
  severity?: FindingSeverity;
}

/** A printed percentage against numerator ÷ denominator × 100; nothing to say when the denominator is 0. */
export function checkPercentage(input: PercentageInput): ConsistencyFinding | null {
  const denominator = finiteDec(input.denominator, `${input.label} denominator`);
  if (denominator.isZero()) return null;
  const computed = finiteDec(input.numerator, `${input.label} numerator`).dividedBy(denominator).times(100);
  return checkPrintedValue({ ...input, computed, tolerance: input.tolerancePoints, rule: 'percentage_recomputed', unit: '%' });
}

export interface UnitPlausibilityInput extends Where {
  amount: DecimalInput;
  /** The unit the table says its amounts are in. */
  unit: '元' | '万元';
  /** In a 万元 column, an amount at or above this is taken for 元 (domain.md IC-07: 10,000). */
  maxWan?: DecimalInput;
  /** In a 元 column, a non-zero amount below this is taken for 万元 (no project budget is under 100 元). */
  minYuan?: DecimalInput;
}

/** An amount that only makes sense in the other unit: 344702 "万元" is 344,702 元; 0.5 "元" is 0.5 万元. */
export function checkUnitPlausibility(input: UnitPlausibilityInput): ConsistencyFinding | null {
  const amount = finiteDec(input.amount, input.label).abs();
  if (input.unit === '万元' && amount.greaterThanOrEqualTo(input.maxWan ?? 10_000)) {
    const asWan = amount.dividedBy(TEN_THOUSAND);
    return {
      rule: 'unit_plausibility',
      severity: 'error',
      path: input.path,
      expected: fixed2(asWan),
      found: fixed2(amount),
      message: `${input.label}在“万元”栏中为 ${fixed2(amount)}：按本单位规模应是元（即 ${fixed2(asWan)}万元）`,
      messageEn: `${input.label} reads ${amount.toString()} in a 万元 column; at this unit's scale it is in 元 (${roundHalfUp(asWan, 2).toString()} 万元)`,
      unit: '万元',
    };
  }
  if (input.unit === '元' && !amount.isZero() && amount.lessThan(input.minYuan ?? 100)) {
    const asYuan = amount.times(TEN_THOUSAND);
    return {
      rule: 'unit_plausibility',
      severity: 'warning',
      path: input.path,
      expected: fixed2(asYuan),
      found: fixed2(amount),
      message: `${input.label}在“元”栏中仅为 ${fixed2(amount)}元，可能应为万元（即 ${fixed2(asYuan)}元）`,
      messageEn: `${input.label} is only ${amount.toString()} in a 元 column; it is probably in 万元 (${asYuan.toString()} 元)`,
      unit: '元',
    };
  }
  return null;
}

export interface ComponentsWithinTotalInput extends Where {
  /** A cumulative total (累计交易额, 年末结转和结余 …). */
  total: DecimalInput;
  /** What the total must contain (signed: an unspent balance is budget − executed). */
  components: readonly Part[];
}

/** Σ components ≤ cumulative total: a total cannot be smaller than what it contains (IC-10). */
export function checkComponentsWithinTotal(input: ComponentsWithinTotalInput): ConsistencyFinding | null {
  const total = finiteDec(input.total, `${input.label} total`);
  const components = sum(input.components.map((c) => finiteDec(c.value, `${input.label} component ${c.label}`)));
  if (components.lessThanOrEqualTo(total)) return null;
  const unit = input.unit ?? '';
  const text = partsExpression(input.components);
  return {
    rule: 'components_within_total',
    severity: 'error',
    path: input.path,
    expected: fixed2(components),
    found: fixed2(total),
    message: `${input.label}：总数为 ${fixed2(total)}${unit}，小于其组成部分之和 ${fixed2(components)}${unit}（${text}）`,
    messageEn: `${input.label}: the total is ${fixed2(total)} ${unit}, less than the ${fixed2(components)} ${unit} of its own components (${text})`,
    ...(input.unit ? { unit: input.unit } : {}),
  };
}

export interface NarrativeCountInput extends Where {
  /** The count the text states ("全年开展4次科普活动"). */
  stated: DecimalInput;
  /** The indicator's actual (实际完成值) for the same thing. */
  actual: DecimalInput;
  statedWhere: string;
  actualWhere: string;
}

/** A count in the narrative must equal the indicator's actual value (IC-09). */
export function checkNarrativeCount(input: NarrativeCountInput): ConsistencyFinding | null {
  const stated = finiteDec(input.stated, `${input.label} stated`);
  const actual = finiteDec(input.actual, `${input.label} actual`);
  if (stated.equals(actual)) return null;
  const unit = input.unit ?? '';
  return {
    rule: 'narrative_count',
    severity: 'error',
    path: input.path,
    expected: fixed2(actual),
    found: fixed2(stated),
    message: `${input.label}：${input.statedWhere}称${stated.toString()}${unit}，${input.actualWhere}的实际完成值为${actual.toString()}${unit}`,
    messageEn: `${input.label}: ${input.statedWhere} states ${stated.toString()} ${unit}, the indicator's actual in ${input.actualWhere} is ${actual.toString()} ${unit}`,
    ...(input.unit ? { unit: input.unit } : {}),
  };
}

export interface ReverseBreachedInput extends Where {
  target: DecimalInput;
  actual: DecimalInput;
  /** The completion the rules give (percent), e.g. 97.89 for 74.44 against ≤ 72.87. */
  computedCompletion: DecimalInput;
  /** The completion as printed (percent); a printed 100 on a breached ceiling is the error. */
  printedCompletion: string;
}

/** A ≤ target breached (actual > target) cannot be printed as fully complete (IC-12). */
export function checkReverseBreachedFull(input: ReverseBreachedInput): ConsistencyFinding | null {
  const target = finiteDec(input.target, `${input.label} target`);
  const actual = finiteDec(input.actual, `${input.label} actual`);
  const printed = finiteDec(input.printedCompletion.replace(/[\s%]/g, ''), `${input.label} printed completion`);
  if (actual.lessThanOrEqualTo(target) || printed.lessThan(100)) return null;
  const computed = finiteDec(input.computedCompletion, `${input.label} computed completion`);
  return {
    rule: 'reverse_breached_full',
    severity: 'error',
    path: input.path,
    expected: fixed2(computed),
    found: fixed2(printed),
    message: `${input.label}为“≤${target.toString()}”，实际${actual.toString()}已超出目标，却记为完成${printed.toString()}%；按反向指标规则应为${roundHalfUp(computed, 2).toString()}%`,
    messageEn: `${input.label} is "≤ ${target.toString()}" and the actual ${actual.toString()} exceeds it, yet it is marked ${printed.toString()}% complete; the reverse rule gives ${roundHalfUp(computed, 2).toString()}%`,
    unit: '%',
  };
}

export interface RequiredValueInput extends Where {
  /** The cell as printed; null or blank when left empty. */
  printed: string | null | undefined;
  /** The cell must hold a number (a quantitative actual), not just text such as "完成". */
  numeric: boolean;
  /** What the cell should hold when the rules can compute it (a total row's sum, a rate). */
  computed?: DecimalInput | null;
  severity?: FindingSeverity;
}

/** A required cell left blank, or a quantitative actual answered with text only (IC-08, IC-14). */
export function checkRequiredValue(input: RequiredValueInput): ConsistencyFinding | null {
  const text = input.printed?.trim() ?? '';
  const blank = text === '';
  const nonNumeric = !blank && input.numeric && !/^[+-]?(\d+(\.\d*)?|\.\d+)%?$/.test(text.replace(/[,，\s]/g, ''));
  if (!blank && !nonNumeric) return null;
  const expected = input.computed === undefined || input.computed === null ? null : fixed2(input.computed);
  return {
    rule: 'required_value_missing',
    severity: input.severity ?? 'error',
    path: input.path,
    expected,
    found: blank ? null : text,
    message: blank
      ? `${input.label}未填写${expected === null ? '' : `（按数据应为${expected}）`}`
      : `${input.label}须填写数值，现为“${text}”`,
    messageEn: blank
      ? `${input.label} is blank${expected === null ? '' : ` (the figures give ${expected})`}`
      : `${input.label} needs a number, found "${text}"`,
    ...(input.unit ? { unit: input.unit } : {}),
  };
}

export interface WeightsTotalInput extends Where {
  weights: readonly DecimalInput[];
  /** The template's total for these rows (100 for the whole table, 90 for Sichuan's indicators …). */
  total: DecimalInput;
}

/** Weights (分值) must add up to the template's total. */
export function checkWeightsTotal(input: WeightsTotalInput): ConsistencyFinding | null {
  const total = finiteDec(input.total, `${input.label} template total`);
  const weights = sum(input.weights.map((w, i) => finiteDec(w, `${input.label} weight ${i + 1}`)));
  if (weights.equals(total)) return null;
  return {
    rule: 'weights_total',
    severity: 'error',
    path: input.path,
    expected: fixed2(total),
    found: fixed2(weights),
    message: `${input.label}的分值合计为${weights.toString()}，模板要求${total.toString()}`,
    messageEn: `${input.label} weights add up to ${weights.toString()}; the template requires ${total.toString()}`,
    unit: '分',
  };
}

export interface ReasonInput extends Where {
  reason: string | null | undefined;
  /** The rate or completion (percent) that falls short. */
  value: DecimalInput;
  /** The threshold (percent) below which a reason is required (90 for execution, 100 for indicators). */
  threshold: DecimalInput;
  severity?: FindingSeverity;
}

/** Below the threshold a written reason is required (Sichuan: execution below 90%). */
export function checkReasonGiven(input: ReasonInput): ConsistencyFinding | null {
  const value = finiteDec(input.value, `${input.label} value`);
  const threshold = finiteDec(input.threshold, `${input.label} threshold`);
  if (!value.lessThan(threshold) || (input.reason?.trim() ?? '') !== '') return null;
  return {
    rule: 'reason_missing',
    severity: input.severity ?? 'error',
    path: input.path,
    expected: fixed2(threshold),
    found: fixed2(value),
    message: `${input.label}为${roundHalfUp(value, 2).toString()}%，低于${threshold.toString()}%，须说明原因`,
    messageEn: `${input.label} is ${roundHalfUp(value, 2).toString()}%, below ${threshold.toString()}%: a reason is required`,
    unit: '%',
  };
}
