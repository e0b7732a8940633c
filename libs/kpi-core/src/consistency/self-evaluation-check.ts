import {
  type CheckIndicatorRow, type ConsistencyFinding, type FindingSeverity, type SelfEvaluationCheckRequest, type SelfEvaluationCheckResponse,
} from '@app/contracts';
import { Dec, dec, roundHalfUp, sum } from '../decimal.js';
import { gradeFor } from '../performance/grade.js';
import { indicatorCompletion } from '../performance/indicators.js';
import { SCORING_TEMPLATES } from '../performance/templates.js';
import {
  GRADE_LABELS, GRADES, type Grade, INDICATOR_LEVEL1_LABELS, INDICATOR_LEVEL2_LABELS, type IndicatorLevel2, LEVEL1_OF_LEVEL2,
} from '../performance/vocabulary.js';
import { fixed2, printedPlaces, sortFindings } from './finding.js';
import { judgePrintedFigure } from './precision.js';
import { parseAmount, parseQuantity } from './printed-cells.js';
import { isBlankRow, isBreakdownRow, level2Of, normalisePrintedTable, type PrintedTableInput } from './printed-table.js';
import { type Place, places } from './table-places.js';
import { checkWeights, type RowWeight, rowWeights } from './table-weights.js';


type Table = SelfEvaluationCheckRequest;

const GRADE_ALIASES: Readonly<Record<string, Grade>> = Object.freeze(
  Object.fromEntries(GRADES.flatMap((g) => [[g, g], [GRADE_LABELS[g], g]])),
);

const pct = (value: Dec) => `${fixed2(value)}%`;
const num = (value: Dec) => value.toFixed();

/**
 * Checks a filled 项目支出绩效自评表 as printed (issue 16): reads the cells as a reviewer would, recomputes every
 * execution rate and score with the table's own printed weights (never rescaled), judges each printed figure at
 * the precision it is printed at, and lists every disagreement in words that name the printed place.
 * `indicators` may be empty: the money part alone is checked, and the total and grade are not compared.
 */
