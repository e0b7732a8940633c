// The figures behind each contribution (issue 13 §6): the raw value, the denominator it is divided by, the per-capita
// or coverage figure, and the peers' lowest and highest (min–max) or the target, so the page can say how a score is
// made and work it through for one district. Display only (Number arithmetic): the points themselves come from the
// server's exact computation. Pure.
import { METRICS_BY_CODE, type MetricCode, type RankingIndicator, type RankingInputJson, type RankingModel } from '@app/contracts';
import { groupDigits, type Lang } from '../../utils/metric-format';

export interface IndicatorFigures {
  /** raw ÷ denominator × per, before the log; null when the value or the denominator is missing. */
  perUnit: number | null;
  /** The number that is normalised: perUnit, or ln(1 + perUnit) for a logged indicator. */
  x: number | null;
  denominator: number | null;
  /** Min–max: the lowest and highest x among the city's districts; target-based: this district's target x. */
  min: number | null;
  max: number | null;
  target: number | null;
}

const ZH_PER: Record<string, Record<number, string>> = {
  population: { 1: '人均', 1000: '每千人', 10_000: '每万人', 100_000: '每十万人' },
  households: { 1: '每户', 100: '覆盖率' },
  villages: { 1: '每个村(社区)', 100: '每百个村(社区)' },
  enterprisesAboveScale: { 1: '每家规上企业', 100: '每百家规上企业' },
};
const EN_NOUN: Record<string, string> = {
  population: 'residents',
  households: 'households',
  villages: 'villages',
  enterprisesAboveScale: 'enterprises above scale',
};

const EN_ONE: Record<string, string> = {
  population: 'resident',
  households: 'household',
  villages: 'village',
  enterprisesAboveScale: 'enterprise above scale',
};

/** "每千人" / "per 1,000 residents": what the per-unit figure counts. */
export function perUnitLabel(indicator: Pick<RankingIndicator, 'denominator' | 'per'>, lang: Lang): string {
  if (indicator.denominator === 'none') return '';
  const per = indicator.per ?? 1;
  if (lang === 'en' && indicator.denominator === 'households' && per === 100) return 'coverage';
  if (lang === 'zh') return ZH_PER[indicator.denominator]?.[per] ?? `每 ${groupDigits(String(per))}`;
  const noun = EN_NOUN[indicator.denominator] ?? indicator.denominator;
  return per === 1 ? `per ${EN_ONE[indicator.denominator] ?? noun}` : `per ${groupDigits(String(per))} ${noun}`;
}

/** A figure at a readable precision: grouped above 1,000, 2 decimals above 1, 3 significant digits below. */
export function shortNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1000) return groupDigits(value.toFixed(0));
  if (abs >= 1 || abs === 0) return value.toFixed(2);
  return String(Number(value.toPrecision(3)));
}

const num = (text: string | null | undefined): number | null => {
  if (text === null || text === undefined || text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};

function xOf(indicator: RankingIndicator, value: number | null, denominators: RankingInputJson['denominators']): { perUnit: number | null; x: number | null; denominator: number | null } {
  const denominator = indicator.denominator === 'none' ? null : num(denominators[indicator.denominator]);
  if (value === null) return { perUnit: null, x: null, denominator };
  let perUnit: number | null = value;
  if (indicator.denominator !== 'none') perUnit = denominator !== null && denominator > 0 ? (value / denominator) * (indicator.per ?? 1) : null;
  if (perUnit === null) return { perUnit, x: null, denominator };
  const x = indicator.transform === 'log' ? Math.sign(perUnit) * Math.log1p(Math.abs(perUnit)) : perUnit;
  return { perUnit, x, denominator };
}

/** The figures of indicator `index` for every district of the ranking's inputs, by division code. */
export function indicatorFigures(model: RankingModel, inputs: readonly RankingInputJson[], index: number): Map<string, IndicatorFigures> {
  const indicator = model.indicators[index]!;
  const own = inputs.map((input) => ({ input, ...xOf(indicator, num(input.values[indicator.metric]), input.denominators) }));
  const xs = own.flatMap((o) => (o.x === null ? [] : [o.x]));
  const minMax = model.normalization.method === 'minmax' && xs.length > 0;
  return new Map(
    own.map((o) => [
      o.input.division,
      {
        perUnit: o.perUnit,
        x: o.x,
        denominator: o.denominator,
        min: minMax ? Math.min(...xs) : null,
        max: minMax ? Math.max(...xs) : null,
        target: model.normalization.method === 'target' ? xOf(indicator, num(o.input.targets[indicator.metric]), o.input.denominators).x : null,
      },
    ]),
  );
}

/** The per-unit figure with its unit: money in 万元 (the screens' unit for amounts), counts as they are. */
export function formatPerUnit(indicator: RankingIndicator, perUnit: number | null, lang: Lang): string {
  if (perUnit === null) return '—';
  const definition = METRICS_BY_CODE[indicator.metric as MetricCode];
  const money = definition && definition.kind !== 'count';
  const value = money ? perUnit / 10_000 : perUnit;
  const unit = money ? (lang === 'zh' ? '万元' : '×10k yuan') : indicator.denominator === 'households' && indicator.per === 100 ? '%' : '';
  const label = perUnitLabel(indicator, lang);
  if (unit === '%') return `${shortNumber(value)}%`;
  return [shortNumber(value), unit, label && (lang === 'zh' ? `（${label}）` : `(${label})`)].filter(Boolean).join(lang === 'zh' ? '' : ' ');
}
