// Formatting of metric values for the KPI screens. Pure functions, no Vue.
// Money arrives as strings of 元 with 2 decimals and is shown in 万元 with exact decimal arithmetic.
import { type MetricDefinition, type MetricKind, type MetricValue, type PanelMetric } from '@app/contracts';
import { dec } from '@app/kpi-core';

export type Lang = 'zh' | 'en';

/** "1234567.5" → "1,234,567.5": groups the integer part of a decimal string, keeps the rest as is. */
export function groupDigits(text: string): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [int = '0', frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** "92708000.00" (元) → "9,270.80" (万元): exact, half-up to `places` decimals. */
export function yuanToWan(yuan: MetricValue, places = 2): string {
  return groupDigits(dec(yuan).dividedBy(10_000).toFixed(places));
}

/** 万元 as a plain number, for chart axes only (never for sums or displayed text). */
export function yuanToWanNumber(yuan: MetricValue | null): number | null {
  return yuan === null ? null : dec(yuan).dividedBy(10_000).toNumber();
}

/** The value as shown: counts grouped, amounts and 元 ratios in 万元 with 2 decimals; null → "—". */
export function formatMetricValue(value: MetricValue | null | undefined, kind: MetricKind): string {
  if (value === null || value === undefined) return '—';
  if (kind === 'count') return groupDigits(dec(value).toFixed(0));
  return yuanToWan(value);
}

/** The unit shown next to a formatted value: amounts become 万元. */
export function displayUnit(definition: Pick<MetricDefinition, 'kind' | 'unit'>, lang: Lang): string {
  if (definition.kind === 'count') return lang === 'zh' ? definition.unit.zh : definition.unit.en;
  if (definition.kind === 'amount') return lang === 'zh' ? '万元' : '×10k yuan';
  return lang === 'zh' ? '万元/笔' : '×10k yuan/deal';
}

export function metricName(definition: Pick<MetricDefinition, 'nameZh' | 'nameEn'>, lang: Lang): string {
  return lang === 'zh' ? definition.nameZh : definition.nameEn;
}

/** 12.345 → "12.3%"; null → "—". */
export function formatPercent(value: number | null | undefined, places = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(places)}%`;
}

/** A change in % with its sign: "+12.3%", "-4.0%", "0.0%". */
export function formatChange(value: number | null | undefined, places = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(places);
  if (Number(text) === 0) return `${(0).toFixed(places)}%`;
  return `${value > 0 ? '+' : '-'}${text}%`;
}

/** A gap in percentage points: "+8.3 pp" / "+8.3 个百分点". */
export function formatPoints(value: number | null | undefined, lang: Lang, places = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = `${value > 0 ? '+' : value < 0 ? '-' : ''}${Math.abs(value).toFixed(places)}`;
  return lang === 'zh' ? `${text} 个百分点` : `${text} pp`;
}

export type Direction = 'up' | 'down' | 'flat';

export function directionOf(change: number | null | undefined): Direction | null {
  if (change === null || change === undefined || !Number.isFinite(change)) return null;
  return change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
}

/** The progress bar's fill: completion in %, clamped to 0–100 for the bar (the text keeps the real value). */
export function progressWidth(completion: number | null | undefined): number {
  if (completion === null || completion === undefined || !Number.isFinite(completion)) return 0;
  return Math.min(100, Math.max(0, completion));
}

/** True when the month carries no activity at all (e.g. a month the demo data does not cover). */
export function isPanelEmpty(metrics: readonly Pick<PanelMetric, 'value' | 'ytd'>[]): boolean {
  return metrics.every((m) => (m.value === null || dec(m.value).isZero()) && (m.ytd === null || dec(m.ytd).isZero()));
}

/**
 * Bilingual server text ("中文句子。 English sentence.") in the wanted language; text without both
 * scripts is returned as it is.
 */
export function pickSentenceLanguage(text: string, lang: Lang): string {
  const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
  const lastCjk = [...text].reduce((last, ch, i) => (cjk.test(ch) ? i : last), -1);
  if (lastCjk < 0 || lastCjk === text.length - 1) return text.trim();
  const chars = [...text];
  const zh = chars.slice(0, lastCjk + 1).join('').trim();
  const en = chars.slice(lastCjk + 1).join('').trim();
  if (!/[A-Za-z]/.test(en)) return text.trim();
  return lang === 'zh' ? zh : en;
}

/**
 * Background and text colour of a heat-table cell for a normalised value (0–1, more is better):
 * from a pale to the app's primary blue; null (no data) is grey.
 */
export function heatColor(normalized: number | null | undefined): { background: string; color: string } {
  if (normalized === null || normalized === undefined || !Number.isFinite(normalized)) {
    return { background: '#f3f4f6', color: '#8a94a3' };
  }
  const s = Math.min(1, Math.max(0, normalized));
  const from = [0xee, 0xf4, 0xfb];
  const to = [0x1d, 0x5f, 0xb8];
  const mix = from.map((f, i) => Math.round(f + (to[i]! - f) * s));
  const hex = `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return { background: hex, color: s > 0.55 ? '#ffffff' : '#1f2937' };
}

/**
 * What a person types as a target into a 万元 field ("9000", "9,000.5") → 元 with 2 decimals
 * ("90000000.00"), exactly; null when it is not a non-negative number or finer than 1 分.
 */
export function wanInputToYuan(input: string): string | null {
  const text = input.trim().replace(/[,，\s]/g, '');
  if (!/^\d{1,14}(\.\d{1,6})?$/.test(text)) return null;
  const yuan = dec(text).times(10_000);
  return yuan.decimalPlaces() > 2 ? null : yuan.toFixed(2);
}

/** 元 → 万元 for an edit field: no grouping, no trailing zeros ("90000000.00" → "9000"). */
export function yuanToWanInput(yuan: MetricValue): string {
  return dec(yuan).dividedBy(10_000).toFixed();
}
