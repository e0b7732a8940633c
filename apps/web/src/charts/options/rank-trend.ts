import { type EChartsOption } from '../echarts';
import { type ChartTone, toneColors } from './chart-theme';
import { escapeHtml } from './chart-text';

export interface RankTrendInput {
  months: string[];
  /** One line per division: its rank per month (null when that month has no ranking). */
  series: Array<{ name: string; ranks: Array<number | null> }>;
  /** Number of divisions ranked (the axis runs 1…of). */
  of: number;
  highlight?: string | null;
  tone?: ChartTone;
  rankLabel: string;
  /** "第{rank}名" in the user's language (tooltip and end labels). */
  rankText?: (rank: number) => string;
}

const MUTED = { light: '#a3acb9', dark: '#5c6f8f' };
const OWN = { light: '#1d5fb8', dark: '#ffd166' };

/**
 * Rank per month per division. The rank axis is a category axis 1…of, inverted (rank 1 on top) with half a band of
 * room above rank 1 and below the last rank, so no point sits on the month labels; its name stands above it. The
 * user's own division is drawn thick in its colour with its rank labelled; the others thin and muted. Pure.
 */
export function buildRankTrendOption(input: RankTrendInput): EChartsOption {
  const colors = toneColors(input.tone);
  const tone = input.tone ?? 'light';
  const rankText = input.rankText ?? ((rank: number) => String(rank));
  const ranks = Array.from({ length: Math.max(1, input.of) }, (_, i) => String(i + 1));
  const focused = !!input.highlight && input.series.some((s) => s.name === input.highlight);
  return {
    grid: { left: 8, right: colors.fontSize * 5, top: colors.fontSize * 2 + 24, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: colors.fontSize, itemHeight: colors.fontSize * 0.5, textStyle: { color: colors.text, fontSize: colors.fontSize } },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ dataIndex: number; seriesName: string; value: number | null; marker?: string }>;
        const month = input.months[list[0]?.dataIndex ?? 0] ?? '';
        const lines = list
          .filter((p) => p.value !== null && p.value !== undefined)
          .sort((a, b) => Number(a.value) - Number(b.value))
          .map((p) => `${p.marker ?? ''}${escapeHtml(p.seriesName)}: ${escapeHtml(rankText(Number(p.value) + 1))}`);
        return [`<b>${escapeHtml(month)}</b>`, ...lines].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: input.months.map((m) => m.slice(2).replace('-', '/')),
      boundaryGap: false,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: colors.axis } },
      axisLabel: { color: colors.text, fontSize: colors.fontSize, margin: colors.fontSize * 0.75 },
    },
    yAxis: {
      type: 'category',
      data: ranks,
      inverse: true,
      boundaryGap: true,
      name: input.rankLabel,
      nameLocation: 'start',
      nameGap: colors.fontSize,
      nameTextStyle: { color: colors.muted, fontSize: colors.fontSize, align: 'right' },
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { color: colors.text, fontSize: colors.fontSize },
      splitLine: { show: true, lineStyle: { color: colors.split } },
    },
    series: input.series.map((s) => {
      const own = focused && s.name === input.highlight;
      const muted = focused && !own;
      const color = own ? OWN[tone] : muted ? MUTED[tone] : undefined;
      return {
        name: s.name,
        type: 'line' as const,
        // Category index: rank 1 is index 0.
        data: s.ranks.map((r) => (r === null ? null : r - 1)),
        connectNulls: false,
        symbolSize: own ? colors.fontSize * 0.6 : 6,
        lineStyle: { width: own ? 4 : muted ? 1.5 : 2.5, opacity: muted ? 0.6 : 1, ...(color ? { color } : {}) },
        itemStyle: { opacity: muted ? 0.7 : 1, ...(color ? { color } : {}) },
        emphasis: { focus: 'series' as const },
        endLabel: {
          show: !muted,
          color: own ? OWN[tone] : colors.text,
          fontSize: colors.fontSize,
          fontWeight: own ? 700 : 400,
          formatter: (p: { value: unknown }) => `${s.name} ${typeof p.value === 'number' ? rankText(p.value + 1) : ''}`,
        },
        z: own ? 5 : 2,
      };
    }),
  };
}
