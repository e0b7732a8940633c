import { type EChartsOption } from '../echarts';
import { type ChartTone, toneColors } from './chart-theme';
import { escapeHtml } from './chart-text';

export interface ExecutionPaceMonth {
  /** 'YYYY-MM' */
  month: string;
  /** Cumulative execution rate at the end of the month, percent as the API sends it ("45.46"); null without a budget. */
  cumulativeRatePercent: string | null;
  /** 序时进度 at the end of the month, percent ("50.00"). */
  expectedPercent: string;
  /** Cumulative amount executed, 元 ("156688.30"), shown in the tooltip. */
  cumulativeExecuted: string;
}

export interface ExecutionPaceLabels {
  executed: string;
  pace: string;
  amount: string;
  gap: string;
  /** "12月" / "Dec": the axis label of a month number 1–12. */
  monthLabel: (month: number) => string;
}

export interface ExecutionPaceInput {
  months: ExecutionPaceMonth[];
  labels: ExecutionPaceLabels;
  /** The month measured (YYYY-MM): marked on the executed line. */
  highlight?: string | null;
  tone?: ChartTone;
}

const EXECUTED = '#1d5fb8';
const PACE = '#c8553d';

const toNumber = (value: string | null): number | null => (value === null || value === '' ? null : Number(value));

/** Gap in points with its sign, from the two percent strings (display only: the API computes the exact gap). */
function gapText(rate: string | null, expected: string): string {
  if (rate === null) return '—';
  const gap = (Math.round(Number(rate) * 100) - Math.round(Number(expected) * 100)) / 100;
  return `${gap > 0 ? '+' : ''}${gap.toFixed(2)}`;
}

/** Cumulative executed % by month against the 序时进度 line (dashed). Pure. */
export function buildExecutionPaceOption(input: ExecutionPaceInput): EChartsOption {
  const colors = toneColors(input.tone);
  const { months, labels } = input;
  const executed = months.map((m) => toNumber(m.cumulativeRatePercent));
  const pace = months.map((m) => toNumber(m.expectedPercent));
  const top = Math.max(100, ...executed.map((v) => v ?? 0), ...pace.map((v) => v ?? 0));
  return {
    grid: { left: 8, right: 24, top: 40, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 18, textStyle: { color: colors.text }, data: [labels.executed, labels.pace] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const m = months[first.dataIndex];
        if (!m) return '';
        const rate = m.cumulativeRatePercent === null ? '—' : `${m.cumulativeRatePercent}%`;
        return [
          `<b>${escapeHtml(m.month)}</b>`,
          `${escapeHtml(labels.executed)}: <b>${escapeHtml(rate)}</b>`,
          `${escapeHtml(labels.pace)}: ${escapeHtml(m.expectedPercent)}%`,
          `${escapeHtml(labels.gap)}: ${escapeHtml(gapText(m.cumulativeRatePercent, m.expectedPercent))}`,
          `${escapeHtml(labels.amount)}: ${escapeHtml(m.cumulativeExecuted)}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: months.map((m) => labels.monthLabel(Number(m.month.slice(5, 7)))),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: colors.axis } },
      axisLabel: { color: colors.text },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil(top / 10) * 10,
      axisLabel: { color: colors.text, formatter: '{value}%' },
      splitLine: { lineStyle: { color: colors.split } },
    },
    series: [
      {
        name: labels.executed,
        type: 'line',
        data: executed.map((value, i) =>
          months[i]?.month === input.highlight ? { value, symbolSize: 10, itemStyle: { color: EXECUTED, borderColor: '#fff', borderWidth: 2 } } : value,
        ),
        symbol: 'circle',
        symbolSize: 6,
        connectNulls: false,
        itemStyle: { color: EXECUTED },
        lineStyle: { width: 2.5, color: EXECUTED },
        areaStyle: { color: 'rgba(29,95,184,0.08)' },
      },
      {
        name: labels.pace,
        type: 'line',
        data: pace,
        symbol: 'none',
        itemStyle: { color: PACE },
        lineStyle: { width: 1.5, type: 'dashed', color: PACE },
      },
    ],
  };
}
