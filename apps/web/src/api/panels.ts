import { type FactPage, type MetricTrend, type MonthlyPanel } from '@app/contracts';
import { http } from './http';

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
