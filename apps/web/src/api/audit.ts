import { type AuditEntry, type Page } from '@app/contracts';
import { http } from './http';

export interface AuditQuery {
  entity?: string;
  actor?: string;
  page?: number;
  pageSize?: number;
}

export const getAuditApi = (query: AuditQuery, signal?: AbortSignal) =>
  http.get<Page<AuditEntry>>('/audit', { query: { ...query }, signal });
