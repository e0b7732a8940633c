import {
  type CheckTemplate,
  type ConsistencyFinding,
  type SelfEvaluationCheckRequest,
  type SelfEvaluationCheckResponse,
} from '@app/contracts';
import { Dec, dec, roundHalfUp, sum } from '../decimal.js';
import { executionRate, executionScore } from '../performance/execution.js';
import { gradeFor } from '../performance/grade.js';
import { type IndicatorInput } from '../performance/indicators.js';
import { type SelfEvaluationResult, evaluateSelfEvaluation } from '../performance/self-evaluation.js';
import { type ScoringTemplate, SCORING_TEMPLATES } from '../performance/templates.js';
import {
  GRADE_LABELS,
  GRADES,
  type Grade,
  INDICATOR_LEVEL1_LABELS,
  INDICATOR_LEVEL2_LABELS,
  INDICATOR_LEVEL2S,
  type IndicatorLevel2,
  LEVEL1_OF_LEVEL2,
} from '../performance/vocabulary.js';
import { fixed2, parsePrinted, sortFindings } from './finding.js';
import {
  checkPrintedValue,
  checkReasonGiven,
  checkRequiredValue,
  checkReverseBreachedFull,
  checkSumIdentity,
  checkUnitPlausibility,
  checkWeightsTotal,
} from './rules.js';

type Table = SelfEvaluationCheckRequest;
type Row = Table['indicators'][number];

const compact = (text: string) => text.replace(/\s+/g, '');

/** 二级指标 as printed (with or without 指标, or the code) → code. The seed prints "满意度指标" for 服务对象满意度. */
export const INDICATOR_LEVEL2_ALIASES: Readonly<Record<string, IndicatorLevel2>> = Object.freeze(
  Object.fromEntries(
    INDICATOR_LEVEL2S.flatMap((code) => {
      const label = INDICATOR_LEVEL2_LABELS[code];
      return [[code, code], [label, code], [label.replace(/指标$/, ''), code]] as Array<[string, IndicatorLevel2]>;
    }).concat([['满意度指标', 'satisfaction'], ['满意度', 'satisfaction'], ['服务对象满意度', 'satisfaction']]),
  ),
);

/** The level-2 code of a printed 二级指标, or null when it is not in the vocabulary. */
export function level2Of(printed: string): IndicatorLevel2 | null {
  return INDICATOR_LEVEL2_ALIASES[compact(printed)] ?? null;
}

const GRADE_ALIASES: Readonly<Record<string, Grade>> = Object.freeze(
  Object.fromEntries(GRADES.flatMap((g) => [[g, g], [GRADE_LABELS[g], g]])),
);

// Units a printed actual may carry after its number ("156688.3元", "100%", "5次").
const TRAILING_UNIT = /^(.*?\d)\s*(%|元|万元|万|亿元|次|个|项|户|人|人次|份|月|年|天|家|笔)$/;

/** The number of an indicator cell, tolerant of a trailing unit ("5000元") and a leading ≤/≥; null for text such as "完成". */
export function parseQuantity(printed: string | null | undefined): Dec | null {
  if (printed === null || printed === undefined) return null;
  let text = compact(printed).replace(/^(≤|≥|<=|>=|=|＝)/, '');
  const unit = TRAILING_UNIT.exec(text);
  if (unit) text = unit[1];
  return parsePrinted(text);
}

const THRESHOLD_PERCENT = (template: ScoringTemplate) => dec(template.explanationThreshold).times(100);

/**
 * Checks a filled 项目支出绩效自评表 as printed: recomputes execution per line and in total, every
 * indicator's completion and score, the total and the grade under the template (through
 * evaluateSelfEvaluation), and lists every disagreement with the printed figures. A correct table gets none.
 */
