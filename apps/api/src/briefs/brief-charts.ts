import * as echarts from 'echarts';
import { type BriefBudgetProject, type BriefTrendSeries } from '@app/contracts';

// Vector charts for the brief: ECharts renders SVG strings server-side (no DOM, no canvas), so the
// PDF keeps them as vectors. Each chart is disposed at once; nothing is cached between briefs.
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif";
const COLOURS = ['#1f6feb', '#d97706', '#059669'];

function render(width: number, height: number, option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** One small line chart per metric: the last 12 months (metrics of different units share no axis). */
export function trendChart(months: string[], series: BriefTrendSeries, index: number, lang: 'zh' | 'en'): string {
  return render(230, 112, {
    title: { text: `${lang === 'zh' ? series.name : series.nameEn}`, left: 0, top: 0, textStyle: { fontSize: 11, fontWeight: 'normal', fontFamily: FONT } },
    grid: { left: 46, right: 8, top: 24, bottom: 20 },
    xAxis: { type: 'category', data: months.map((m) => m.slice(2).replace('-', '.')), axisLabel: { fontSize: 8, interval: 2 }, axisTick: { show: false } },
    yAxis: { type: 'value', axisLabel: { fontSize: 8 }, splitLine: { lineStyle: { color: '#e5e7eb' } } },
    series: [{ type: 'line', data: series.values.map((v) => (v === null ? null : Number(v))), symbolSize: 3, lineStyle: { width: 1.5, color: COLOURS[index % COLOURS.length] }, itemStyle: { color: COLOURS[index % COLOURS.length] } }],
  });
}

/** Execution rate of each project against its 序时进度 (a marker per bar). */
export function budgetChart(projects: BriefBudgetProject[], lang: 'zh' | 'en'): string {
  const height = 30 + projects.length * 22;
  const colour = (s: string | null) => (s === 'red' ? '#dc2626' : s === 'yellow' ? '#d97706' : '#059669');
  return render(700, height, {
    grid: { left: 150, right: 40, top: 20, bottom: 16 },
    legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 9 }, data: [lang === 'zh' ? '执行率' : 'Executed', lang === 'zh' ? '序时进度' : 'Pace'] },
    xAxis: { type: 'value', max: 100, axisLabel: { fontSize: 8, formatter: '{value}%' }, splitLine: { lineStyle: { color: '#e5e7eb' } } },
    yAxis: { type: 'category', inverse: true, data: projects.map((p) => (p.name.length > 12 ? `${p.name.slice(0, 12)}…` : p.name)), axisLabel: { fontSize: 9 } },
    series: [
      {
        name: lang === 'zh' ? '执行率' : 'Executed', type: 'bar', barWidth: 10,
        data: projects.map((p) => ({ value: Math.min(100, Number(p.ratePercent ?? 0)), itemStyle: { color: colour(p.status) } })),
        label: { show: true, position: 'right', fontSize: 8, formatter: (x: { dataIndex: number }) => `${projects[x.dataIndex].ratePercent ?? '—'}%` },
      },
      { name: lang === 'zh' ? '序时进度' : 'Pace', type: 'scatter', symbol: 'rect', symbolSize: [2, 16], itemStyle: { color: '#111827' }, data: projects.map((p) => Number(p.expectedPercent)) },
    ],
  });
}