export function checkSelfEvaluationTable(input: PrintedTableInput | Table): SelfEvaluationCheckResponse {
  const table = normalisePrintedTable(input as PrintedTableInput);
  const template = SCORING_TEMPLATES[table.template];
  const at = places(table);
  const findings: ConsistencyFinding[] = [];
  const push = (finding: ConsistencyFinding | null | undefined) => {
    if (finding) findings.push(finding);
  };
  const unit = table.unit;
  const money = (value: Dec) => `${fixed2(value)}${unit}`;

  // ---- execution block
  const execWeight = parseAmount(table.budget.weight) ?? dec(template.executionWeight);
  const lines = table.budget.lines.map((line, i) => {
    const budget = parseAmount(line.budget);
    const executed = parseAmount(line.executed);
    const place = at.line(i);
    if (budget === null && executed !== null) push(required(`budget.lines[${i}].budget`, place.col('budget'), null));
    if (executed === null && budget !== null) push(required(`budget.lines[${i}].executed`, place.col('executed'), null));
    const rate = budget !== null && executed !== null && !budget.isZero() ? executed.dividedBy(budget).times(100) : null;
    if (rate !== null) {
      push(withinRounding(line.budget, line.executed, line.printedRate)
        ? null
        : judge(`budget.lines[${i}].printedRate`, place.col('printedRate'), rate, line.printedRate, '%', `${money(executed as Dec)}÷${money(budget as Dec)} `));
      const lineWeight = parseAmount(line.weight ?? null);
      if (lineWeight !== null) {
        push(judge(`budget.lines[${i}].printedScore`, place.col('printedScore'), capped(rate).times(lineWeight).dividedBy(100), line.printedScore ?? null, '分', executionFormula(rate, lineWeight), lineWeight));
      }
    }
    return { line, budget, executed, rate, used: budget !== null && executed !== null };
  });
  const used = lines.filter((l) => l.used);
  const printedTotalBudget = parseAmount(table.budget.total.budget);
  const printedTotalExecuted = parseAmount(table.budget.total.executed);
  // A table with only a total row is checked on its total.
  const totalBudget = used.length > 0 ? sum(used.map((l) => l.budget as Dec)) : printedTotalBudget;
  const totalExecuted = used.length > 0 ? sum(used.map((l) => l.executed as Dec)) : printedTotalExecuted;
  const totalRate = totalBudget !== null && totalExecuted !== null && !totalBudget.isZero() ? totalExecuted.dividedBy(totalBudget).times(100) : null;
  const execScore = totalRate === null ? new Dec(0) : capped(totalRate).times(execWeight).dividedBy(100);

  if (used.length > 0) {
    const partsText = used.map((l) => `${l.line.source || '—'} ${money(l.budget as Dec)}`).join(' + ');
    const executedText = used.map((l) => `${l.line.source || '—'} ${money(l.executed as Dec)}`).join(' + ');
    push(totalAgainstLines('budget.total.budget', at.total.col('budget'), printedTotalBudget, totalBudget as Dec, partsText));
    push(totalAgainstLines('budget.total.executed', at.total.col('executed'), printedTotalExecuted, totalExecuted as Dec, executedText));
  }
  if (totalRate !== null) {
    push(parseAmount(table.budget.total.printedRate) === null
      ? (used.length > 0 ? required('budget.total.printedRate', at.total.col('printedRate'), totalRate, '%', 'warning') : null)
      : used.length <= 1 && withinRounding(table.budget.total.budget, table.budget.total.executed, table.budget.total.printedRate)
        ? null
        : judge('budget.total.printedRate', at.total.col('printedRate'), totalRate, table.budget.total.printedRate, '%', `${money(totalExecuted as Dec)}÷${money(totalBudget as Dec)} `));
    push(judge('budget.printedScore', at.execScore, execScore, table.budget.printedScore, '分', executionFormula(totalRate, execWeight), execWeight));
  }
  push(unitPlausibility());
  push(executionReason());

  // ---- indicators
  const weights = rowWeights(table, template);
  findings.push(...checkWeights(table, template, execWeight, weights, at));
  const reportedLevel1 = new Set<string>();
  const indicatorResults = table.indicators.map((row, i) => scoreRow(row, i, weights[i]));

  // ---- total and grade
  const executionOnly = table.indicators.length === 0;
  // Each score counts as the table prints it, to 2 decimals (domain.md §3.4), and the total is their sum.
  const totalScore = roundHalfUp(execScore, 2).plus(sum(indicatorResults.map((r) => roundHalfUp(r.scoreDec, 2))));
  const grade = gradeFor(Dec.min(Dec.max(totalScore, 0), 100));
  if (!executionOnly) checkTotal(totalScore, grade);

  return {
    template: table.template,
    unit,
    execution: {
      lines: lines.map((l) => ({
        source: l.line.source,
        budget: l.budget === null ? null : fixed2(l.budget),
        executed: l.executed === null ? null : fixed2(l.executed),
        rate: l.rate === null ? null : fixed2(l.rate),
        printedRate: l.line.printedRate,
      })),
      total: {
        budget: fixed2(totalBudget ?? 0),
        executed: fixed2(totalExecuted ?? 0),
        rate: totalRate === null ? null : fixed2(totalRate),
        weight: fixed2(execWeight),
        score: fixed2(execScore),
      },
    },
    indicators: indicatorResults.map(({ scoreDec: _score, ...rest }) => rest),
    total: fixed2(totalScore),
    grade: GRADE_LABELS[grade],
    executionOnly,
    findings: sortFindings(findings),
  };

  // ---------------------------------------------------------------- helpers over this table

  function scoreRow(row: CheckIndicatorRow, i: number, rowWeight: RowWeight) {
    const level2 = level2Of(row.level2) as IndicatorLevel2;
    const place = at.row(i);
    const path = `indicators[${i}]`;
    const base = { name: row.name, level1: INDICATOR_LEVEL1_LABELS[LEVEL1_OF_LEVEL2[level2]], level2: INDICATOR_LEVEL2_LABELS[level2] };
    checkLevel1(row, i, level2);
    if (isBreakdownRow(row) || isBlankRow(row)) {
      return { ...base, weight: '0.00', completion: null, score: '0.00', scoreDec: new Dec(0), outcome: 'missing' as const, overAchieved: false };
    }
    const weight = rowWeight.weight;
    const target = parseQuantity(row.target);
    const actual = parseQuantity(row.actual);

    if (row.direction === 'qualitative') {
      // A qualitative row cannot be recomputed: a printed 完成率 is the reviewer's judgement, else a printed score against a
      // printed weight is, else it is taken as met.
      const printedCompletion = parseAmount(row.printedCompletion);
      const printedScore = parseAmount(row.printedScore);
      const share = printedCompletion !== null
        ? Dec.min(Dec.max(printedCompletion.dividedBy(100), 0), 1)
        : printedScore !== null && rowWeight.printed && weight.greaterThan(0) ? Dec.min(Dec.max(printedScore.dividedBy(weight), 0), 1) : new Dec(1);
      const score = weight.times(share);
      if (printedCompletion !== null && rowWeight.printed) {
        push(judge(`${path}.printedScore`, place.col('printedScore'), score, row.printedScore, '分', `完成率 ${pct(printedCompletion)}×${num(weight)} `, weight));
      }
      // Within the 达成 band (80–100% of the weight) a qualitative row is met and needs no reason.
      const outcome = share.greaterThanOrEqualTo(template.qualitativeBands.metFrom) ? 'met' as const : 'short' as const;
      if (outcome === 'short') push(indicatorReason(row, i, share.times(100)));
      return { ...base, weight: fixed2(weight), completion: fixed2(share.times(100)), score: fixed2(score), scoreDec: score, outcome, overAchieved: false };
    }

    if (target === null || target.isNegative()) {
      push(target === null
        ? required(`${path}.target`, place.col('target'), null, row.unit ?? undefined, 'error', row.target)
        : finding('required_value_missing', 'error', `${path}.target`, place.col('target'), null, row.target,
          `${place.col('target').zh}印为 ${row.target}，年度指标值不能为负数`, `${place.col('target').en} is printed ${row.target}; a target cannot be negative`));
      return { ...base, weight: fixed2(weight), completion: null, score: '0.00', scoreDec: new Dec(0), outcome: 'missing' as const, overAchieved: false };
    }
    if (actual === null) {
      // A unit after the number ("4次", "99000元") is still a numeric actual; "完成" is not.
      push(required(`${path}.actual`, place.col('actual'), null, row.unit ?? undefined, 'error', row.actual));
      return { ...base, weight: fixed2(weight), completion: null, score: '0.00', scoreDec: new Dec(0), outcome: 'missing' as const, overAchieved: false };
    }
    const result = indicatorCompletion(
      { key: `row-${i}`, level2, name: row.name, direction: row.direction, target, actual, weight },
      { reverseFormula: template.reverseFormula, qualitativeBands: template.qualitativeBands, overAchievementRatio: template.overAchievementRatio },
    );
    const completion = result.completion.times(100);
    const score = weight.times(result.completion);
    const formula = scoreFormula(row.direction, target, actual, weight, result.completion);

    if (parseAmount(row.printedCompletion) !== null) {
      const breached = row.direction === '<=' && actual.greaterThan(target) && (parseAmount(row.printedCompletion) as Dec).greaterThanOrEqualTo(100);
      const uncapped = row.direction !== '<=' && result.achievementRatio !== null
        && judge(`${path}.printedCompletion`, place.col('printedCompletion'), result.achievementRatio.times(100), row.printedCompletion, '%') === null;
      if (breached) {
        push(finding('reverse_breached_full', 'error', `${path}.printedCompletion`, place.col('printedCompletion'), fixed2(completion), fixed2(parseAmount(row.printedCompletion) as Dec),
          `${place.col('printedCompletion').zh}印为 ${row.printedCompletion}，但目标为“≤${num(target)}”，实际 ${num(actual)} 已超出；按反向指标应为 ${pct(completion)}`,
          `${place.col('printedCompletion').en} is printed ${row.printedCompletion}, but the target is "≤ ${num(target)}" and the actual ${num(actual)} exceeds it; the reverse rule gives ${pct(completion)}`, '%'));
      } else if (!uncapped) {
        push(judge(`${path}.printedCompletion`, place.col('printedCompletion'), completion, row.printedCompletion, '%', formula.zh.replace(/×[\d.]+\s*$/, ''), new Dec(100)));
      }
    }
    // Without a printed weight the score's base is not on the table: it cannot be checked.
    if (rowWeight.printed) push(judge(`${path}.printedScore`, place.col('printedScore'), score, row.printedScore, '分', formula.zh, weight));
    if (result.outcome === 'short') push(indicatorReason(row, i, completion));
    return {
      ...base, weight: fixed2(weight), completion: fixed2(completion), score: fixed2(score), scoreDec: score,
      outcome: result.outcome, overAchieved: result.overAchieved,
    };
  }

  function checkLevel1(row: CheckIndicatorRow, i: number, level2: IndicatorLevel2) {
    const standard = LEVEL1_OF_LEVEL2[level2];
    const printed = (row.level1 ?? '').replace(/\s+/g, '');
    // One finding per distinct misnamed block: a merged cell prints the same name on every row.
    if (printed === '' || [standard, INDICATOR_LEVEL1_LABELS[standard]].includes(printed) || reportedLevel1.has(`${printed}|${standard}`)) return;
    reportedLevel1.add(`${printed}|${standard}`);
    const place = at.row(i).col('level1');
    push(finding('vocabulary', 'info', `indicators[${i}].level1`, place, INDICATOR_LEVEL1_LABELS[standard], printed,
      `${place.zh}印为“${printed}”，不在规定词表中：${INDICATOR_LEVEL2_LABELS[level2]}属于“${INDICATOR_LEVEL1_LABELS[standard]}”`,
      `${place.en} reads "${printed}", which is not in the fixed vocabulary: ${INDICATOR_LEVEL2_LABELS[level2]} belongs to "${INDICATOR_LEVEL1_LABELS[standard]}"`));
  }

  function checkTotal(totalScore: Dec, grade: Grade) {
    const printedTotal = parseAmount(table.printedTotal);
    if (printedTotal !== null) {
      const parts = [table.budget.printedScore, ...table.indicators.filter((r) => !isBreakdownRow(r) && !isBlankRow(r)).map((r) => r.printedScore)].map(parseAmount);
      if (parts.every((p) => p !== null)) {
        const partsSum = sum(parts as Dec[]);
        if (!partsSum.equals(printedTotal)) {
          push(finding('sum_identity', 'error', 'printedTotal', at.total_score, fixed2(partsSum), fixed2(printedTotal),
            `${at.total_score.zh}印为 ${table.printedTotal}，而表中各项得分之和为 ${fixed2(partsSum)}`,
            `${at.total_score.en} is printed ${table.printedTotal}, but the scores printed in the table add up to ${fixed2(partsSum)}`, '分'));
        }
      }
      push(judge('printedTotal', at.total_score, totalScore, table.printedTotal, '分', '各项重算得分相加 ', new Dec(100)));
    }
    if (table.printedGrade === null) return;
    const printedGrade = GRADE_ALIASES[table.printedGrade.replace(/\s+/g, '')];
    if (printedGrade === grade) return;
    push(finding(printedGrade ? 'score_recomputed' : 'vocabulary', printedGrade ? 'error' : 'warning', 'printedGrade', at.grade, GRADE_LABELS[grade], table.printedGrade,
      printedGrade
        ? `${at.grade.zh}印为“${table.printedGrade}”，按重算总分 ${fixed2(totalScore)} 应为“${GRADE_LABELS[grade]}”`
        : `${at.grade.zh}印为“${table.printedGrade}”，不是优、良、中、差之一；按重算总分 ${fixed2(totalScore)} 应为“${GRADE_LABELS[grade]}”`,
      printedGrade
        ? `${at.grade.en} is printed "${table.printedGrade}", but the recomputed total ${fixed2(totalScore)} is "${GRADE_LABELS[grade]}"`
        : `${at.grade.en} reads "${table.printedGrade}", not one of 优/良/中/差; the recomputed total ${fixed2(totalScore)} is "${GRADE_LABELS[grade]}"`));
  }

  // The total row against the lines above it: a blank total is a warning (the figures give it), a wrong one an error.
  function totalAgainstLines(path: string, place: Place, printed: Dec | null, computed: Dec, partsText: string): ConsistencyFinding | null {
    if (printed === null) return required(path, place, computed, unit, 'warning');
    if (printed.equals(computed)) return null;
    const rounding = printed.minus(computed).abs().lessThanOrEqualTo(0.01);
    return finding('sum_identity', rounding ? 'warning' : 'error', path, place, fixed2(computed), fixed2(printed),
      `${place.zh}印为 ${money(printed)}，各资金来源之和为 ${money(computed)}（${partsText}）${rounding ? '，差额在舍入范围内' : ''}`,
      `${place.en} is printed ${money(printed)}, but its lines add up to ${money(computed)} (${partsText})${rounding ? '; within rounding' : ''}`, unit);
  }

  function unitPlausibility(): ConsistencyFinding | null {
    // One finding per table: the largest amount shows the scale best.
    const amounts = [
      ...lines.flatMap((l, i) => [
        { value: l.budget, place: at.line(i).col('budget') }, { value: l.executed, place: at.line(i).col('executed') },
      ]),
      { value: printedTotalBudget, place: at.total.col('budget') }, { value: printedTotalExecuted, place: at.total.col('executed') },
    ].filter((a): a is { value: Dec; place: Place } => a.value !== null);
    const largest = amounts.sort((a, b) => b.value.abs().comparedTo(a.value.abs()))[0];
    if (!largest) return null;
    if (unit === '万元' && largest.value.greaterThanOrEqualTo(10_000)) {
      const wan = largest.value.dividedBy(10_000);
      return finding('unit_plausibility', 'error', 'unit', at.unit, fixed2(wan), fixed2(largest.value),
        `表头金额单位为“万元”，但${largest.place.zh}为 ${fixed2(largest.value)}：按本项目规模应是元（即 ${fixed2(wan)}万元）`,
        `The header says 万元, but ${largest.place.en} is ${fixed2(largest.value)}: at this project's scale that is 元 (${fixed2(wan)} 万元)`, '万元');
    }
    if (unit === '元' && !largest.value.isZero() && largest.value.lessThan(100)) {
      const yuan = largest.value.times(10_000);
      return finding('unit_plausibility', 'warning', 'unit', at.unit, fixed2(yuan), fixed2(largest.value),
        `表头金额单位为“元”，但最大金额${largest.place.zh}仅 ${fixed2(largest.value)}元：可能应为万元（即 ${fixed2(yuan)}元）`,
        `The header says 元, but the largest amount (${largest.place.en}) is only ${fixed2(largest.value)} 元: probably 万元 (${fixed2(yuan)} 元)`, '元');
    }
    return null;
  }

  function executionReason(): ConsistencyFinding | null {
    const threshold = dec(template.explanationThreshold).times(100);
    if ((table.budget.reason ?? '') !== '') return null;
    const lowest = [...lines].filter((l) => l.rate !== null).sort((a, b) => (a.rate as Dec).comparedTo(b.rate as Dec))[0];
    const [rate, what] = totalRate !== null ? [totalRate, '预算执行率'] : lowest ? [lowest.rate as Dec, `“${lowest.line.source}”执行率`] : [null, ''];
    if (rate === null || !rate.lessThan(threshold)) return null;
    // The 90% rule is Sichuan's (domain.md §3.2), where the table has a 原因 cell; elsewhere it is advice.
    return finding('reason_missing', table.template === 'sichuan' ? 'error' : 'warning', 'budget.reason', at.execReason, fixed2(threshold), fixed2(rate),
      `${what}为 ${pct(rate)}，低于 ${num(threshold)}%，但${at.execReason.zh}未写明原因`,
      `${what === '预算执行率' ? 'Execution' : `Execution of ${lowest?.line.source}`} is ${pct(rate)}, below ${num(threshold)}%, but ${at.execReason.en} gives no reason`, '%');
  }

  function indicatorReason(row: CheckIndicatorRow, i: number, completion: Dec): ConsistencyFinding | null {
    if ((row.reason ?? '') !== '') return null;
    const place = at.row(i).col('reason');
    return finding('reason_missing', 'warning', `indicators[${i}].reason`, place, '100.00', fixed2(completion),
      `指标“${row.name}”完成 ${pct(completion)}，未达目标，但${place.zh}未写明原因`,
      `Indicator "${row.name}" is ${pct(completion)} complete, short of its target, but ${place.en} gives no reason`, '%');
  }
}

