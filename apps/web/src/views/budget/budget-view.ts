// Pure helpers of the 预算与绩效 screens (no Vue): money display, pace status, indicator grouping, the print grid.
import { type ExecutionProgressView } from '@app/contracts';
import { type SheetModel } from '@app/contracts';
import { beijingYear } from '../../utils/format';

/** "156688.30" → "156,688.30" from the string itself (no float); null → "—". */
export function formatYuan(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction] = match;
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ?? ''}`;
}

/** "45.46" → "45.46%"; null → "—". */
export function formatPercent(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : `${value}%`;
}

/** A signed gap in points: "-54.54", "+3.20", "0.00". */
export function formatGap(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return Number(value) > 0 ? `+${value}` : value;
}

export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

export function paceTagType(status: ExecutionProgressView['status']): TagType {
  return status === 'green' ? 'success' : status === 'yellow' ? 'warning' : status === 'red' ? 'danger' : 'info';
}

/**
 * The i18n key of a project's pace status: in-year against 序时进度 (正常 / 略有滞后 / 严重滞后); once the year is over
 * there is no pace left to lag behind, only whether the year's rate reached 90%.
 */
export function paceStatusKey(progress: Pick<ExecutionProgressView, 'status' | 'isYearEnd'>): string {
  return `budget.${progress.isYearEnd ? 'statusYearEnd' : 'status'}.${progress.status ?? 'none'}`;
}

export function gradeTagType(grade: 'excellent' | 'good' | 'fair' | 'poor'): TagType {
  return grade === 'excellent' ? 'success' : grade === 'good' ? 'primary' : grade === 'fair' ? 'warning' : 'danger';
}

/**
 * Row spans that make consecutive rows of the same level 1 (and, inside it, level 2) look merged, as in the
 * printed table: the first row of a run gets the run's length, the others 0.
 */
export function indicatorSpans(rows: ReadonlyArray<{ level1: string; level2: string }>): { level1: number[]; level2: number[] } {
  const level1 = rows.map(() => 0);
  const level2 = rows.map(() => 0);
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j]!.level1 === rows[i]!.level1) j++;
    level1[i] = j - i;
    for (let k = i; k < j; ) {
      let m = k;
      while (m < j && rows[m]!.level2 === rows[k]!.level2) m++;
      level2[k] = m - k;
      k = m;
    }
    i = j;
  }
  return { level1, level2 };
}

export interface PrintCell {
  key: string;
  text: string;
  rowspan: number;
  colspan: number;
  bold: boolean;
  align: 'left' | 'center' | 'right';
  /** The title rows (1–2) print without borders. */
  title: boolean;
}

/** The API's cell/merge model as table rows with rowspan/colspan; cells under a merge are left out. */
export function sheetToRows(model: SheetModel): PrintCell[][] {
  const covered = new Set<string>();
  const spans = new Map<string, { rowspan: number; colspan: number }>();
  for (const m of model.merges) {
    spans.set(`${m.top}:${m.left}`, { rowspan: m.bottom - m.top + 1, colspan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }
  const byPosition = new Map(model.cells.map((c) => [`${c.row}:${c.col}`, c]));
  const rows: PrintCell[][] = [];
  for (let r = 1; r <= model.rowCount; r++) {
    const row: PrintCell[] = [];
    for (let c = 1; c <= model.columns; c++) {
      const key = `${r}:${c}`;
      if (covered.has(key)) continue;
      const cell = byPosition.get(key);
      const value = cell?.value ?? null;
      const text = value === null ? '' : typeof value === 'number' && cell?.numFmt ? value.toFixed(2) : String(value);
      const span = spans.get(key) ?? { rowspan: 1, colspan: 1 };
      row.push({
        key,
        text,
        ...span,
        bold: !!cell?.bold,
        align: cell?.align ?? (typeof value === 'number' ? 'right' : 'left'),
        title: r <= 2,
      });
    }
    rows.push(row);
  }
  return rows;
}

/** Years offered by the year picker: those with projects, newest first, and `fallback` when there are none. */
export function projectYears(years: readonly number[], fallback: number): number[] {
  const set = [...new Set(years)].sort((a, b) => b - a);
  return set.length > 0 ? set : [fallback];
}

/** A grade is a year-end verdict: before the project's year is over its score is an estimate from the data so far. */
export function isYearInProgress(year: number, now: Date = new Date()): boolean {
  return year >= beijingYear(now);
}
