import {
  CHECK_TEMPLATES, type CheckDirection, type CheckIndicatorRow, type CheckTemplate, type PrintedCell, type SelfEvaluationCheckRequest,
} from '@app/contracts';
import {
  INDICATOR_LEVEL2_LABELS, INDICATOR_LEVEL2S, type IndicatorLevel2,
} from '../performance/vocabulary.js';
import { NOT_APPLICABLE, directionOf, halfWidth, normaliseCell, normaliseLabel, parseDirection, parseQuantity, simplified, unitOf } from './printed-cells.js';

// A table as a reader or a person gives it (cells as strings or numbers, blanks as "—", the direction as the
// table prints it or not at all) turned into the one shape the check works on. Pure; throws a RangeError naming
// the field for what cannot be read (an unknown 二级指标).

/** One row as given: every cell may be a number, a string as printed, or blank. */
export interface PrintedIndicatorInput {
  level1?: PrintedCell;
  level2: PrintedCell;
  name: PrintedCell;
  /** ≥ ≤ = or 定性 as printed (指标性质), or the codes; omitted: read from the target's sign, else ≥ (≤ for cost), text targets qualitative. */
  direction?: PrintedCell;
  target?: PrintedCell;
  actual?: PrintedCell;
  unit?: PrintedCell;
  weight?: PrintedCell;
  printedScore?: PrintedCell;
  printedCompletion?: PrintedCell;
  reason?: PrintedCell;
}

export interface PrintedTableInput {
  template: string;
  unit: string;
  project: { name: PrintedCell; department?: PrintedCell; implementer?: PrintedCell };
  budget: {
    weight?: PrintedCell;
    printedScore?: PrintedCell;
    reason?: PrintedCell;
    lines?: Array<{ source: PrintedCell; budget?: PrintedCell; executed?: PrintedCell; printedRate?: PrintedCell; weight?: PrintedCell; printedScore?: PrintedCell }>;
    total?: { budget?: PrintedCell; executed?: PrintedCell; printedRate?: PrintedCell };
  };
  indicators?: PrintedIndicatorInput[];
  printedTotal?: PrintedCell;
  printedGrade?: PrintedCell;
}

const compact = (text: string) => simplified(text).replace(/\s+/g, '');

/** 二级指标 as printed (with or without 指标, the newer split cost labels, or the code) → code. */
export const INDICATOR_LEVEL2_ALIASES: Readonly<Record<string, IndicatorLevel2>> = Object.freeze(
  Object.fromEntries(
    INDICATOR_LEVEL2S.flatMap((code) => {
      const label = INDICATOR_LEVEL2_LABELS[code];
      return [[code, code], [label, code], [label.replace(/指标$/, ''), code]] as Array<[string, IndicatorLevel2]>;
    }).concat([
      ['满意度指标', 'satisfaction'], ['满意度', 'satisfaction'], ['服务对象满意度', 'satisfaction'], ['服务对象满意度指标等', 'satisfaction'],
      ['社会公众满意度指标', 'satisfaction'], ['经济成本指标', 'cost'], ['社会成本指标', 'cost'], ['生态环境成本指标', 'cost'],
      ['经济成本', 'cost'], ['社会成本', 'cost'], ['生态环境成本', 'cost'], ['数量', 'quantity'], ['质量', 'quality'], ['时效', 'timeliness'],
      ['成本', 'cost'], ['可持续性', 'sustainability'], ['可持续影响', 'sustainability'],
    ]),
  ),
);

/** The level-2 code of a printed 二级指标 (traditional characters and spaces allowed), or null when it is not in the vocabulary. */
export function level2Of(printed: string): IndicatorLevel2 | null {
  return INDICATOR_LEVEL2_ALIASES[compact(printed)] ?? null;
}

/** A row printed as a breakdown of the one above ("其中桃树种植面积"): shown, never scored. */
export function isBreakdownRow(row: Pick<CheckIndicatorRow, 'name'>): boolean {
  return /^其中/.test(row.name.trim());
}

