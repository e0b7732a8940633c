// Labels and colours of the ranking screen. Pure.
import { METRICS_BY_CODE, type MetricCode, type RankingIndicator, type RankingPillar } from '@app/contracts';
import { type Lang } from '@/utils/metric-format';

export const PILLAR_COLORS: Record<RankingPillar, string> = {
  supply: '#2f9e8f',
  demand: '#1d5fb8',
  popsci: '#e0a526',
};

const DENOMINATOR_EN: Record<string, (per: number) => string> = {
  population: (per) => (per === 1 ? 'per resident' : `per ${per.toLocaleString('en-US')} residents`),
  households: (per) => (per === 100 ? '% of households' : per === 1 ? 'per household' : `per ${per.toLocaleString('en-US')} households`),
  villages: (per) => (per === 100 ? '% of villages' : 'per village'),
  enterprisesAboveScale: () => 'per enterprise above scale',
};

/** The indicator as shown: the model's Chinese label, or the catalogue's English name with its intensity. */
export function indicatorLabel(indicator: Pick<RankingIndicator, 'metric' | 'label' | 'denominator' | 'per' | 'transform'>, lang: Lang): string {
  const definition = METRICS_BY_CODE[indicator.metric as MetricCode];
  if (lang === 'zh') return indicator.label ?? definition?.nameZh ?? indicator.metric;
  const base = (definition?.nameEn ?? indicator.metric).replace(/ \((count|value)\)$/, '');
  const parts: string[] = [];
  if (indicator.denominator !== 'none') parts.push(DENOMINATOR_EN[indicator.denominator]?.(indicator.per ?? 1) ?? indicator.denominator);
  if (indicator.transform === 'log') parts.push('log');
  const kind = definition?.kind === 'amount' ? 'value' : definition?.kind === 'count' && indicator.metric.startsWith('deals.') ? 'count' : null;
  const name = kind ? `${base} (${kind})` : base;
  return parts.length > 0 ? `${name}, ${parts.join(', ')}` : name;
}
