// The only place ECharts modules are registered: importing from here keeps the bundle tree-shaken.
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';

use([
  CanvasRenderer,
  BarChart,
  LineChart,
  PieChart,
  GaugeChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DatasetComponent,
  MarkLineComponent,
]);

export type { EChartsOption } from 'echarts';

/** Colours shared by every chart, calm and distinguishable, first one the app's primary blue. */
export const CHART_PALETTE = ['#1d5fb8', '#2f9e8f', '#e0a526', '#c8553d', '#7a5cc2', '#5b8def', '#8a94a3'];

export const CHART_FONT =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, sans-serif";
