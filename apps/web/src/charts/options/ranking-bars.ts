import { type EChartsOption } from '../echarts';
import { type ChartTone, toneColors } from './chart-theme';
import { escapeHtml } from './chart-text';

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
  // The own division is emphasised by the category's own text style, not by rich text: a name is never parsed.
  const strong = { fontWeight: 700, color: input.tone === 'dark' ? '#ffd166' : '#1d5fb8' };
  const categories = rows.map((e) => ({ value: `${e.rank}  ${e.name}`, ...(input.highlight && e.name === input.highlight ? { textStyle: strong } : {}) }));
  return {
    grid: { left: 8, right: colors.fontSize * 4, top: colors.fontSize + 20, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: colors.fontSize, itemHeight: colors.fontSize * 0.66, textStyle: { color: colors.text, fontSize: colors.fontSize } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ dataIndex: number; seriesName: string; value: number; marker?: string }>;
        const row = rows[list[0]!.dataIndex]!;
        return [
          `<b>${escapeHtml(`${row.rank}  ${row.name}`)}</b> · ${escapeHtml(input.scoreLabel)} ${row.score.toFixed(2)}`,
          ...list.map((p) => `${p.marker ?? ''}${escapeHtml(p.seriesName)}: ${Number(p.value).toFixed(2)}`),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      max: (v: { max: number }) => Math.max(10, Math.ceil(v.max / 10) * 10),
      axisLabel: { color: colors.text, fontSize: colors.fontSize },
      splitLine: { lineStyle: { color: colors.split } },
    },
    yAxis: {
      type: 'category',
      data: categories,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: colors.axis } },
      axisLabel: { color: colors.text, fontWeight: 500, fontSize: colors.fontSize },
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
              fontSize: colors.fontSize,
              formatter: (params: { dataIndex: number }) => rows[params.dataIndex]!.score.toFixed(2),
            },
          }
        : {}),
    })),
  };
}
