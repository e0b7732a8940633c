import { type PublishRankingRequest, type RankTrendMonth, type Ranking, type RankingBasis, type RankingModelsResponse } from '@app/contracts';
import { addMonths } from '@app/kpi-core';
import { http } from './http';

export interface RankingQuery {
  city: string;
  month: string;
  basis?: RankingBasis;
}

export interface RankTrendQuery {
  city: string;
  from: string;
  to: string;
  basis?: RankingBasis;
}

export const getRankingApi = (query: RankingQuery, signal?: AbortSignal) =>
  http.get<Ranking>('/rankings', { query: { ...query }, signal });

export const getRankTrendApi = (query: RankTrendQuery, signal?: AbortSignal) =>
  http.get<RankTrendMonth[]>('/rankings/trend', { query: { ...query }, signal });

/**
 * The newest month of the twelve before `month` whose ranking the reader may see (for a district
 * user, the published ones), or null: what to offer while `month` is not published yet.
 */
export async function latestRankingMonthBefore(query: RankingQuery, signal?: AbortSignal): Promise<string | null> {
  const months = await getRankTrendApi({ city: query.city, from: addMonths(query.month, -12), to: addMonths(query.month, -1), basis: query.basis }, signal);
  return months.map((m) => m.month).sort().at(-1) ?? null;
}

/** Freezes the month's ranking (both bases); city and admin users only. */
export const publishRankingApi = (body: PublishRankingRequest) => http.post<Ranking[]>('/rankings/publish', body);

export const getRankingModelsApi = () => http.get<RankingModelsResponse>('/rankings/models');
