import { type EChartsOption } from '../echarts';
import { type ChartTone, toneColors } from './chart-theme';

export interface RankTrendInput {
  months: string[];
  /** One line per division: its rank per month (null when that month has no ranking). */
  series: Array<{ name: string; ranks: Array<number | null> }>;
  /** Number of divisions ranked (the axis runs 1…of). */
  of: number;
  highlight?: string | null;
  tone?: ChartTone;
  rankLabel: string;
}

/** Rank per month per division; the y-axis is inverted so rank 1 is on top. Pure. */
export function buildRankTrendOption(input: RankTrendInput): EChartsOption {
  const colors = toneColors(input.tone);
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: colors.text, fontSize: 12 } },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: input.months.map((m) => m.slice(2).replace('-', '/')),
      boundaryGap: false,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: colors.axis } },
      axisLabel: { color: colors.text },
    },
    yAxis: {
      type: 'value',
      inverse: true,
      min: 1,
      max: Math.max(1, input.of),
      interval: 1,
      name: input.rankLabel,
      nameTextStyle: { color: colors.muted },
      axisLabel: { color: colors.text },
      splitLine: { lineStyle: { color: colors.split } },
    },
    series: input.series.map((s) => {
      const strong = !input.highlight || s.name === input.highlight;
      return {
        name: s.name,
        type: 'line' as const,
        data: s.ranks,
        connectNulls: false,
        symbolSize: strong ? 8 : 5,
        lineStyle: { width: strong ? 3 : 1.5, opacity: strong ? 1 : 0.55 },
        itemStyle: { opacity: strong ? 1 : 0.6 },
        z: strong ? 3 : 2,
      };
    }),
  };
}
