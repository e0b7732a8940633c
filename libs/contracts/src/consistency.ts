// Consistency checks (domain.md §2.8): findings of the rules, the 自评表 check, department final accounts.

/** The reusable consistency rules (libs/kpi-core/src/consistency). */
export const CONSISTENCY_RULES = [
  /** A total must equal the sum of its parts (within a tolerance). */
  'sum_identity',
  /** The same figure stated in two places must agree. */
  'same_figure',
  /** A printed percentage must follow from its figures under one rounding rule (half-up). */
  'percentage_recomputed',
  /** A printed score (or total, or grade) must follow from the figures and the template. */
  'score_recomputed',
  /** An amount implausible for its unit (元 printed under 万元, a factor of 10,000). */
  'unit_plausibility',
  /** Components cannot add up to more than the cumulative total they belong to. */
  'components_within_total',
  /** A count stated in the narrative must equal the indicator's actual. */
  'narrative_count',
  /** A ≤ (cost) indicator whose actual exceeds its target cannot score full marks. */
  'reverse_breached_full',
  /** A required value (numeric actual, total row) is missing. */
  'required_value_missing',
  /** Weights must add up to the template's total. */
  'weights_total',
  /** A shortfall (execution below 90%, an indicator short of target) needs a written reason. */
  'reason_missing',
  /** Names and codes must come from the fixed vocabulary (indicator levels, functional classes). */
  'vocabulary',
] as const;
export type ConsistencyRule = (typeof CONSISTENCY_RULES)[number];