/**
 * Amounts printed rounded (万元 to 2 decimals from 元 figures) carry half a unit of their last place each way: a
 * printed rate inside the range those amounts allow is not a disagreement (our own export prints 15.67 ÷ 18.00
 * 万元 with the 87.05% of the 元 figures, where 15.67 ÷ 18.00 alone gives 87.06%).
 */
function withinRounding(budgetText: string | null, executedText: string | null, rateText: string | null): boolean {
  const budget = parseAmount(budgetText);
  const executed = parseAmount(executedText);
  const rate = parseAmount(rateText);
  if (budget === null || executed === null || rate === null || budgetText === null || executedText === null || rateText === null) return false;
  const half = (text: string) => new Dec(10).pow(-printedPlaces(text.replace(/[^\d.]/g, ''))).dividedBy(2);
  const low = Dec.max(executed.minus(half(executedText)), 0).dividedBy(budget.plus(half(budgetText))).times(100);
  const highBudget = budget.minus(half(budgetText));
  if (!highBudget.greaterThan(0)) return false;
  const high = executed.plus(half(executedText)).dividedBy(highBudget).times(100);
  const places = printedPlaces(rateText.replace(/[^\d.]/g, ''));
  // Only a rate printed to 2 decimals or more is judged this finely; a coarser one is told as rounded.
  if (places < 2) return false;
  return !rate.lessThan(roundHalfUp(low, places)) && !rate.greaterThan(roundHalfUp(high, places)) && !low.equals(high);
}

