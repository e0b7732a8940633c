// An indicator row as the rules and the printed table read it: its effective actual (bound or entered, and where it
// came from), the rules' input, and the 年度指标值 / 实际完成值 texts. Pure.
import { type ActualSource } from '@app/contracts';
import { type IndicatorInput, QUALITATIVE_TIER_LABELS, dec } from '@app/kpi-core';
import { type PerformanceIndicatorEntity } from './entities/performance-indicator.entity.js';

const DIRECTION_SYMBOLS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=', qual: '' };

/** An indicator with its effective actual (bound or entered) and where it came from. */
export interface ResolvedIndicator {
  row: PerformanceIndicatorEntity;
  actualValue: string | null;
  source: ActualSource;
}

export function toIndicatorInput(resolved: ResolvedIndicator): IndicatorInput {
  const row = resolved.row;
  const base = {
    key: row.id,
    level2: row.level2,
    name: row.name,
    weight: row.weight === null ? undefined : row.weight,
    notApplicable: row.notApplicable,
    reason: row.deviationReason ?? undefined,
  };
  if (row.direction === 'qual') {
    return {
      ...base,
      direction: 'qual',
      target: row.targetText ?? undefined,
      actualText: row.actualText ?? undefined,
      assessment: row.qualitativeTier ? { tier: row.qualitativeTier, share: row.qualitativeShare ?? undefined } : null,
    };
  }
  return {
    ...base,
    direction: row.direction,
    target: row.targetValue as string,
    actual: resolved.actualValue,
    unit: row.unit ?? undefined,
    reverseFormula: row.reverseFormula ?? undefined,
  };
}

/** 年度指标值 as printed: the text when given, else "≥5次". */
export function targetText(row: PerformanceIndicatorEntity): string {
  if (row.targetText) return row.targetText;
  if (row.targetValue === null) return '';
  return `${DIRECTION_SYMBOLS[row.direction]}${dec(row.targetValue).toString()}${row.unit ?? ''}`;
}

/** 实际完成值 as printed: the number with its unit (plus the text), or the qualitative text / judgement. */
export function actualText(row: PerformanceIndicatorEntity, value: string | null): string {
  if (row.direction === 'qual') return row.actualText ?? (row.qualitativeTier ? QUALITATIVE_TIER_LABELS[row.qualitativeTier] : '');
  if (value === null) return row.actualText ?? '';
  return `${dec(value).toDecimalPlaces(4).toString()}${row.unit ?? ''}`;
}
