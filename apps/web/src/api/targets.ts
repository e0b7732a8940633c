import { type KpiTarget, type TargetImportResult, type UpsertTargetBody } from '@app/contracts';
import { http } from './http';

const path = (division: string, year: number, metric: string) =>
  `/targets/${encodeURIComponent(division)}/${year}/${encodeURIComponent(metric)}`;

export const getTargetsApi = (query: { division: string; year: number }, signal?: AbortSignal) =>
  http.get<KpiTarget[]>('/targets', { query: { ...query }, signal });

export const upsertTargetApi = (division: string, year: number, metric: string, body: UpsertTargetBody) =>
  http.put<KpiTarget>(path(division, year, metric), body);

export const deleteTargetApi = (division: string, year: number, metric: string) =>
  http.delete<void>(path(division, year, metric));

/** XLSX or CSV; all rows or none (a 422 carries the per-row errors in its body). */
export function importTargetsApi(file: File): Promise<TargetImportResult> {
  const form = new FormData();
  form.append('file', file);
  return http.post<TargetImportResult>('/targets/import', form);
}
