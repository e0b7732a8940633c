export const DIVISION_LEVELS = ['province', 'prefecture', 'county'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

export interface Division {
  /** GB/T 2260 six-digit code, e.g. "510403". */
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  /** Whether the signed-in user's scope covers this division's data. */
  inScope: boolean;
}

/** Denominators of one division and year (for per-capita and coverage ratios). */
export interface Denominator {
  divisionCode: string;
  year: number;
  population: number | null;
  households: number | null;
  villages: number | null;
  /** 规上企业: enterprises above designated size. */
  enterprisesAboveScale: number | null;
  source: string | null;
  updatedAt: string;
}

export interface UpsertDenominatorRequest {
  population?: number | null;
  households?: number | null;
  villages?: number | null;
  enterprisesAboveScale?: number | null;
  source?: string | null;
}
