// The annual targets sheet: its columns and its row rule (the importer does the rest).
import { METRIC_CATALOGUE, METRICS_BY_CODE, type MetricCode, type MetricDefinition } from '@app/contracts';
import { cellError, cellOk, defineSheet, type CellResult, type SheetColumn, type SheetRowProblem } from '../../spreadsheets/sheet-spec.js';
import { divisionOutOfScope, type DivisionLookupResult } from '../../spreadsheets/division-lookup.js';

/** What a row is checked against: the one division lookup (any level) and the user's scope. */
export interface TargetSheetContext {
  lookupDivision: (value: string) => DivisionLookupResult;
  covers: (divisionCode: string) => boolean;
}

export interface ParsedTarget {
  divisionCode: string;
  year: number;
  metricCode: MetricCode;
  annual: string;
  monthlyPlan: string[] | null;
}

const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;
const METRIC_BY_NAME = new Map<string, MetricCode>(METRIC_CATALOGUE.map((m) => [m.nameZh, m.code as MetricCode]));

const notNegative = (text: string, zh: string, en: string): CellResult<string> => {
  const value = text.replace(/,/g, '');
  return AMOUNT.test(value) ? cellOk(value) : cellError('INVALID_TARGET', `${zh}须为非负数，最多两位小数`, `${en} must be a non-negative number with at most 2 decimals`);
};

const month = (m: number): SheetColumn<string, TargetSheetContext> => ({
  zh: `${m}月`, en: `M${m}`, optional: true,
  parse: (text) => (text === '' ? cellOk('') : notNegative(text, `${m}月计划`, `The plan of month ${m}`)),
});
type MonthKey = 'm1' | 'm2' | 'm3' | 'm4' | 'm5' | 'm6' | 'm7' | 'm8' | 'm9' | 'm10' | 'm11' | 'm12';
const MONTH_KEYS = Array.from({ length: 12 }, (_, i) => `m${i + 1}` as MonthKey);
const MONTHS = Object.fromEntries(MONTH_KEYS.map((key, i) => [key, month(i + 1)])) as Record<MonthKey, SheetColumn<string, TargetSheetContext>>;

export const TARGETS_SHEET = defineSheet<TargetSheetContext>()({
  columns: {
    division: {
      zh: '区划代码', en: 'Division', aliases: ['区县', '区划', 'divisioncode'],
      parse: (text, { lookupDivision, covers }): CellResult<string> => {
        if (!text) return cellError('REQUIRED', '区划不能为空', 'The division is required');
        const found = lookupDivision(text);
        if ('error' in found) return { ok: false, ...found.error };
        return covers(found.code) ? cellOk(found.code) : { ok: false, ...divisionOutOfScope(text, found.code) };
      },
    },
    year: {
      zh: '年度', en: 'Year', aliases: ['年份'],
      parse: (text): CellResult<number> => {
        const year = Number(text);
        return text !== '' && Number.isInteger(year) && year >= 2000 && year <= 2100 ? cellOk(year) : cellError('INVALID_YEAR', '年度须为 2000–2100 的整数', 'The year must be a whole number from 2000 to 2100');
      },
    },
    metric: {
      zh: '指标代码', en: 'Metric', aliases: ['指标', '指标名称', 'metriccode'],
      parse: (text): CellResult<MetricDefinition> => {
        const code = (METRICS_BY_CODE as Record<string, MetricDefinition | undefined>)[text] ? (text as MetricCode) : METRIC_BY_NAME.get(text);
        const definition = code ? METRICS_BY_CODE[code] : undefined;
        return definition && definition.aggregation === 'sum'
          ? cellOk(definition)
          : cellError('METRIC_NOT_TARGETABLE', '未知指标，或该指标为比率、不能设目标', 'Unknown metric, or a ratio that takes no target');
      },
    },
    annual: { zh: '年度目标', en: 'Annual target', aliases: ['目标', '目标值', 'annual', 'target'], parse: (text) => notNegative(text, '年度目标', 'The annual target') },
    ...MONTHS,
  },
  row: (values) => {
    const errors: SheetRowProblem<'annual' | MonthKey>[] = [];
    if (values.metric.kind === 'count' && !/^\d+$/.test(values.annual)) {
      errors.push({ column: 'annual', code: 'COUNT_NOT_WHOLE', message: '计数指标的目标须为整数', messageEn: 'A count target is a whole number' });
    }
    const plan = MONTH_KEYS.map((key) => values[key]);
    const hasPlan = plan.some((p) => p !== '');
    const gap = plan.findIndex((p) => p === '');
    if (hasPlan && gap >= 0) {
      errors.push({ column: MONTH_KEYS[gap], code: 'PLAN_INCOMPLETE', message: '月度计划须填满 1–12 月，或全部留空', messageEn: 'The monthly plan needs all 12 months, or none', params: { month: gap + 1 } });
    }
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, value: { divisionCode: values.division, year: values.year, metricCode: values.metric.code as MetricCode, annual: values.annual, monthlyPlan: hasPlan ? plan : null } satisfies ParsedTarget };
  },
});
