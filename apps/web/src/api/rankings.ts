import { type PublishRankingRequest, type Ranking, type RankingBasis, type RankingModel, type RankingStatus } from '@app/contracts';
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

/** GET /rankings/trend: the newest stored version of each month (not in @app/contracts yet). */
export interface RankTrendMonth {
  month: string;
  status: RankingStatus;
  version: number;
  ranks: Array<{ division: string; name: string; rank: number; score: number }>;
}

export interface RankingModelsResponse {
  active: RankingModel;
  versions: Array<{ version: string; createdAt: string }>;
}

export const getRankingApi = (query: RankingQuery, signal?: AbortSignal) =>
  http.get<Ranking>('/rankings', { query: { ...query }, signal });

export const getRankTrendApi = (query: RankTrendQuery, signal?: AbortSignal) =>
  http.get<RankTrendMonth[]>('/rankings/trend', { query: { ...query }, signal });

/** Freezes the month's ranking (both bases); city and admin users only. */
export const publishRankingApi = (body: PublishRankingRequest) => http.post<Ranking[]>('/rankings/publish', body);

export const getRankingModelsApi = () => http.get<RankingModelsResponse>('/rankings/models');
