// Annual KPI targets (GET/PUT/DELETE /api/v1/targets…, POST /api/v1/targets/import).
import type { ImportRowError, SheetImportCounts } from './imports.js';

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

/** One problem in one cell of an imported target file (the one row error of every import). */
export type TargetImportRowError = ImportRowError;

/** 201 of POST /api/v1/targets/import, and (with errors, nothing saved) the body of its 422. */
export interface TargetImportResult extends SheetImportCounts {
  /** Targets written (inserted + updated + unchanged). */
  saved: number;
}
