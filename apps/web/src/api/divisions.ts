import {
  type Denominator,
  type Division,
  type DivisionLevel,
  type UpsertDenominatorRequest,
} from '@app/contracts';
import { http } from './http';

export interface DivisionQuery {
  parent?: string;
  level?: DivisionLevel;
}

export const getDivisionsApi = (query: DivisionQuery = {}) =>
  http.get<Division[]>('/divisions', { query: { ...query } });

export const getDivisionApi = (code: string) => http.get<Division>(`/divisions/${encodeURIComponent(code)}`);

export const getDenominatorsApi = (code: string, signal?: AbortSignal) =>
  http.get<Denominator[]>(`/divisions/${encodeURIComponent(code)}/denominators`, { signal });

export const upsertDenominatorApi = (code: string, year: number, body: UpsertDenominatorRequest) =>
  http.put<Denominator>(`/divisions/${encodeURIComponent(code)}/denominators/${year}`, body);
