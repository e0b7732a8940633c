import { type EChartsOption } from '../echarts';
import { type ChartTone, toneColors } from './chart-theme';
import { escapeHtml } from './chart-text';

export interface ContributionRow {
  label: string;
  /** Points earned (weight × normalised). */
  points: number;
  /** Points available at normalised = 1. */
  weight: number;
  /** Index of the pillar, for the colour. */
  pillar: number;
}

export interface ContributionBarsInput {
  rows: ContributionRow[];
  pillarColors: string[];
  pointsLabel: string;
  missedLabel: string;
  tone?: ChartTone;
}

/**
 * One division's score explained: per indicator the points earned (pillar colour) stacked with the
 * points missed (grey) up to its weight. Pure.
 */
export function buildContributionBarsOption(input: ContributionBarsInput): EChartsOption {
  const colors = toneColors(input.tone);
  const rows = [...input.rows].reverse();
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const row = rows[first.dataIndex]!;
        return `${escapeHtml(row.label)}<br/>${escapeHtml(input.pointsLabel)}: <b>${row.points.toFixed(2)}</b> / ${row.weight.toFixed(2)}`;
      },
    },
    xAxis: { type: 'value', axisLabel: { color: colors.text }, splitLine: { lineStyle: { color: colors.split } } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: colors.axis } },
      axisLabel: { color: colors.text, width: 300, overflow: 'break' },
    },
    series: [
      {
        name: input.pointsLabel,
        type: 'bar',
        stack: 'w',
        barMaxWidth: 16,
        data: rows.map((r) => ({ value: r.points, itemStyle: { color: input.pillarColors[r.pillar % input.pillarColors.length] } })),
        label: { show: true, position: 'insideLeft', color: '#fff', fontSize: 11, formatter: (p: { value?: unknown }) => (typeof p.value === 'number' && p.value >= 1.5 ? p.value.toFixed(2) : '') },
      },
      {
        name: input.missedLabel,
        type: 'bar',
        stack: 'w',
        barMaxWidth: 16,
        itemStyle: { color: input.tone === 'dark' ? 'rgba(255,255,255,0.08)' : '#e8ebf0' },
        data: rows.map((r) => Math.max(0, Number((r.weight - r.points).toFixed(2)))),
      },
    ],
  };
}
