import { type CheckTemplate } from '@app/contracts';
import { type Dec, type PrintedIndicatorInput, type PrintedTableInput, halfWidth, level2Of, parseAmount, simplified } from '@app/kpi-core';
import { type Grid, type GridCell } from './grid.js';

// Reads a filled 绩效自评表 off a sheet by its printed headers, wherever the blocks start and however the cells are
// merged: the Sichuan form (510000_0013zp: 项目名称 / 主管部门 / 实施单位 / 预算执行情况 / 绩效指标 / 合计), the MoF
// project form (项目资金 / 年度总体目标 / 绩效指标 / 总分), the Hubei form (预算执行情况（20分）, no 分值 per row) and
// this project's own export. Pure: a grid in, the table as printed (or why it is not one) out.

export interface SheetReading {
  table: PrintedTableInput;
  /** The form recognised, for the review list. */
  layout: 'sichuan' | 'mof' | 'hubei' | 'own';
}

export class NotASelfEvaluation extends Error {
  readonly code = 'NOT_A_SELF_EVALUATION';
  constructor(readonly sheet: string) {
    super(`工作表“${sheet}”不是绩效自评表：未找到资金表头（全年预算数/预算数、全年执行数/执行数）或绩效指标表头（三级指标、年度指标值、实际完成值）`);
  }
  get messageEn(): string {
    return `Sheet "${this.sheet}" is not a 绩效自评表: neither the funding header (全年预算数/预算数, 全年执行数/执行数) nor the indicator header (三级指标, 年度指标值, 实际完成值) was found`;
  }
}

/** A header or label as compared: half-width, simplified, without spaces, ASCII parentheses. */
export const norm = (cell: GridCell): string =>
  cell === null ? '' : simplified(halfWidth(String(cell))).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':');

type MoneyColumn = 'initial' | 'weight' | 'score' | 'rate' | 'executed' | 'budget' | 'reason';
function moneyColumn(text: string): MoneyColumn | null {
  if (/年初/.test(text)) return 'initial';
  if (/^(分值|权重|执行率权重)/.test(text)) return 'weight';
  if (/^(得分|执行率得分)/.test(text)) return 'score';
  if (/执行率/.test(text)) return 'rate';
  // Anchored: "年度预算数(万元)" heads the label column, not the budget one.
  if (/^(全年执行数|预算执行数|执行数|实际支出数?|实际完成数)(\([AB]\))?$/.test(text)) return 'executed';
  if (/^(全年预算数|调整后预算数?|全年\(调整\)预算数|预算数)(\([AB]\))?$/.test(text)) return 'budget';
  if (/^原因/.test(text)) return 'reason';
  return null;
}

type RowColumn = 'level1' | 'level2' | 'name' | 'direction' | 'unit' | 'actual' | 'target' | 'weight' | 'score' | 'completion' | 'reason';
function rowColumn(text: string): RowColumn | null {
  if (/一级指标/.test(text)) return 'level1';
  if (/二级指标/.test(text)) return 'level2';
  if (/三级指标/.test(text)) return 'name';
  if (/指标性质|指标方向/.test(text)) return 'direction';
  if (/度量单位|计量单位/.test(text)) return 'unit';
  if (/完成率|完成比例/.test(text)) return 'completion';
  if (/(实际完成值|完成值|全年实际值|实际值|实际完成)/.test(text)) return 'actual';
  if (/(年度指标值|指标值|目标值|年度目标)/.test(text)) return 'target';
  if (/^(分值|权重|指标权重)/.test(text)) return 'weight';
  if (/^(得分|指标得分)/.test(text)) return 'score';
  if (/(原因|改进措施)/.test(text)) return 'reason';
  return null;
}

const MONEY_STOP = /^(年度总体目标|年度绩效目标|绩效指标|一级指标|执行偏差原因|项目基本情况|绩效目标|年度目标)/;
const TOTAL_LINE = /(年度资金总额|资金总额|年度总金额|财政资金总额|^总额|^合计)/;
// Sub-classes printed under 财政拨款 as its 其中 rows: not a second source of money.
const SUB_LINE = /^(一般公共预算|政府性基金|国有资本经营)/;
const ROWS_STOP = /^(总分|合计|评价结论|其他需要说明|自评等级|偏差大或目标未完成|填报人|项目负责人|存在问题|注[:：1])/;
const TEMPLATE_NOTE = /^1\.预算执行率=/;

