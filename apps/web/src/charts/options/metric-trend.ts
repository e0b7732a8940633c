import { type EChartsOption } from '../echarts';
import { type ChartTone, toneColors } from './chart-theme';
import { escapeHtml } from './chart-text';

export interface MetricTrendInput {
  /** 'YYYY-MM', oldest first. */
  months: string[];
  /** Plotted values (万元 for amounts); null where there is no data (before the platform launch). */
  values: Array<number | null>;
  /** Exact display text per month for the tooltip (e.g. "9,270.80"). */
  labels: string[];
  name: string;
  unit: string;
  /** The month the panel shows: its bar is drawn in the strong colour. */
  highlight?: string;
  tone?: ChartTone;
  /** Main colour of the bars. */
  color?: string;
}

/** Monthly values of one metric over the last months as bars, the selected month emphasised. Pure. */
export function buildMetricTrendOption(input: MetricTrendInput): EChartsOption {
  const colors = toneColors(input.tone);
  const strong = input.color ?? '#1d5fb8';
  const soft = input.tone === 'dark' ? 'rgba(79,156,255,0.45)' : '#9dbbe3';
  return {
    grid: { left: 8, right: 16, top: colors.fontSize + 16, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const i = first.dataIndex;
        return `${escapeHtml(input.months[i])}<br/>${escapeHtml(input.name)}: <b>${escapeHtml(input.labels[i] ?? '—')}</b> ${escapeHtml(input.unit)}`;
      },
    },
    xAxis: {
      type: 'category',
      data: input.months.map((m) => m.slice(2).replace('-', '/')),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: colors.axis } },
      axisLabel: { color: colors.text, fontSize: colors.fontSize },
    },
    yAxis: {
      type: 'value',
      name: input.unit,
      nameTextStyle: { color: colors.muted, align: 'left', fontSize: colors.fontSize },
      // Fewer, larger ticks on the meeting-room screen.
      splitNumber: input.tone === 'dark' ? 3 : 5,
      axisLabel: { color: colors.text, fontSize: colors.fontSize },
      splitLine: { lineStyle: { color: colors.split } },
    },
    series: [
      {
        name: input.name,
        type: 'bar',
        barMaxWidth: 28,
        data: input.values.map((value, i) => ({
          value,
          itemStyle: { color: input.months[i] === input.highlight ? strong : soft, borderRadius: [3, 3, 0, 0] },
        })),
      },
    ],
  };
}
