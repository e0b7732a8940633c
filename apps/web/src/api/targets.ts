import { http } from './http';

/** One annual target as the API returns it (not in @app/contracts yet). */
export interface KpiTarget {
  divisionCode: string;
  divisionName: string;
  year: number;
  metricCode: string;
  metricName: string;
  /** Counts as a number, amounts as 元 with 2 decimals. */
  annual: number | string;
  monthlyPlan: string[] | null;
  note: string | null;
  updatedAt: string;
}

export interface UpsertTargetBody {
  annual: string;
  monthlyPlan?: string[] | null;
  note?: string | null;
}

export interface TargetImportRowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

export interface TargetImportResult {
  rows: number;
  saved: number;
  errors: TargetImportRowError[];
}

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