export function readSelfEvaluation(grid: Grid): SheetReading {
  const rows = grid.rows;
  const text = (r: number, c: number): string => norm(rows[r]?.[c] ?? null);
  const width = Math.max(0, ...rows.map((row) => row.length));
  const all = rows.map((row) => row.map(norm).join('|')).join('\n');

  const find = (pattern: RegExp, from = 0): { r: number; c: number } | null => {
    for (let r = from; r < rows.length; r++) for (let c = 0; c < width; c++) if (pattern.test(text(r, c))) return { r, c };
    return null;
  };
  // The value printed right of a label, past the label's own merged copies (and a "(盖章)" note).
  const rightOf = (at: { r: number; c: number } | null): GridCell => {
    if (!at) return null;
    const label = text(at.r, at.c);
    for (let c = at.c + 1; c < width; c++) {
      const cell = rows[at.r]?.[c] ?? null;
      const t = norm(cell);
      if (t !== '' && t !== label) return cell;
    }
    return null;
  };

  // ---- the money block
  const money = findMoneyHeader();
  const indicatorHeader = findIndicatorHeader();
  if (!money && !indicatorHeader) throw new NotASelfEvaluation(grid.sheet);

  const own = /评分模板:/.test(all);
  const execWeightFromHeading = money ? headingPoints(money.r) : null;
  const budget: PrintedTableInput['budget'] = { lines: [], total: {} };
  if (money) readMoney(money, budget);
  const execWeight = parseAmount(budget.weight === undefined || budget.weight === null ? null : String(budget.weight)) ?? execWeightFromHeading;
  if (budget.weight == null && execWeightFromHeading !== null) budget.weight = execWeightFromHeading.toString();

  const template: CheckTemplate = /四川省部门预算项目支出绩效自评|510000_0013zp|绩效指标\(90分\)/.test(all)
    ? 'sichuan'
    : /湖北|20分\*执行率/.test(all) || execWeight?.equals(20) ? 'hubei'
      : /财预〔2020〕10号/.test(all) ? 'mof'
        : money && money.columns.has('weight') && [...money.columns.entries()].some(([, c]) => /权重/.test(text(money.r, c))) ? 'sichuan' : 'mof';

  const indicators = indicatorHeader ? readIndicators(indicatorHeader) : [];
  const totalRow = indicatorHeader ? find(/^总分/, indicatorHeader.r) : find(/^总分/);
  const printedTotal = totalRow ? totalScore(totalRow.r, indicatorHeader?.columns.get('score') ?? null) : null;
  const gradeCell = [totalRow ? rows[totalRow.r] : [], ...(find(/^自评等级|^评价等级/) ? [rows[(find(/^自评等级|^评价等级/) as { r: number }).r]] : [])]
    .flat().map(norm).find((t) => /^(优|良|中|差)(\(|$)/.test(t));

  return {
    layout: own ? 'own' : template,
    table: {
      template,
      unit: unitOf(),
      project: { name: rightOf(find(/^项目名称/)) ?? grid.sheet, department: rightOf(find(/^(项目)?主管部门/)), implementer: rightOf(find(/^(项目)?实施单位/)) },
      budget,
      indicators,
      printedTotal,
      printedGrade: gradeCell ? gradeCell.slice(0, 1) : null,
    },
  };

  function findMoneyHeader(): { r: number; columns: Map<MoneyColumn, number> } | null {
    for (let r = 0; r < rows.length; r++) {
      const columns = new Map<MoneyColumn, number>();
      for (let c = 0; c < width; c++) {
        const kind = moneyColumn(text(r, c));
        if (kind && !columns.has(kind)) columns.set(kind, c);
      }
      if (columns.has('budget') && columns.has('executed')) return { r, columns };
    }
    return null;
  }

  function headingPoints(r: number): Dec | null {
    for (const row of [r, r - 1]) {
      for (let c = 0; c < width; c++) {
        const match = /(预算执行情况|预算执行率|项目资金|资金情况).*\((\d+)分\)/.exec(text(row, c));
        if (match) return parseAmount(match[2]);
      }
    }
    return null;
  }

  function readMoney(header: { r: number; columns: Map<MoneyColumn, number> }, into: PrintedTableInput['budget']) {
    const col = header.columns;
    const firstMoney = Math.min(...[...col.values()]);
    const cell = (r: number, kind: MoneyColumn): GridCell => (col.has(kind) ? rows[r]?.[col.get(kind) as number] ?? null : null);
    let afterFinancial = false;
    for (let r = header.r + 1; r < Math.min(rows.length, header.r + 12); r++) {
      let label = '';
      for (let c = firstMoney - 1; c >= 0; c--) if (text(r, c) !== '') { label = text(r, c); break; }
      if (MONEY_STOP.test(label) || MONEY_STOP.test(text(r, 0))) break;
      const hasFigures = ['budget', 'executed', 'rate'].some((k) => cell(r, k as MoneyColumn) !== null);
      if (label === '' && !hasFigures) continue;
      if (TOTAL_LINE.test(label) && !into.total?.budget && !into.total?.executed) {
        into.total = { budget: cell(r, 'budget'), executed: cell(r, 'executed'), printedRate: cell(r, 'rate') };
        into.weight = cell(r, 'weight');
        into.printedScore = cell(r, 'score');
        const reason = cell(r, 'reason');
        into.reason = reason !== null && TEMPLATE_NOTE.test(norm(reason)) ? null : reason;
        continue;
      }
      const source = label.replace(/^其中:?/, '');
      if (SUB_LINE.test(source) && afterFinancial) continue;
      afterFinancial = /财政拨款/.test(source);
      into.lines?.push({ source, budget: cell(r, 'budget'), executed: cell(r, 'executed'), printedRate: cell(r, 'rate'), weight: cell(r, 'weight'), printedScore: cell(r, 'score') });
    }
    // This project's export prints the execution reasons on a row of their own.
    const reasons = find(/^执行偏差原因/, header.r);
    if (reasons && (into.reason === undefined || into.reason === null)) {
      const value = rightOf(reasons);
      into.reason = value === null ? null : String(value).replace(/^总额[:：]/, '');
    }
  }

  function findIndicatorHeader(): { r: number; first: number; columns: Map<RowColumn, number> } | null {
    const at = find(/三级指标/);
    if (!at) return null;
    const companions = [at.r - 1, at.r + 1].filter((r) => r >= 0 && r < rows.length && rows[r].some((cell) => {
      const t = norm(cell);
      return t !== '' && typeof cell === 'string' && rowColumn(t) !== null;
    }) && !rows[r].some((cell) => typeof cell === 'number'));
    const columns = new Map<RowColumn, number>();
    for (let c = 0; c < width; c++) {
      // The lower header row is the more specific (指标值 under a merged 年度指标值).
      const candidates = [at.r, ...companions].sort((a, b) => b - a).map((r) => rowColumn(text(r, c)));
      const kind = candidates.find((k) => k !== null && !columns.has(k));
      if (kind) columns.set(kind, c);
    }
    if (!columns.has('name') || !(columns.has('target') || columns.has('actual'))) return null;
    return { r: at.r, first: Math.max(at.r, ...companions) + 1, columns };
  }

  function readIndicators(header: { first: number; columns: Map<RowColumn, number> }): PrintedIndicatorInput[] {
    const col = header.columns;
    const cell = (r: number, kind: RowColumn): GridCell => (col.has(kind) ? rows[r]?.[col.get(kind) as number] ?? null : null);
    const out: PrintedIndicatorInput[] = [];
    for (let r = header.first; r < rows.length; r++) {
      if ([0, 1, 2].some((c) => ROWS_STOP.test(text(r, c)))) break;
      const name = norm(cell(r, 'name'));
      const level2 = norm(cell(r, 'level2'));
      const figures = (['target', 'actual', 'weight', 'score'] as const).map((k) => cell(r, k));
      if (name === '' || level2Of(level2) === null) continue;
      // Placeholder rows of the blank form ("指标2:", "……") carry nothing.
      if (/^(指标\d+[:]?|……|\.\.\.|…)$/.test(name) && figures.every((f) => f === null)) continue;
      out.push({
        level1: cell(r, 'level1'), level2: cell(r, 'level2'), name: cell(r, 'name'), direction: cell(r, 'direction'),
        target: cell(r, 'target'), actual: cell(r, 'actual'), unit: cell(r, 'unit'), weight: cell(r, 'weight'),
        printedScore: cell(r, 'score'), printedCompletion: cell(r, 'completion'), reason: cell(r, 'reason'),
      });
    }
    return out;
  }

  function totalScore(r: number, scoreColumn: number | null): GridCell {
    if (scoreColumn !== null && parseAmount(norm(rows[r]?.[scoreColumn] ?? null)) !== null) return rows[r][scoreColumn];
    const numbers = (rows[r] ?? []).filter((cell) => parseAmount(norm(cell)) !== null);
    return numbers.length > 0 ? numbers[numbers.length - 1] : null;
  }

  function unitOf(): string {
    const match = /(?:\(|金额单位:?|单位:)(万元|元)\)?/.exec(all);
    return match ? match[1] : '万元';
  }
}
