import { type EChartsOption } from '../echarts';
import { type ChartTone, toneColors } from './chart-theme';

export interface RankingBarEntry {
  name: string;
  rank: number;
  score: number;
  /** Points per pillar, in the order of `pillars`. */
  pillarPoints: number[];
}

export interface RankingBarsInput {
  entries: RankingBarEntry[];
  /** Pillar labels, e.g. 供给侧 / 需求侧 / 科普侧. */
  pillars: string[];
  colors: string[];
  /** Division name to emphasise (the user's own, or the one explained). */
  highlight?: string | null;
  tone?: ChartTone;
  scoreLabel: string;
}

/** The ranking as horizontal bars stacked by pillar points, first rank on top, score at the end. Pure. */
export function buildRankingBarsOption(input: RankingBarsInput): EChartsOption {
  const colors = toneColors(input.tone);
  // Category axes draw from the bottom, so the list is reversed to put rank 1 on top.
  const rows = [...input.entries].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name)).reverse();
  const categories = rows.map((e) => `${e.rank}  ${e.name}`);
  return {
    grid: { left: 8, right: 56, top: 28, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: colors.text, fontSize: 12 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: (v: { max: number }) => Math.max(10, Math.ceil(v.max / 10) * 10), axisLabel: { color: colors.text }, splitLine: { lineStyle: { color: colors.split } } },
    yAxis: {
      type: 'category',
      data: categories,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: colors.axis } },
      axisLabel: {
        color: colors.text,
        fontWeight: 500,
        formatter: (value: string) => (input.highlight && value.endsWith(`  ${input.highlight}`) ? `{hl|${value}}` : value),
        rich: { hl: { fontWeight: 700, color: input.tone === 'dark' ? '#ffd166' : '#1d5fb8' } },
      },
    },
    series: input.pillars.map((pillar, p) => ({
      name: pillar,
      type: 'bar' as const,
      stack: 'score',
      barMaxWidth: 26,
      itemStyle: { color: input.colors[p % input.colors.length] },
      data: rows.map((e) => e.pillarPoints[p] ?? 0),
      ...(p === input.pillars.length - 1
        ? {
            label: {
              show: true,
              position: 'right' as const,
              color: colors.text,
              fontWeight: 600,
              formatter: (params: { dataIndex: number }) => rows[params.dataIndex]!.score.toFixed(2),
            },
          }
        : {}),
    })),
  };
}
