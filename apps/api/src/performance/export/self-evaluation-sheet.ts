// The 项目支出绩效自评表 as a grid of cells and merged ranges (pure): rendered to XLSX (exceljs) and to HTML for
// printing from the same model, so both always agree. Layout after the seed's 附件 tables and Sichuan's 510000_0013zp.
import { type CellValue, type FundingSource, FUNDING_SOURCES, FUNDING_SOURCE_LABELS, SELF_EVALUATION_WATERMARKS, type SelfEvaluation, selfEvaluationWatermark, type SheetCell, type SheetMerge, type SheetModel } from '@app/contracts';
import { INDICATOR_LEVEL1S, INDICATOR_LEVEL2S, dec, executionRate, roundHalfUp, sum } from '@app/kpi-core';

export const SHEET_COLUMNS = 8;
const MONEY = '0.00';

/** 元 (string) → 万元 half-up to 2 decimals, exactly (Decimal, never floats), as a number for the cell. */
export function yuanToWan(yuan: string | null): number | null {
  if (yuan === null) return null;
  return roundHalfUp(dec(yuan).dividedBy(10_000), 2).toNumber();
}

const percent = (value: string | null): number | null => (value === null ? null : roundHalfUp(value, 2).toNumber());

export function buildSelfEvaluationSheet(evaluation: SelfEvaluation): SheetModel {
  const c = evaluation.computed;
  // Until the year is over the grade is an estimate, and until submitted a draft: the table says so in its subtitle,
  // beside the grade and across the page, so a printed or forwarded copy is never read as the final verdict.
  const mark = selfEvaluationWatermark(evaluation);
  const watermark = mark ? SELF_EVALUATION_WATERMARKS[mark] : null;
  const cells: SheetCell[] = [];
  const merges: SheetMerge[] = [];
  const put = (row: number, col: number, value: CellValue, extra: Partial<SheetCell> = {}) => cells.push({ row, col, value, ...extra });
  const merge = (top: number, left: number, bottom: number, right: number) => {
    if (top !== bottom || left !== right) merges.push({ top, left, bottom, right });
  };
  const label = (row: number, col: number, value: string, extra: Partial<SheetCell> = {}) => put(row, col, value, { bold: true, align: 'center', ...extra });

  // Title
  label(1, 1, '项目支出绩效自评表');
  merge(1, 1, 1, 8);
  put(2, 1, `（${c.project.year}年度）  评分模板：${c.templateName}${watermark ? `  【${watermark}】` : ''}`, { align: 'center' });
  merge(2, 1, 2, 8);

  // Header block
  label(3, 1, '项目名称');
  put(3, 2, c.project.name);
  merge(3, 2, 3, 8);
  label(4, 1, '主管部门');
  put(4, 2, c.project.supervisingUnit);
  merge(4, 2, 4, 4);
  label(4, 5, '实施单位');
  put(4, 6, c.project.implementingUnit);
  merge(4, 6, 4, 8);

  // Budget block by funding source (万元)
  label(5, 1, '项目资金（万元）');
  merge(5, 1, 9, 1);
  ['', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率（%）', '得分'].forEach((text, i) => label(5, 2 + i, text));
  const bySource = (source: FundingSource) => c.execution.lines.filter((l) => l.source === source);
  const sourceRow = (row: number, text: string, lines: typeof c.execution.lines) => {
    put(row, 2, text, { align: 'left' });
    if (lines.length === 0) return;
    const budget = sum(lines.map((l) => l.adjustedBudget));
    const executed = sum(lines.map((l) => l.executed));
    const initialKnown = lines.every((l) => l.initialBudget !== null);
    put(row, 3, initialKnown ? yuanToWan(sum(lines.map((l) => l.initialBudget as string)).toFixed(2)) : null, { numFmt: MONEY });
    put(row, 4, yuanToWan(budget.toFixed(2)), { numFmt: MONEY });
    put(row, 5, yuanToWan(executed.toFixed(2)), { numFmt: MONEY });
    put(row, 6, '—', { align: 'center' });
    const rate = executionRate(executed, budget).ratePercent;
    put(row, 7, rate === null ? null : rate.toNumber(), { numFmt: MONEY });
    put(row, 8, '—', { align: 'center' });
  };
  put(6, 2, '年度资金总额', { align: 'left', bold: true });
  put(6, 3, yuanToWan(c.execution.total.initialBudget), { numFmt: MONEY });
  put(6, 4, yuanToWan(c.execution.total.adjustedBudget), { numFmt: MONEY });
  put(6, 5, yuanToWan(c.execution.total.executed), { numFmt: MONEY });
  put(6, 6, dec(c.execution.effectiveWeight).toNumber(), { numFmt: MONEY });
  put(6, 7, percent(c.execution.total.ratePercent), { numFmt: MONEY });
  put(6, 8, dec(c.execution.score).toNumber(), { numFmt: MONEY });
  const sourceTexts: Record<FundingSource, string> = { superior: `其中：${FUNDING_SOURCE_LABELS.superior}`, local: FUNDING_SOURCE_LABELS.local, other: FUNDING_SOURCE_LABELS.other };
  FUNDING_SOURCES.forEach((source, i) => sourceRow(7 + i, sourceTexts[source], bySource(source)));

  // Reasons of the execution block
  label(10, 1, '执行偏差原因');
  const reasons = [
    c.execution.reason ? `总额：${c.execution.reason}` : null,
    ...c.execution.lines.filter((l) => l.reason).map((l) => `${l.label}：${l.reason}`),
  ].filter(Boolean);
  put(10, 2, reasons.join('；'), { align: 'left' });
  merge(10, 2, 10, 8);

  // 年度总体目标
  label(11, 1, '年度总体目标');
  merge(11, 1, 12, 1);
  label(11, 2, '预期目标');
  merge(11, 2, 11, 5);
  label(11, 6, '实际完成情况');
  merge(11, 6, 11, 8);
  put(12, 2, evaluation.expectedGoal ?? '', { align: 'left' });
  merge(12, 2, 12, 5);
  put(12, 6, evaluation.achievedGoal ?? '', { align: 'left' });
  merge(12, 6, 12, 8);

  // Indicator block, level-1 and level-2 cells merged over their rows
  const header = 13;
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].forEach((text, i) => label(header, 1 + i, text));
  const rows = [...c.indicators].sort(
    (a, b) =>
      INDICATOR_LEVEL1S.indexOf(a.level1 as never) - INDICATOR_LEVEL1S.indexOf(b.level1 as never) ||
      INDICATOR_LEVEL2S.indexOf(a.level2 as never) - INDICATOR_LEVEL2S.indexOf(b.level2 as never),
  );
  let row = header + 1;
  const first = row;
  rows.forEach((r, i) => {
    const at = first + i;
    if (i === 0 || rows[i - 1].level1 !== r.level1) label(at, 1, r.level1Label);
    if (i === 0 || rows[i - 1].level1 !== r.level1 || rows[i - 1].level2 !== r.level2) label(at, 2, r.level2Label);
    put(at, 3, r.name, { align: 'left' });
    put(at, 4, r.target, { align: 'center' });
    put(at, 5, r.outcome === 'not_applicable' ? '不适用' : r.actual, { align: 'center' });
    put(at, 6, dec(r.effectiveWeight).toNumber(), { numFmt: MONEY });
    put(at, 7, dec(r.score).toNumber(), { numFmt: MONEY });
    put(at, 8, r.reason ?? '', { align: 'left' });
  });
  for (const [col, keyOf] of [
    [1, (r: (typeof rows)[number]) => r.level1],
    [2, (r: (typeof rows)[number]) => `${r.level1}/${r.level2}`],
  ] as const) {
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i === rows.length || keyOf(rows[i]) !== keyOf(rows[start])) {
        merge(first + start, col, first + i - 1, col);
        start = i;
      }
    }
  }
  row = first + rows.length;

  // 总分, conclusion, sign-off
  label(row, 1, '总分');
  merge(row, 1, row, 5);
  put(row, 6, sum([c.execution.effectiveWeight, ...rows.map((r) => r.effectiveWeight)]).toNumber(), { numFmt: MONEY, bold: true });
  put(row, 7, dec(c.total).toNumber(), { numFmt: MONEY, bold: true });
  put(row, 8, '');
  row++;
  label(row, 1, '自评等级');
  put(row, 2, `${c.gradeLabel}（${c.total}分${mark === 'estimate' ? '，年度未结束，为预估' : ''}）`, { bold: true, align: 'left' });
  merge(row, 2, row, 8);
  row++;
  label(row, 1, '填报人');
  put(row, 2, evaluation.preparer ?? '');
  merge(row, 2, row, 3);
  label(row, 4, '联系电话');
  put(row, 5, evaluation.phone ?? '');
  merge(row, 5, row, 6);
  label(row, 7, '填报日期');
  put(row, 8, evaluation.filledOn ?? '');

  return {
    sheetName: '绩效自评表',
    watermark,
    columns: SHEET_COLUMNS,
    columnWidths: [12, 16, 30, 22, 22, 9, 11, 30],
    rowCount: row,
    cells,
    merges,
  };
}
