// The 自评表检查 form as plain strings (what a person types), to and from the request of
// POST /api/v1/self-evaluations/check, and where a finding's `path` points in it. Pure.
import {
  type CheckDirection,
  type CheckTemplate,
  type CheckUnit,
  type ConsistencyFinding,
  type SelfEvaluationCheckRequest,
} from '@app/contracts';

export interface CheckLineForm {
  source: string;
  budget: string;
  executed: string;
  printedRate: string;
}

export interface CheckIndicatorForm {
  level1: string;
  level2: string;
  name: string;
  direction: CheckDirection;
  target: string;
  actual: string;
  unit: string;
  weight: string;
  printedScore: string;
  printedCompletion: string;
  reason: string;
}

export interface CheckForm {
  template: CheckTemplate;
  unit: CheckUnit;
  projectName: string;
  weight: string;
  printedScore: string;
  reason: string;
  lines: CheckLineForm[];
  total: { budget: string; executed: string; printedRate: string };
  indicators: CheckIndicatorForm[];
  printedTotal: string;
  printedGrade: string;
}

export const emptyLine = (source = ''): CheckLineForm => ({ source, budget: '', executed: '', printedRate: '' });
export const emptyIndicator = (): CheckIndicatorForm => ({
  level1: '', level2: '', name: '', direction: '>=', target: '', actual: '', unit: '', weight: '', printedScore: '', printedCompletion: '', reason: '',
});

export function emptyForm(): CheckForm {
  return {
    template: 'sichuan',
    unit: '元',
    projectName: '',
    weight: '',
    printedScore: '',
    reason: '',
    lines: [emptyLine('上级财政资金'), emptyLine('本级财政资金'), emptyLine('其他资金')],
    total: { budget: '', executed: '', printedRate: '' },
    indicators: [emptyIndicator()],
    printedTotal: '',
    printedGrade: '',
  };
}

const text = (value: string | null | undefined): string => value ?? '';
/** A blank cell is null ("not printed"); anything else goes as typed, trimmed. */
const cell = (value: string): string | null => (value.trim() === '' ? null : value.trim());

export function formFromRequest(req: SelfEvaluationCheckRequest): CheckForm {
  return {
    template: req.template,
    unit: req.unit,
    projectName: req.project.name,
    weight: text(req.budget.weight),
    printedScore: text(req.budget.printedScore),
    reason: text(req.budget.reason),
    lines: req.budget.lines.map((l) => ({ source: l.source, budget: text(l.budget), executed: text(l.executed), printedRate: text(l.printedRate) })),
    total: { budget: text(req.budget.total.budget), executed: text(req.budget.total.executed), printedRate: text(req.budget.total.printedRate) },
    indicators: req.indicators.map((i) => ({
      level1: text(i.level1),
      level2: i.level2,
      name: i.name,
      direction: i.direction,
      target: text(i.target),
      actual: text(i.actual),
      unit: text(i.unit),
      weight: text(i.weight),
      printedScore: text(i.printedScore),
      printedCompletion: text(i.printedCompletion),
      reason: text(i.reason),
    })),
    printedTotal: text(req.printedTotal),
    printedGrade: text(req.printedGrade),
  };
}

export function requestFromForm(form: CheckForm): SelfEvaluationCheckRequest {
  return {
    template: form.template,
    unit: form.unit,
    project: { name: form.projectName.trim() },
    budget: {
      weight: cell(form.weight),
      printedScore: cell(form.printedScore),
      reason: cell(form.reason),
      lines: form.lines.map((l) => ({ source: l.source.trim(), budget: cell(l.budget), executed: cell(l.executed), printedRate: cell(l.printedRate) })),
      total: { budget: cell(form.total.budget), executed: cell(form.total.executed), printedRate: cell(form.total.printedRate) },
    },
    indicators: form.indicators.map((i) => ({
      level1: cell(i.level1),
      level2: i.level2.trim(),
      name: i.name.trim(),
      direction: i.direction,
      target: cell(i.target),
      actual: cell(i.actual),
      unit: cell(i.unit),
      weight: cell(i.weight),
      printedScore: cell(i.printedScore),
      printedCompletion: cell(i.printedCompletion),
      reason: cell(i.reason),
    })),
    printedTotal: cell(form.printedTotal),
    printedGrade: cell(form.printedGrade),
  };
}

/** The row of the form a finding's path points to, and the field in it. */
export type FindingTarget =
  | { row: 'header'; field: string }
  | { row: 'budget'; field: string }
  | { row: 'line'; index: number; field: string }
  | { row: 'total'; field: string }
  | { row: 'indicator'; index: number; field: string }
  | { row: 'summary'; field: string };

const HEADER_FIELDS = new Set(['template', 'unit', 'project', 'project.name']);

export function locateFinding(path: string): FindingTarget {
  let m = /^budget\.lines\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (m) return { row: 'line', index: Number(m[1]), field: m[2] ?? '' };
  m = /^budget\.total(?:\.(\w+))?$/.exec(path);
  if (m) return { row: 'total', field: m[1] ?? '' };
  m = /^budget(?:\.(\w+))?$/.exec(path);
  if (m) return { row: 'budget', field: m[1] ?? '' };
  m = /^indicators\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (m) return { row: 'indicator', index: Number(m[1]), field: m[2] ?? '' };
  if (HEADER_FIELDS.has(path)) return { row: 'header', field: path === 'project' ? 'project.name' : path };
  return { row: 'summary', field: path };
}

/** A key per form row ("line:0", "total", "indicator:3", "budget", "header", "summary"). */
export function rowKey(target: FindingTarget): string {
  return target.row === 'line' || target.row === 'indicator' ? `${target.row}:${target.index}` : target.row;
}

/** Findings grouped by the row they point to. */
export function findingsByRow<F extends Pick<ConsistencyFinding, 'path'>>(findings: readonly F[]): Map<string, F[]> {
  const map = new Map<string, F[]>();
  for (const f of findings) {
    const key = rowKey(locateFinding(f.path));
    map.set(key, [...(map.get(key) ?? []), f]);
  }
  return map;
}

/** The worst severity among findings (to colour a row). */
export function worstSeverity(findings: ReadonlyArray<Pick<ConsistencyFinding, 'severity'>> | undefined): 'error' | 'warning' | 'info' | null {
  if (!findings || findings.length === 0) return null;
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'info';
}