export const FINDING_SEVERITIES = ['error', 'warning', 'info'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/**
 * One disagreement between what is printed and what the rules compute. `expected` and `found` are
 * 2-decimal strings (amounts in `unit`, rates in percent) or, for text and grades, the text itself;
 * null where a value is missing or cannot be computed.
 */
export interface ConsistencyFinding {
  rule: ConsistencyRule;
  severity: FindingSeverity;
  /** Where the disagreement stands: a path into the checked document ("budget.lines[0].printedRate"). */
  path: string;
  expected: string | null;
  found: string | null;
  /** Simplified Chinese. */
  message: string;
  messageEn: string;
  /** Unit of `expected` and `found` ("元", "万元", "%", "次", "分"), when they are numbers. */
  unit?: string;
  /** The place in the printed table or report, by its printed names (表/行/栏), for people: "“年度资金总额”行“执行率”栏". */
  place?: string;
  /** The inconsistency class of domain.md §2.8 (IC-01 … IC-19) this finding is an instance of, where known. */
  icId?: string;
}

// ---------------------------------------------------------------- POST /api/v1/self-evaluations/check

export const CHECK_TEMPLATES = ['sichuan', 'mof', 'hubei'] as const;
export type CheckTemplate = (typeof CHECK_TEMPLATES)[number];
export const CHECK_UNITS = ['元', '万元'] as const;
export type CheckUnit = (typeof CHECK_UNITS)[number];
export const CHECK_DIRECTIONS = ['>=', '<=', '=', 'qualitative'] as const;
export type CheckDirection = (typeof CHECK_DIRECTIONS)[number];

/** A cell as printed: a string as it stands ("87.05", "100%", "4次", "—"), or a number from a spreadsheet; null when blank. */
export type PrintedCell = string | number | null;

/** One row of the execution block as printed; `weight`/`printedScore` where a table scores each line (分值 / 得分 per row). */
export interface CheckFundingLine {
  source: string;
  budget: string | null;
  executed: string | null;
  printedRate: string | null;
  weight?: string | null;
  printedScore?: string | null;
}

/** An indicator row as printed (三级指标). */
export interface CheckIndicatorRow {
  /** 一级指标 as printed (产出指标 / 效益指标 / 满意度指标, or a code). */
  level1: string | null;
  /** 二级指标: label (数量指标 …) or code (quantity …). */
  level2: string;
  name: string;
  direction: CheckDirection;
  target: string | null;
  actual: string | null;
  unit: string | null;
  weight: string | null;
  printedScore: string | null;
  /** 完成率 (%). */
  printedCompletion: string | null;
  reason: string | null;
  /** The table marks the row as not applying ("/" in 分值, nothing filled): shown, never scored. */
  notApplicable?: boolean;
}

/**
 * A filled 项目支出绩效自评表 as printed, after reading (kpi-core normalisePrintedTable): every number a string
 * as it stands, blanks null. `indicators` may be empty (a check of the money part alone).
 */
export interface SelfEvaluationCheckRequest {
  template: CheckTemplate;
  /** Unit of every amount of the budget block. */
  unit: CheckUnit;
  /** 项目名称, and where printed 主管部门 and 实施单位. */
  project: { name: string; department?: string | null; implementer?: string | null };
  budget: {
    /** 权重 of the execution block; null: the template's (Sichuan 10). */
    weight: string | null;
    printedScore: string | null;
    reason: string | null;
    lines: CheckFundingLine[];
    total: { budget: string | null; executed: string | null; printedRate: string | null };
  };
  indicators: CheckIndicatorRow[];
  printedTotal: string | null;
  /** 优 / 良 / 中 / 差 (or excellent / good / fair / poor). */
  printedGrade: string | null;
}

export interface SelfEvaluationCheckResponse {
  template: CheckTemplate;
  unit: CheckUnit;
  execution: {
    lines: Array<{ source: string; budget: string | null; executed: string | null; rate: string | null; printedRate: string | null }>;
    total: { budget: string; executed: string; rate: string | null; weight: string; score: string };
  };
  indicators: Array<{
    name: string;
    level1: string;
    level2: string;
    weight: string;
    /** Percent, 2 decimals; null when it cannot be computed (no numeric actual). */
    completion: string | null;
    score: string;
    outcome: 'met' | 'short' | 'missing';
    /** Full marks far above target: for review, never deducted automatically. */
    overAchieved: boolean;
  }>;
  total: string;
  /** 优 / 良 / 中 / 差. */
  grade: string;
  /** No indicator rows were given: the total and grade cover the execution block alone and are not compared. */
  executionOnly: boolean;
  findings: ConsistencyFinding[];
}

// ---------------------------------------------------------------- department final accounts (部门决算)

export const FINDING_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const ACCOUNTS_UNITS = ['元', '万元', '亿元'] as const;

/** How a narrative statement relates to the figures (see kpi-core checkDepartmentAccounts). */
export const STATEMENT_KINDS = ['amount', 'share', 'execution', 'coverage', 'count', 'text', 'code_name'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** One line item of the year's accounts: amount as printed, in the unit printed. */
export interface AccountsFigure {
  section: string;
  code: string;
  label: string;
  /** As printed, 2 decimals ("74.44", "156688.30"). */
  amount: string;
  unitAsPrinted: string;
  /** The same amount in 元, 2 decimals, when it is money (null for counts). */
  amountYuan: string | null;
  source: string | null;
}

/** A figure as the published narrative states it, and where it stands. */
export interface AccountsStatement {
  id: string;
  kind: StatementKind;
  /** "section.code" of the figure stated (the numerator of a share). */
  figureKey: string;
  /** "section.code" of the denominator of a share or execution rate. */
  baseKey: string | null;
  valueAsPrinted: string;
  unit: string;
  location: string;
  excerpt: string | null;
}

export interface AccountsFinding extends ConsistencyFinding {
  id: string;
  divisionCode: string;
  year: number;
  status: FindingStatus;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface AccountsCheckResponse {
  divisionCode: string;
  year: number;
  checkedAt: string;
  /** Open findings of this run. */
  open: number;
  /** Findings kept because someone had confirmed or dismissed them. */
  decided: number;
  findings: AccountsFinding[];
}

export interface DecideFindingRequest {
  status: 'confirmed' | 'dismissed';
  /** Required to dismiss. */
  note?: string | null;
}

// ---------------------------------------------------------------- POST /api/v1/self-evaluations/check/files

/** The form a sheet was read as. */
export const CHECK_LAYOUTS = ['sichuan', 'mof', 'hubei', 'own'] as const;
export type CheckLayout = (typeof CHECK_LAYOUTS)[number];

/** One table read from an uploaded file (a workbook gives one per sheet holding a table). */
export interface SelfEvaluationFileCheck {
  fileName: string;
  /** The sheet read; null for a CSV or a file that could not be opened. */
  sheet: string | null;
  ok: boolean;
  layout: CheckLayout | null;
  /** The table as read (the request shape of the JSON check), so a person can see and correct the reading. */
  table: SelfEvaluationCheckRequest | null;
  /** The same answer as POST /self-evaluations/check. */
  result: SelfEvaluationCheckResponse | null;
  /** Why the file gave no table: a stable code, Chinese and English. */
  error: { code: string; message: string; messageEn: string } | null;
}

export interface SelfEvaluationFilesCheckResponse {
  files: SelfEvaluationFileCheck[];
}
