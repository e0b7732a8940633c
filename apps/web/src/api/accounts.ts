import {
  type AccountsCheckResponse,
  type AccountsFinding,
  type AccountsStatement,
  type ConsistencyRule,
  type DecideFindingRequest,
  type FindingSeverity,
  type FindingStatus,
} from '@app/contracts';
import { http } from './http';

export interface FindingsQuery {
  rule?: ConsistencyRule;
  severity?: FindingSeverity;
  status?: FindingStatus;
  icId?: string;
}

const at = (division: string, year: number) => `/accounts/${encodeURIComponent(division)}/${year}`;

export const getAccountsFindingsApi = (division: string, year: number, query: FindingsQuery = {}) =>
  http.get<AccountsFinding[]>(`${at(division, year)}/findings`, { query: { ...query } });
export const getAccountsStatementsApi = (division: string, year: number) => http.get<AccountsStatement[]>(`${at(division, year)}/statements`);
export const checkAccountsApi = (division: string, year: number) => http.post<AccountsCheckResponse>(`${at(division, year)}/check`);
export const decideFindingApi = (findingId: string, body: DecideFindingRequest) =>
  http.patch<AccountsFinding>(`/accounts/findings/${encodeURIComponent(findingId)}`, body);
