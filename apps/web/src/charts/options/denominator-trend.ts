import { type EChartsOption } from '../echarts';

export interface DenominatorPoint {
  year: number;
  population: number | null;
  households: number | null;
}

export interface DenominatorTrendLabels {
  population: string;
  households: string;
  /** Axis label of a large count, e.g. 150000 → "15万" or "150k". */
  formatAxis: (value: number) => string;
}

/** Population (bars) and households (line) by year for one division. Pure: data in, option out. */
export function buildDenominatorTrendOption(points: DenominatorPoint[], labels: DenominatorTrendLabels): EChartsOption {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : '—') },
    xAxis: { type: 'category', data: sorted.map((p) => String(p.year)), axisTick: { show: false } },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => labels.formatAxis(v) },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    series: [
      { name: labels.population, type: 'bar', barMaxWidth: 28, data: sorted.map((p) => p.population) },
      { name: labels.households, type: 'line', smooth: false, symbolSize: 6, data: sorted.map((p) => p.households) },
    ],
  };
}
