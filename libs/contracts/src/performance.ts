// Performance indicators, their data bindings and the 项目支出绩效自评表 (DESIGN §3 Performance, domain.md §3).
// Scores and percentages are strings half-up to 2 decimals; money is 元 with 2 decimals.

export const INDICATOR_BINDING_KINDS = ['manual', 'metric', 'events', 'execution'] as const;
/**
 * manual: entered by staff; metric: Σ of a catalogue metric (count or amount) of the project's division over the
 * project's year (metric_monthly); events: count of approved outreach events linked to the project (optionally of one type);
 * execution: the project's own execution rate (%).
 */
export type IndicatorBindingKind = (typeof INDICATOR_BINDING_KINDS)[number];

export interface IndicatorBinding {
  kind: IndicatorBindingKind;
  metricCode?: string | null;
  eventType?: string | null;
}

/** Where an indicator's actual came from, with the records behind a bound value. */
export interface ActualSource {
  kind: IndicatorBindingKind;
  /** false when the source table does not exist (yet): the entered value is used instead. */
  available: boolean;
  description: string;
  /** The bound value (null when unavailable). */
  value: string | null;
  /** API path of the records behind the value. */
  link: string | null;
  /** Ids of the records (events), or the months summed (metrics). */
  ids: string[];
}

export interface PerformanceIndicator {
  id: string;
  projectId: string;
  year: number;
  level1: string;
  level2: string;
  level1Label: string;
  level2Label: string;
  /** 三级指标 */
  name: string;
  direction: '>=' | '<=' | '=' | 'qual';
  targetValue: string | null;
  targetText: string | null;
  unit: string | null;
  /** 分值; null = an even share of the template's pool. */
  weight: string | null;
  /** The value entered by staff (numeric indicators). */
  enteredActual: string | null;
  actualText: string | null;
  qualitativeTier: 'met' | 'partly_met' | 'not_met' | null;
  qualitativeShare: string | null;
  notApplicable: boolean;
  reverseFormula: 'ratio' | 'linear' | null;
  deviationReason: string | null;
  binding: IndicatorBinding;
  /** The effective actual: the bound value when available, else the entered one. */
  actualValue: string | null;
  actualSource: ActualSource;
  sortOrder: number;
}

export const SELF_EVALUATION_TEMPLATES = ['sichuan', 'mof', 'hubei', 'custom'] as const;
export type SelfEvaluationTemplate = (typeof SELF_EVALUATION_TEMPLATES)[number];
export const SELF_EVALUATION_STATUSES = ['draft', 'submitted', 'frozen'] as const;
export type SelfEvaluationStatus = (typeof SELF_EVALUATION_STATUSES)[number];

export interface CustomTemplateWeights {
  executionWeight: string;
  /** Points per level-1 block: output / benefit / satisfaction (must total 100 with the execution weight). */
  output: string;
  benefit: string;
  satisfaction: string;
  reverseFormula?: 'ratio' | 'linear';
}

export interface EvaluationExecutionLine {
  key: string;
  label: string;
  source: string | null;
  initialBudget: string | null;
  adjustedBudget: string;
  executed: string;
  ratePercent: string | null;
  reason: string | null;
}

export interface EvaluationIndicatorRow {
  indicatorId: string;
  level1: string;
  level2: string;
  level1Label: string;
  level2Label: string;
  name: string;
  direction: string;
  target: string;
  actual: string;
  unit: string | null;
  weight: string;
  effectiveWeight: string;
  outcome: 'met' | 'short' | 'missing' | 'not_applicable';
  completionPercent: string | null;
  score: string;
  overAchieved: boolean;
  reason: string | null;
  actualSource: ActualSource;
}

export interface ReasonRequirement {
  kind: string;
  subject: 'execution' | 'funding_line' | 'indicator';
  key: string;
  /** The rate or completion that triggered it, percent. */
  valuePercent: string | null;
  reasonGiven: boolean;
  message: string;
}

export interface SelfEvaluationComputed {
  /** The project as it stood when computed (kept in the frozen snapshot, so a later rename does not change it). */
  project: { name: string; code: string; year: number; supervisingUnit: string; implementingUnit: string };
  template: SelfEvaluationTemplate;
  templateName: string;
  execution: {
    weight: string;
    effectiveWeight: string;
    score: string;
    reason: string | null;
    lines: EvaluationExecutionLine[];
    total: { initialBudget: string | null; adjustedBudget: string; executed: string; ratePercent: string | null };
  };
  indicators: EvaluationIndicatorRow[];
  total: string;
  grade: 'excellent' | 'good' | 'fair' | 'poor';
  gradeLabel: string;
  reasonsRequired: ReasonRequirement[];
  complete: boolean;
  computedAt: string;
}

export interface SelfEvaluation {
  id: string;
  projectId: string;
  projectName: string;
  projectCode: string;
  divisionCode: string;
  year: number;
  supervisingUnit: string;
  implementingUnit: string;
  template: SelfEvaluationTemplate;
  customWeights: CustomTemplateWeights | null;
  status: SelfEvaluationStatus;
  expectedGoal: string | null;
  achievedGoal: string | null;
  executionReason: string | null;
  lineReasons: Record<string, string>;
  preparer: string | null;
  phone: string | null;
  filledOn: string | null;
  submittedAt: string | null;
  frozenAt: string | null;
  /** Live while draft or submitted; the stored snapshot once frozen. */
  computed: SelfEvaluationComputed;
  frozen: boolean;
  /**
   * The project's year is not over (Beijing time): the score and grade are an estimate from the data so far, every
   * output says so, and submitting needs `early: true` (the user chose to submit before the year ends).
   */
  yearInProgress: boolean;
}

/** The watermark every output of a self-evaluation carries until it is a final table: an estimate, then a draft. */
export const SELF_EVALUATION_WATERMARKS = { estimate: '年度未结束·预估', draft: '草稿' } as const;
export const SELF_EVALUATION_WATERMARKS_EN = { estimate: 'Year not over · estimate', draft: 'Draft' } as const;

export function selfEvaluationWatermark(evaluation: Pick<SelfEvaluation, 'yearInProgress' | 'status'>): keyof typeof SELF_EVALUATION_WATERMARKS | null {
  if (evaluation.yearInProgress) return 'estimate';
  return evaluation.status === 'draft' ? 'draft' : null;
}

// The 绩效自评表 as a grid of cells and merged ranges: the API renders it to XLSX and sends it to the web's print page.
export type CellValue = string | number | null;

export interface SheetCell {
  /** 1-based row and column. */
  row: number;
  col: number;
  value: CellValue;
  /** Numbers: '0.00' (万元, %, points). */
  numFmt?: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
}

export interface SheetMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetModel {
  sheetName: string;
  /** Printed across the page (print view) and in the page header (XLSX) while the table is not final. */
  watermark?: string | null;
  columns: number;
  columnWidths: number[];
  rowCount: number;
  cells: SheetCell[];
  merges: SheetMerge[];
}
