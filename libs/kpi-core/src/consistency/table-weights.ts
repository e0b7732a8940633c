import { type ConsistencyFinding, type SelfEvaluationCheckRequest } from '@app/contracts';
import { Dec, dec, sum } from '../decimal.js';
import { type ScoringTemplate } from '../performance/templates.js';
import { LEVEL1_OF_LEVEL2, type IndicatorLevel2 } from '../performance/vocabulary.js';
import { fixed2 } from './finding.js';
import { parseAmount } from './printed-cells.js';
import { isBlankRow, isBreakdownRow, level2Of } from './printed-table.js';
import { type TablePlaces } from './table-places.js';

// The printed weights are the table's (issue 16 §2): every score uses the weight printed on its row, never a
// rescaled one. A row without a printed weight shares what its template pool leaves (the template's even split);
// breakdown (其中…) and blank rows carry none.

export interface RowWeight {
  weight: Dec;
  /** Printed on the row: its score can be checked against it. */
  printed: boolean;
}

const scored = (row: SelfEvaluationCheckRequest['indicators'][number]) => !isBreakdownRow(row) && !isBlankRow(row);
const poolOf = (template: ScoringTemplate, level2: string) => {
  const code = level2Of(level2) as IndicatorLevel2;
  return template.indicatorPools.find((p) => p.level1s.includes(LEVEL1_OF_LEVEL2[code]));
};

/** Each row's weight: as printed, else its pool's remainder split evenly over the pool's unweighted rows. */
export function rowWeights(table: SelfEvaluationCheckRequest, template: ScoringTemplate): RowWeight[] {
  return table.indicators.map((row) => {
    if (!scored(row)) return { weight: new Dec(0), printed: false };
    const printed = parseAmount(row.weight);
    if (printed !== null) return { weight: printed, printed: true };
    const pool = poolOf(template, row.level2);
    if (!pool) return { weight: new Dec(0), printed: false };
    const poolRows = table.indicators.filter((r) => scored(r) && poolOf(template, r.level2) === pool);
    const given = sum(poolRows.map((r) => parseAmount(r.weight)).filter((w): w is Dec => w !== null));
    const unweighted = poolRows.filter((r) => parseAmount(r.weight) === null).length;
    const left = Dec.max(dec(pool.weight).minus(given), 0);
    return { weight: left.dividedBy(unweighted), printed: false };
  });
}

/**
 * Weight findings: a table whose points (execution + every row) do not add up to the template's total is an
 * error on each block that differs; a table that adds up but splits its blocks otherwise than the template
 * (a province's own split) is told as information, and scored on its own split. Blocks with no row on the
 * table (a partial table) are left out of both sums.
 */
export function checkWeights(
  table: SelfEvaluationCheckRequest, template: ScoringTemplate, execWeight: Dec, weights: readonly RowWeight[], at: TablePlaces,
): ConsistencyFinding[] {
  const pools = template.indicatorPools.map((pool) => {
    const rows = table.indicators.map((row, i) => ({ row, i })).filter(({ row }) => scored(row) && poolOf(template, row.level2) === pool);
    const given = rows.filter(({ i }) => weights[i].printed).map(({ i }) => weights[i].weight);
    return { pool, rows, given, allPrinted: rows.length > 0 && given.length === rows.length };
  }).filter((p) => p.rows.length > 0);

  const findings: ConsistencyFinding[] = [];
  for (const p of pools) {
    if (p.given.length > 0 && p.given.length < p.rows.length && !sum(p.given).lessThan(p.pool.weight)) {
      const givenTotal = sum(p.given);
      findings.push(weightFinding('error', 'indicators', p.pool.weight, givenTotal, at.indicatorWeights.zh, at.indicatorWeights.en,
        `${label(template, p.pool.label)}已填分值合计 ${fixed2(givenTotal)}，已达模板规定的 ${p.pool.weight} 分，未填分值的指标无分可得`,
        `${p.pool.label} weights given add up to ${fixed2(givenTotal)} of the template's ${p.pool.weight}, leaving nothing for the rows without a weight`));
    }
  }
  const complete = pools.filter((p) => p.allPrinted);
  if (complete.length === 0 && parseAmount(table.budget.weight) === null) return findings;
  const tableTotal = execWeight.plus(sum(complete.map((p) => sum(p.given))));
  const templateTotal = dec(template.executionWeight).plus(sum(complete.map((p) => dec(p.pool.weight))));
  const severity = tableTotal.equals(templateTotal) ? 'info' : 'error';
  const why = severity === 'info' ? '，本表合计仍为满分，按本表分值计分' : `，全表分值合计 ${fixed2(tableTotal)}，应为 ${fixed2(templateTotal)}`;
  const whyEn = severity === 'info' ? '; the table still adds up, and is scored on its own points' : `; the table's points add up to ${fixed2(tableTotal)} instead of ${fixed2(templateTotal)}`;
  if (!execWeight.equals(template.executionWeight)) {
    findings.push(weightFinding(severity, 'budget.weight', template.executionWeight, execWeight, at.execWeight.zh, at.execWeight.en,
      `${at.execWeight.zh}为 ${fixed2(execWeight)}，${template.name}规定为 ${template.executionWeight}${why}`,
      `The execution points are ${fixed2(execWeight)}; the template sets ${template.executionWeight}${whyEn}`));
  }
  for (const p of complete) {
    const given = sum(p.given);
    if (given.equals(p.pool.weight)) continue;
    findings.push(weightFinding(severity, 'indicators', p.pool.weight, given, at.indicatorWeights.zh, at.indicatorWeights.en,
      `${label(template, p.pool.label)}的分值合计为 ${fixed2(given)}，模板规定为 ${p.pool.weight}${why}`,
      `${p.pool.label} weights add up to ${fixed2(given)}; the template sets ${p.pool.weight}${whyEn}`));
  }
  return findings;
}

const label = (template: ScoringTemplate, poolLabel: string) => (template.indicatorPools.length === 1 ? '绩效指标' : poolLabel);

function weightFinding(
  severity: ConsistencyFinding['severity'], path: string, expected: string, found: Dec, place: string, _placeEn: string, message: string, messageEn: string,
): ConsistencyFinding {
  return { rule: 'weights_total', severity, path, expected: fixed2(expected), found: fixed2(found), message, messageEn, unit: '分', place };
}
