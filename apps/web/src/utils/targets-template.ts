// The CSV template of the targets import, built in the browser (the API reads CSV as well as XLSX).
import { toCsv } from './csv';

export const TARGET_TEMPLATE_HEADERS = ['区划代码', '年度', '指标代码', '年度目标', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)];

export interface TemplateRow {
  division: string;
  year: number;
  metric: string;
  annual?: string | number | null;
  monthlyPlan?: readonly string[] | null;
}

/** CSV text with a UTF-8 BOM (so Excel opens the Chinese headers correctly) and CRLF line ends. */
export function buildTargetsTemplateCsv(rows: readonly TemplateRow[]): string {
  const lines = rows.map((row) => {
    const plan = row.monthlyPlan && row.monthlyPlan.length === 12 ? row.monthlyPlan : Array<string>(12).fill('');
    return [row.division, String(row.year), row.metric, row.annual === null || row.annual === undefined ? '' : String(row.annual), ...plan];
  });
  return toCsv([TARGET_TEMPLATE_HEADERS, ...lines]);
}

/**
 * Checks a 12-month plan typed in the editor: all empty means "no plan" (null); otherwise 12
 * non-negative numbers with at most 2 decimals, whole numbers for counts.
 */
export function parseMonthlyPlan(cells: readonly string[], wholeNumbers: boolean): { plan: string[] | null; invalid: number[] } {
  const trimmed = cells.map((c) => c.trim().replace(/,/g, ''));
  if (trimmed.every((c) => c === '')) return { plan: null, invalid: [] };
  const pattern = wholeNumbers ? /^\d{1,18}$/ : /^\d{1,18}(\.\d{1,2})?$/;
  const invalid = trimmed.flatMap((c, i) => (pattern.test(c) ? [] : [i]));
  return { plan: invalid.length === 0 ? trimmed : null, invalid };
}
