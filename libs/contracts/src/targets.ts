// Annual KPI targets (GET/PUT/DELETE /api/v1/targets…, POST /api/v1/targets/import).

/** One annual target as the API returns it. */
export interface KpiTarget {
  divisionCode: string;
  divisionName: string;
  year: number;
  metricCode: string;
  metricName: string;
  /** Counts as a number, amounts as 元 with 2 decimals. */
  annual: number | string;
  /** 12 entries (amounts or shares) for a seasonal pace; null for the linear one. */
  monthlyPlan: string[] | null;
  note: string | null;
  /** ISO timestamp. */
  updatedAt: string;
}

/** PUT /api/v1/targets/:division/:year/:metric */
export interface UpsertTargetBody {
  /** A count, or 元 with at most 2 decimals, as a string. */
  annual: string;
  monthlyPlan?: string[] | null;
  note?: string | null;
}

/** One problem in one cell of an imported target file. */
export interface TargetImportRowError {
  /** Row number as seen in Excel (the header is row 1). */
  row: number;
  /** Header as written in the file. */
  column: string;
  value: string;
  message: string;
}

/** 201 of POST /api/v1/targets/import, and (with errors, nothing saved) the body of its 422. */
export interface TargetImportResult {
  rows: number;
  saved: number;
  errors: TargetImportRowError[];
}