export function checkSelfEvaluationTable(table: Table): SelfEvaluationCheckResponse {
  const template = SCORING_TEMPLATES[table.template as CheckTemplate];
  if (!template) throw new RangeError(`unknown template "${String(table.template)}"`);
  const findings: ConsistencyFinding[] = [];
  const push = (finding: ConsistencyFinding | null) => {
    if (finding) findings.push(finding);
  };
  const unit = table.unit;

  // ---- budget block
  const amounts: Array<{ path: string; label: string; value: Dec }> = [];
  const lines = table.budget.lines.map((line, i) => {
    const path = `budget.lines[${i}]`;
    const budget = parsePrinted(line.budget);
    const executed = parsePrinted(line.executed);
    const blankLine = budget === null && executed === null && parsePrinted(line.printedRate) === null;
    if (!blankLine) {
      if (budget === null) push(checkRequiredValue({ path: `${path}.budget`, label: `${line.source}全年预算数`, printed: line.budget, numeric: true, unit }));
      if (executed === null) push(checkRequiredValue({ path: `${path}.executed`, label: `${line.source}实际完成数`, printed: line.executed, numeric: true, unit }));
    }
    if (budget !== null) amounts.push({ path: `${path}.budget`, label: `${line.source}全年预算数`, value: budget });
    if (executed !== null) amounts.push({ path: `${path}.executed`, label: `${line.source}实际完成数`, value: executed });
    const rate = budget !== null && executed !== null ? executionRate(executed, budget) : null;
    const ratePercent = rate?.rate ? rate.rate.times(100) : null;
    if (ratePercent !== null && parsePrinted(line.printedRate) !== null) {
      push(checkPrintedValue({ path: `${path}.printedRate`, label: `${line.source}执行率`, computed: ratePercent, printed: line.printedRate as string }));
    }
    return { line, budget, executed, ratePercent, used: budget !== null && executed !== null };
  });

  const used = lines.filter((l) => l.used);
  const printedTotalBudget = parsePrinted(table.budget.total.budget);
  const printedTotalExecuted = parsePrinted(table.budget.total.executed);
  if (printedTotalBudget !== null) amounts.push({ path: 'budget.total.budget', label: '年度资金总额', value: printedTotalBudget });
  if (printedTotalExecuted !== null) amounts.push({ path: 'budget.total.executed', label: '年度资金总额实际完成数', value: printedTotalExecuted });

  // A table with only a total row is checked on its total.
  const fundingLines = used.length > 0
    ? used.map((l, i) => ({ key: `line-${i}`, label: l.line.source, adjustedBudget: l.budget as Dec, executed: l.executed as Dec }))
    : printedTotalBudget !== null && printedTotalExecuted !== null
      ? [{ key: 'total', label: '年度资金总额', adjustedBudget: printedTotalBudget, executed: printedTotalExecuted }]
      : [];
  const totalBudget = sum(fundingLines.map((l) => l.adjustedBudget));
  const totalExecuted = sum(fundingLines.map((l) => l.executed));
  const total = fundingLines.length > 0 ? executionRate(totalExecuted, totalBudget) : null;
  const totalRatePercent = total?.rate ? total.rate.times(100) : null;

  if (used.length > 0) {
    const parts = (pick: 'budget' | 'executed') => used.map((l) => ({ label: l.line.source, value: l[pick] as Dec }));
    push(printedTotalBudget === null
      ? checkRequiredValue({ path: 'budget.total.budget', label: '年度资金总额（全年预算数）', printed: table.budget.total.budget, numeric: true, computed: totalBudget, unit, severity: 'warning' })
      : checkSumIdentity({ path: 'budget.total.budget', label: '年度资金总额（全年预算数）', total: printedTotalBudget, parts: parts('budget'), unit }));
    push(printedTotalExecuted === null
      ? checkRequiredValue({ path: 'budget.total.executed', label: '年度资金总额（实际完成数）', printed: table.budget.total.executed, numeric: true, computed: totalExecuted, unit, severity: 'warning' })
      : checkSumIdentity({ path: 'budget.total.executed', label: '年度资金总额（实际完成数）', total: printedTotalExecuted, parts: parts('executed'), unit }));
  }
  if (totalRatePercent !== null) {
    push(parsePrinted(table.budget.total.printedRate) === null
      ? checkRequiredValue({ path: 'budget.total.printedRate', label: '年度资金总额执行率', printed: table.budget.total.printedRate, numeric: true, computed: totalRatePercent, unit: '%', severity: 'warning' })
      : checkPrintedValue({ path: 'budget.total.printedRate', label: '年度资金总额执行率', computed: totalRatePercent, printed: table.budget.total.printedRate as string }));
  }

  // One finding per table for the unit: the largest amount shows the scale best.
  const largest = [...amounts].sort((a, b) => b.value.abs().comparedTo(a.value.abs()))[0];
  if (largest) push(checkUnitPlausibility({ path: 'unit', label: `${largest.label}（${largest.path}）`, amount: largest.value, unit }));

  // Reason for execution below the threshold: the total first, else the lowest line.
  const threshold = THRESHOLD_PERCENT(template);
  const lowest = [...lines].filter((l) => l.ratePercent !== null).sort((a, b) => (a.ratePercent as Dec).comparedTo(b.ratePercent as Dec))[0];
  const reasonFinding =
    (totalRatePercent !== null && checkReasonGiven({ path: 'budget.reason', label: '预算执行率', reason: table.budget.reason, value: totalRatePercent, threshold })) ||
    (lowest && checkReasonGiven({ path: 'budget.reason', label: `${lowest.line.source}执行率`, reason: table.budget.reason, value: lowest.ratePercent as Dec, threshold })) ||
    null;
  push(reasonFinding);

  // ---- weights
  const executionWeight = parsePrinted(table.budget.weight) ?? dec(template.executionWeight);
  const weightFindings = checkWeights(table, template, executionWeight);
  findings.push(...weightFindings);

  // ---- indicators
  const rows = table.indicators.map((row, i) => toIndicatorInput(row, i));
  const reportedLevel1 = new Set<string>();
  for (const { level2, row, i } of rows) {
    const standard = LEVEL1_OF_LEVEL2[level2];
    const printed = compact(row.level1 ?? '');
    // One finding per distinct misnamed block: a merged cell prints the same name on every row.
    if (printed !== '' && ![standard, INDICATOR_LEVEL1_LABELS[standard]].includes(printed) && !reportedLevel1.has(`${printed}|${standard}`)) {
      reportedLevel1.add(`${printed}|${standard}`);
      push({
        rule: 'vocabulary', severity: 'info', path: `indicators[${i}].level1`, expected: INDICATOR_LEVEL1_LABELS[standard], found: printed,
        message: `一级指标“${printed}”不在规定词表中，${INDICATOR_LEVEL2_LABELS[level2]}属于“${INDICATOR_LEVEL1_LABELS[standard]}”`,
        messageEn: `Level-1 "${printed}" is not in the fixed vocabulary; ${INDICATOR_LEVEL2_LABELS[level2]} belongs to "${INDICATOR_LEVEL1_LABELS[standard]}"`,
      });
    }
  }

  const consistentWeights = weightFindings.length === 0;
  const weighted = (input: IndicatorInput, row: Row): IndicatorInput => {
    const weight = parsePrinted(row.weight);
    return consistentWeights && weight !== null ? { ...input, weight } : input;
  };
  let evaluation: SelfEvaluationResult;
  try {
    evaluation = evaluateSelfEvaluation({
      template: template.id as CheckTemplate,
      fundingLines,
      executionReason: table.budget.reason ?? undefined,
      indicators: rows.map((r) => weighted(r.input, r.row)),
    });
  } catch (error) {
    // Weights the engine cannot apply (more than 2 decimals …): score on the template's even split instead.
    if (!(error instanceof RangeError) || !consistentWeights) throw error;
    evaluation = evaluateSelfEvaluation({ template: template.id as CheckTemplate, fundingLines, indicators: rows.map((r) => r.input) });
  }

  // With inconsistent weights, each printed weight is kept as printed, so the row scores can still be checked.
  const rowWeight = (i: number): Dec =>
    consistentWeights ? evaluation.indicators[i].effectiveWeight : (parsePrinted(table.indicators[i].weight) ?? evaluation.indicators[i].effectiveWeight);
  const execWeight = consistentWeights ? evaluation.execution.effectiveWeight : executionWeight;
  const execScore = consistentWeights
    ? evaluation.execution.score
    : total?.rate ? roundHalfUp(executionScore(total.rate, executionWeight)) : new Dec(0);

  const indicatorResults = rows.map(({ row, i, level2, missingTarget }) => {
    const result = evaluation.indicators[i];
    const weight = rowWeight(i);
    const completion = result.completion;
    const score = consistentWeights ? result.score : roundHalfUp(weight.times(completion ?? 0));
    const path = `indicators[${i}]`;
    const label = `指标“${row.name}”`;
    const quantitative = row.direction !== 'qualitative' && !missingTarget;

    if (row.direction !== 'qualitative') {
      const negative = parseQuantity(row.target)?.isNegative() === true;
      if (negative) {
        push({
          rule: 'required_value_missing', severity: 'error', path: `${path}.target`, expected: null, found: (row.target as string).trim(),
          message: `${label}的年度指标值不能为负数`, messageEn: `The target of ${row.name} cannot be negative`,
        });
      } else if (missingTarget) {
        push(checkRequiredValue({ path: `${path}.target`, label: `${label}的年度指标值`, printed: row.target, numeric: true }));
      } else if (parseQuantity(row.actual) === null) {
        // A unit after the number ("4次", "99000元") is still a numeric actual; "完成" is not.
        push(checkRequiredValue({ path: `${path}.actual`, label: `${label}的实际完成值`, printed: row.actual, numeric: true, unit: row.unit ?? undefined }));
      }
    }
    if (quantitative && completion !== null && parsePrinted(row.printedCompletion) !== null && result.outcome !== 'missing') {
      const target = parseQuantity(row.target) as Dec;
      const actual = parseQuantity(row.actual) as Dec;
      const breached = row.direction === '<=' ? checkReverseBreachedFull({
        path: `${path}.printedCompletion`, label, target, actual, computedCompletion: completion.times(100), printedCompletion: row.printedCompletion as string,
      }) : null;
      const uncapped = row.direction !== '<=' && result.achievementRatio !== null
        ? checkPrintedValue({ path: `${path}.printedCompletion`, label: `${label}完成率`, computed: result.achievementRatio.times(100), printed: row.printedCompletion as string }) === null
        : false;
      push(breached ?? (uncapped ? null : checkPrintedValue({ path: `${path}.printedCompletion`, label: `${label}完成率`, computed: completion.times(100), printed: row.printedCompletion as string })));
    }
    if (parsePrinted(row.printedScore) !== null) {
      push(checkPrintedValue({ path: `${path}.printedScore`, label: `${label}得分`, computed: score, printed: row.printedScore as string, rule: 'score_recomputed', unit: '分' }));
    }
    if (result.outcome === 'short' && completion !== null) {
      push(checkReasonGiven({ path: `${path}.reason`, label: `${label}完成率`, reason: row.reason, value: completion.times(100), threshold: 100, severity: 'warning' }));
    }
    return {
      name: row.name,
      level1: INDICATOR_LEVEL1_LABELS[LEVEL1_OF_LEVEL2[level2]],
      level2: INDICATOR_LEVEL2_LABELS[level2],
      weight: fixed2(weight),
      completion: completion === null || result.outcome === 'missing' ? null : fixed2(completion.times(100)),
      score: fixed2(score),
      outcome: result.outcome === 'not_applicable' ? 'missing' as const : result.outcome,
      overAchieved: result.overAchieved,
    };
  });

  if (parsePrinted(table.budget.printedScore) !== null && total?.rate) {
    push(checkPrintedValue({ path: 'budget.printedScore', label: '预算执行率得分', computed: execScore, printed: table.budget.printedScore as string, rule: 'score_recomputed', unit: '分' }));
  }

  const totalScore = execScore.plus(sum(indicatorResults.map((r) => r.score)));
  const grade = gradeFor(Dec.min(Dec.max(totalScore, 0), 100));
  const printedTotal = parsePrinted(table.printedTotal);
  if (printedTotal !== null) {
    const printedParts = [table.budget.printedScore, ...table.indicators.map((r) => r.printedScore)].map(parsePrinted);
    if (printedParts.every((p) => p !== null)) {
      push(checkSumIdentity({
        path: 'printedTotal', label: '总分', total: printedTotal, unit: '分',
        parts: printedParts.map((p, k) => ({ label: k === 0 ? '执行率得分' : `指标${k}得分`, value: p as Dec })),
      }));
    }
    push(checkPrintedValue({ path: 'printedTotal', label: '总分', computed: totalScore, printed: table.printedTotal as string, rule: 'score_recomputed', unit: '分' }));
  }
  if (table.printedGrade !== null && table.printedGrade.trim() !== '') {
    const printedGrade = GRADE_ALIASES[compact(table.printedGrade)];
    if (printedGrade !== grade) {
      push({
        rule: printedGrade ? 'score_recomputed' : 'vocabulary', severity: printedGrade ? 'error' : 'warning', path: 'printedGrade',
        expected: GRADE_LABELS[grade], found: table.printedGrade.trim(),
        message: printedGrade
          ? `评价等级印为“${table.printedGrade.trim()}”，按总分${fixed2(totalScore)}应为“${GRADE_LABELS[grade]}”`
          : `评价等级“${table.printedGrade.trim()}”不是优/良/中/差之一；按总分${fixed2(totalScore)}应为“${GRADE_LABELS[grade]}”`,
        messageEn: printedGrade
          ? `Grade printed "${table.printedGrade.trim()}", but a total of ${fixed2(totalScore)} is "${GRADE_LABELS[grade]}"`
          : `Grade "${table.printedGrade.trim()}" is not one of 优/良/中/差; a total of ${fixed2(totalScore)} is "${GRADE_LABELS[grade]}"`,
      });
    }
  }

  return {
    template: table.template,
    unit,
    execution: {
      lines: lines.map((l) => ({
        source: l.line.source,
        budget: l.budget === null ? null : fixed2(l.budget),
        executed: l.executed === null ? null : fixed2(l.executed),
        rate: l.ratePercent === null ? null : fixed2(l.ratePercent),
        printedRate: l.line.printedRate,
      })),
      total: {
        budget: fixed2(totalBudget),
        executed: fixed2(totalExecuted),
        rate: totalRatePercent === null ? null : fixed2(totalRatePercent),
        weight: fixed2(execWeight),
        score: fixed2(execScore),
      },
    },
    indicators: indicatorResults,
    total: fixed2(totalScore),
    grade: GRADE_LABELS[grade],
    findings: sortFindings(findings),
  };
}

