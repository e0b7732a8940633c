// The shapes shared by the staging COPY (fact-staging.ts) and the merge (fact-upsert.ts).

/** A (division, day) whose facts a write inserted or changed: what the KPI rollups refresh. */
export interface TouchedDay {
  divisionCode: string;
  day: string;
}

/** Old and new values of one updated fact row, for the audit log. */
export interface FactChange {
  entityId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface UpsertOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  touched: TouchedDay[];
  changes: FactChange[];
}

export interface ColumnSpec {
  /** Column name in SQL. */
  column: string;
  /** Property of the input rows (and key of the audit snapshot). */
  property: string;
  /** PostgreSQL type of the staging column. */
  type: string;
  /** numeric values are snapshotted as text so that "150000.00" stays exact. */
  numeric?: boolean;
}

export interface FactTableSpec {
  table: string;
  /** The natural key, without `source` (which comes first in every unique constraint). */
  key: ColumnSpec[];
  /** Columns an import may change; a row whose values are all equal is left untouched. */
  values: ColumnSpec[];
  /** The business day of the row (with division_code, the rollup it feeds). */
  dayColumn: string;
}