function capped(ratePercent: Dec): Dec {
  return Dec.min(Dec.max(ratePercent, 0), 100);
}

function executionFormula(ratePercent: Dec, weight: Dec): string {
  return ratePercent.greaterThan(100) ? `执行率 ${pct(ratePercent)} 超过 100%，得分以分值 ${num(weight)} 为限，` : `执行率 ${pct(ratePercent)}×${num(weight)} `;
}

function scoreFormula(direction: CheckIndicatorRow['direction'], target: Dec, actual: Dec, weight: Dec, completion: Dec): { zh: string } {
  if (completion.equals(1)) return { zh: `实际 ${num(actual)} 已达目标 ${direction === '<=' ? '≤' : ''}${num(target)}，应得满分，` };
  if (direction === '<=') return { zh: `${num(target)}/${num(actual)}×${num(weight)} ` };
  return { zh: `${num(actual)}/${num(target)}×${num(weight)} ` };
}

function judge(path: string, place: Place, computed: Dec, printed: string | null | undefined, unit: '%' | '分', because?: string, full?: Dec): ConsistencyFinding | null {
  if (printed === null || printed === undefined || parseAmount(printed) === null) return null;
  return judgePrintedFigure({
    rule: unit === '%' ? 'percentage_recomputed' : 'score_recomputed', path, place: place.zh, placeEn: place.en, computed, printed, unit, because, full,
  });
}

function required(path: string, place: Place, computed: Dec | null, unit?: string, severity: FindingSeverity = 'error', printed?: string | null): ConsistencyFinding {
  const text = printed?.trim() ?? '';
  const expected = computed === null ? null : fixed2(computed);
  const shownUnit = unit ?? '';
  return finding('required_value_missing', severity, path, place, expected, text === '' ? null : text,
    text === ''
      ? `${place.zh}未填写${expected === null ? '' : `（按表中数据应为 ${expected}${shownUnit}）`}`
      : `${place.zh}应填写数值，现为“${text}”`,
    text === ''
      ? `${place.en} is blank${expected === null ? '' : ` (the figures give ${expected}${shownUnit ? ` ${shownUnit}` : ''})`}`
      : `${place.en} needs a number, found "${text}"`,
    unit);
}

function finding(
  rule: ConsistencyFinding['rule'], severity: FindingSeverity, path: string, place: Place, expected: string | null, found: string | null,
  message: string, messageEn: string, unit?: string,
): ConsistencyFinding {
  return { rule, severity, path, expected, found, message, messageEn, ...(unit ? { unit } : {}), place: place.zh };
}