function toIndicatorInput(row: Row, i: number): { row: Row; i: number; level2: IndicatorLevel2; input: IndicatorInput; missingTarget: boolean } {
  const level2 = level2Of(row.level2);
  if (level2 === null) throw new RangeError(`indicators[${i}].level2: unknown 二级指标 "${row.level2}"`);
  const key = `row-${i}`;
  const base = { key, level2, name: row.name, reason: row.reason ?? undefined };
  if (row.direction === 'qualitative') {
    // A qualitative row cannot be recomputed: the printed completion is the reviewer's judgement (met when blank).
    const printed = parsePrinted(row.printedCompletion);
    const share = printed === null ? null : Dec.min(Dec.max(printed.dividedBy(100), 0), 1);
    const tier = share === null || share.greaterThanOrEqualTo(0.8) ? 'met' : share.greaterThanOrEqualTo(0.6) ? 'partly_met' : 'not_met';
    return {
      row, i, level2, missingTarget: false,
      input: { ...base, direction: 'qual', target: row.target ?? undefined, actualText: row.actual ?? undefined, assessment: share === null ? { tier: 'met' } : { tier, share } },
    };
  }
  const target = parseQuantity(row.target);
  if (target === null || target.isNegative()) {
    return { row, i, level2, missingTarget: true, input: { ...base, direction: 'qual', assessment: null } };
  }
  const actual = parseQuantity(row.actual);
  return {
    row, i, level2, missingTarget: false,
    input: { ...base, direction: row.direction, target, actual, unit: row.unit ?? undefined },
  };
}

