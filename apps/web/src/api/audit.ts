import { type AuditEntry, type Page } from '@app/contracts';
import { http } from './http';

export interface AuditQuery {
  entity?: string;
  actor?: string;
  /** A Beijing day, YYYY-MM-DD (inclusive). */
  from?: string;
  to?: string;
  /** A division code: its records and those of the divisions below it. */
  division?: string;
  page?: number;
  pageSize?: number;
}

export const getAuditApi = (query: AuditQuery, signal?: AbortSignal) =>
  http.get<Page<AuditEntry>>('/audit', { query: { ...query }, signal });
