import { type MetricValue, type MonthlyPanel } from '@app/contracts';
import { http } from './http';

/** GET /panels/trend: monthly values of the last N months per metric (not in @app/contracts yet). */
export interface MetricTrend {
  division: string;
  months: string[];
  series: Array<{ code: string; name: string; unit: string; values: Array<MetricValue | null> }>;
}

export interface FactColumn {
  key: string;
  zh: string;
  en: string;
}

/** GET /panels/facts: the drill-through page of one card (not in @app/contracts yet). */
export interface FactPage {
  columns: FactColumn[];
  rows: Array<Record<string, string | number | null>>;
  total: number;
  page: number;
  pageSize: number;
}

export interface PanelQuery {
  division: string;
  month: string;
}

export interface TrendQuery extends PanelQuery {
  months?: number;
  metrics?: string[];
}

export interface FactsQuery extends PanelQuery {
  metric: string;
  page?: number;
  pageSize?: number;
}

export const getMonthlyPanelApi = (query: PanelQuery, signal?: AbortSignal) =>
  http.get<MonthlyPanel>('/panels/monthly', { query: { ...query }, signal });

export const getPanelTrendApi = ({ metrics, ...query }: TrendQuery, signal?: AbortSignal) =>
  http.get<MetricTrend>('/panels/trend', { query: { ...query, metrics: metrics?.join(',') }, signal });

export const getPanelFactsApi = (query: FactsQuery, signal?: AbortSignal) =>
  http.get<FactPage>('/panels/facts', { query: { ...query }, signal });

/** The whole list of one card's facts as an XLSX file. */
export const exportPanelFactsApi = (query: Omit<FactsQuery, 'page' | 'pageSize'>) =>
  http.get<Blob>('/panels/facts', { query: { ...query, format: 'xlsx' }, responseType: 'blob' });