// Execution weight as the template sets it, and each pool's indicator weights adding up to the pool.
function checkWeights(table: Table, template: ScoringTemplate, executionWeight: Dec): ConsistencyFinding[] {
  const findings: ConsistencyFinding[] = [];
  if (!executionWeight.equals(template.executionWeight)) {
    findings.push({
      rule: 'weights_total', severity: 'error', path: 'budget.weight', expected: fixed2(template.executionWeight), found: fixed2(executionWeight),
      message: `预算执行率权重为${executionWeight.toString()}，${template.name}规定为${template.executionWeight}`,
      messageEn: `The execution weight is ${executionWeight.toString()}; template "${template.id}" sets ${template.executionWeight}`,
      unit: '分',
    });
  }
  for (const pool of template.indicatorPools) {
    const rows = table.indicators.filter((r) => {
      const level2 = level2Of(r.level2);
      return level2 !== null && pool.level1s.includes(LEVEL1_OF_LEVEL2[level2]);
    });
    const weights = rows.map((r) => parsePrinted(r.weight));
    if (rows.length === 0 || weights.every((w) => w === null)) continue;
    const given = weights.filter((w): w is Dec => w !== null);
    const label = template.indicatorPools.length === 1 ? '绩效指标' : pool.label;
    if (given.length === rows.length) {
      const finding = checkWeightsTotal({ path: 'indicators', label, weights: given, total: pool.weight });
      if (finding) findings.push(finding);
    } else if (!sum(given).lessThan(pool.weight)) {
      // Rows without a weight share what is left of the pool, and nothing is left.
      const givenTotal = sum(given);
      findings.push({
        rule: 'weights_total', severity: 'error', path: 'indicators', expected: fixed2(pool.weight), found: fixed2(givenTotal),
        message: `${label}已给出的分值合计${givenTotal.toString()}，已达模板规定的${pool.weight}，未填分值的指标无分可分`,
        messageEn: `${label} weights given add up to ${givenTotal.toString()} of the template's ${pool.weight}, leaving nothing for the rows without a weight`,
        unit: '分',
      });
    }
  }
  return findings;
}
