import { type PublishRankingRequest, type RankTrendMonth, type Ranking, type RankingBasis, type RankingModelsResponse } from '@app/contracts';
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

/** Freezes the month's ranking (both bases); city and admin users only. */
export const publishRankingApi = (body: PublishRankingRequest) => http.post<Ranking[]>('/rankings/publish', body);

export const getRankingModelsApi = () => http.get<RankingModelsResponse>('/rankings/models');