/** A row the table marks as not applying (分值 "/" or "不适用", nothing else filled): shown, never scored. */
export function isBlankRow(row: CheckIndicatorRow): boolean {
  return row.notApplicable === true;
}

/** Reads a table as printed into the check's shape; throws a RangeError "indicators[3].level2: …" for what cannot be read. */
export function normalisePrintedTable(input: PrintedTableInput): SelfEvaluationCheckRequest {
  if (!(CHECK_TEMPLATES as readonly string[]).includes(input.template)) throw new RangeError(`template: unknown template "${input.template}"`);
  const unit = normaliseLabel(input.unit)?.replace(/^\(|\)$/g, '');
  if (unit !== '元' && unit !== '万元') throw new RangeError(`unit: "${String(input.unit)}" is neither 元 nor 万元`);
  const cell = normaliseCell;
  const budget = input.budget ?? {};
  return {
    template: input.template as CheckTemplate,
    unit,
    project: { name: normaliseLabel(input.project?.name) ?? '', department: normaliseLabel(input.project?.department), implementer: normaliseLabel(input.project?.implementer) },
    budget: {
      weight: cell(budget.weight),
      printedScore: cell(budget.printedScore),
      reason: cell(budget.reason),
      lines: (budget.lines ?? []).map((line) => ({
        source: normaliseLabel(line.source) ?? '',
        budget: cell(line.budget),
        executed: cell(line.executed),
        printedRate: cell(line.printedRate),
        weight: cell(line.weight),
        printedScore: cell(line.printedScore),
      })),
      total: { budget: cell(budget.total?.budget), executed: cell(budget.total?.executed), printedRate: cell(budget.total?.printedRate) },
    },
    indicators: (input.indicators ?? []).map((row, i) => readRow(row, i)),
    printedTotal: cell(input.printedTotal),
    printedGrade: normaliseLabel(input.printedGrade),
  };
}

function readRow(row: PrintedIndicatorInput, i: number): CheckIndicatorRow {
  const level2Text = normaliseLabel(row.level2) ?? '';
  const level2 = level2Of(level2Text);
  if (level2 === null) throw new RangeError(`indicators[${i}].level2: unknown 二级指标 "${level2Text}"`);
  const target = normaliseCell(row.target);
  const actual = normaliseCell(row.actual);
  const printedDirection = normaliseCell(row.direction);
  const weightText = typeof row.weight === 'string' ? halfWidth(row.weight).trim() : null;
  const notApplicable = weightText !== null && NOT_APPLICABLE.has(weightText) && target === null && actual === null && normaliseCell(row.printedScore) === null;
  const direction = printedDirection === null ? inferDirection(level2, target) : parseDirection(printedDirection);
  if (direction === null) throw new RangeError(`indicators[${i}].direction: unknown 指标性质 "${printedDirection}"`);
  return {
    level1: normaliseLabel(row.level1)?.replace(/[(（]\d+(\.\d+)?分[)）]$/, '') ?? null,
    level2: level2Text,
    name: normaliseLabel(row.name) ?? '',
    direction,
    target,
    actual,
    unit: normaliseCell(row.unit) ?? unitOf(target) ?? unitOf(actual),
    weight: normaliseCell(row.weight),
    printedScore: normaliseCell(row.printedScore),
    printedCompletion: normaliseCell(row.printedCompletion),
    reason: normaliseCell(row.reason),
    ...(notApplicable ? { notApplicable } : {}),
  };
}

// A table that prints no 指标性质: the target's own sign, else a number is ≥ (≤ for cost rows), and text is qualitative.
function inferDirection(level2: IndicatorLevel2, target: string | null): CheckDirection {
  const signed = directionOf(target);
  if (signed) return signed;
  if (parseQuantity(target) === null) return 'qualitative';
  return level2 === 'cost' ? '<=' : '>=';
}
