// Pure helpers of the budget edit dialogs (no Vue): money input, 万元 hints, the 用款计划, the indicator body.
import { FUND_TYPE_LABELS, FUNDING_SOURCE_LABELS, type FundingLine, type IndicatorBinding } from '@app/contracts';
import { type IndicatorInput } from '@/api/performance';
import { formatYuan, INDICATOR_LEVEL1S, INDICATOR_LEVEL2S, LEVEL1_OF_LEVEL2, sum, type IndicatorLevel1, type IndicatorLevel2 } from '@app/kpi-core';
import { yuanToWan } from '../../utils/metric-format';

/** The API's money rule: 元 with at most 2 decimals. */
const MONEY = /^\d{1,16}(\.\d{1,2})?$/;

/** "1,000,000" / " 100000.5 " → "1000000" / "100000.5"; null when not an amount of 元 with at most 2 decimals. */
export function normalizeMoney(input: string | null | undefined): string | null {
  const value = (input ?? '').replace(/[,，\s]/g, '');
  return MONEY.test(value) ? value : null;
}

/** The 万元 hint of a typed amount ("100000" → "10.00"), exact and half-up to 2 decimals; null when not money. */
export function wanHint(input: string | null | undefined): string | null {
  const value = normalizeMoney(input);
  return value === null ? null : yuanToWan(value, 2);
}

/** Σ amounts of 元 (strings) with exact decimals ("126000.50"); null when one is not money. */
export function sumYuan(values: readonly string[]): string | null {
  const amounts = values.map(normalizeMoney);
  return amounts.some((a) => a === null) ? null : formatYuan(sum(amounts as string[]));
}

/** The line's own label, or '' when the API only filled in its default "上级财政资金（一般公共预算）". */
export function customLineLabel(line: Pick<FundingLine, 'label' | 'source' | 'fundType'>): string {
  return line.label === `${FUNDING_SOURCE_LABELS[line.source]}（${FUND_TYPE_LABELS[line.fundType]}）` ? '' : line.label;
}

/** Whether a role may change budget data of a division: staff and leaders their own, administrators any (the API's rule). */
export function canWriteDivision(role: string | null | undefined, ownDivision: string | null | undefined, divisionCode: string): boolean {
  if (role === 'admin') return true;
  return (role === 'staff' || role === 'leader') && !!ownDivision && ownDivision === divisionCode;
}

/** The level-2 options grouped under their level 1, in the vocabulary's order. */
export function level2Groups(): Array<{ level1: IndicatorLevel1; level2s: IndicatorLevel2[] }> {
  return INDICATOR_LEVEL1S.map((level1) => ({ level1, level2s: INDICATOR_LEVEL2S.filter((l2) => LEVEL1_OF_LEVEL2[l2] === level1) }));
}

/**
 * The 用款计划 as typed in 12 boxes: all empty → null (linear m/12); all valid amounts → the 12 strings;
 * otherwise the months (1–12) that are missing or not an amount.
 */
export function parseMonthlyPlan(months: readonly string[]): { plan: string[] | null; badMonths: number[] } {
  if (months.every((m) => !m.trim())) return { plan: null, badMonths: [] };
  const plan = months.map((m) => normalizeMoney(m));
  const badMonths = plan.flatMap((m, i) => (m === null ? [i + 1] : []));
  return badMonths.length ? { plan: null, badMonths } : { plan: plan as string[], badMonths: [] };
}

export interface IndicatorForm {
  level2: IndicatorLevel2 | '';
  name: string;
  direction: '>=' | '<=' | '=' | 'qual';
  targetValue: string;
  targetText: string;
  unit: string;
  weight: string;
  bindingKind: IndicatorBinding['kind'];
  metricCode: string;
  eventType: string;
  actualValue: string;
  actualText: string;
  qualitativeTier: '' | 'met' | 'partly_met' | 'not_met';
  qualitativeShare: string;
  deviationReason: string;
}


const orNull = (value: string) => value.trim() || null;
const numberOrNull = (value: string) => value.replace(/[,，\s]/g, '') || null;

/**
 * The request body of a create or update: blanks become null, the binding carries only its own parameter,
 * a bound indicator sends no entered actual (the bound value wins), and only a qualitative one sends a tier.
 */
export function indicatorBody(form: IndicatorForm): IndicatorInput {
  const qualitative = form.direction === 'qual';
  const binding: IndicatorBinding = { kind: form.bindingKind };
  if (form.bindingKind === 'metric') binding.metricCode = orNull(form.metricCode);
  if (form.bindingKind === 'events') binding.eventType = orNull(form.eventType);
  const body: IndicatorInput = {
    level2: form.level2,
    name: form.name.trim(),
    direction: form.direction,
    targetValue: qualitative ? null : numberOrNull(form.targetValue),
    targetText: orNull(form.targetText),
    unit: orNull(form.unit),
    weight: numberOrNull(form.weight),
    binding,
    actualText: orNull(form.actualText),
    qualitativeTier: qualitative ? form.qualitativeTier || null : null,
    qualitativeShare: qualitative && form.qualitativeTier ? numberOrNull(form.qualitativeShare) : null,
    deviationReason: orNull(form.deviationReason),
  };
  if (form.bindingKind === 'manual' && !qualitative) body.actualValue = numberOrNull(form.actualValue);
  return body;
}
