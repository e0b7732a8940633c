import { type ConsistencyFinding, type FindingSeverity, type SelfEvaluationCheckRequest, type StatementKind } from '@app/contracts';
import { type Dec, dec } from '../decimal.js';
import { finiteDec } from '../pace/checked-input.js';
import { printedPlaces, parsePrinted, sortFindings } from './finding.js';
import {
  checkComponentsWithinTotal,
  checkNarrativeCount,
  checkPercentage,
  checkSameFigure,
  checkSumIdentity,
  checkUnitPlausibility,
} from './rules.js';
import { checkSelfEvaluationTable } from './self-evaluation-check.js';

// Consistency of one association's department final accounts (部门决算) for one year: the tables'
// line items, the figures its narrative states, and its annexed self-evaluation tables (domain.md §2.3–§2.8, §4).

/** One line item, as printed: `amount` in `unit` ("74.44" 万元, "156688.3" 元, "1723" 户). Key: "section.code". */
export interface AccountsFigureInput {
  section: string;
  code: string;
  label: string;
  amount: string;
  unit: string;
}

/** A figure as the narrative states it (see STATEMENT_KINDS). */
export interface AccountsStatementInput {
  /** Stable key of the statement within the year ("s2-income-total"). */
  key: string;
  kind: StatementKind;
  figureKey: string;
  baseKey?: string | null;
  valueAsPrinted: string;
  unit: string;
  /** Where it stands ("第二部分 五(三)"). */
  location: string;
}

/** An annexed 项目支出绩效自评表 as printed, checked with checkSelfEvaluationTable. */
export interface AnnexTableInput {
  annex: string;
  title: string;
  table: SelfEvaluationCheckRequest;
}

interface IdentityBase {
  id: string;
  label: string;
  icId?: string;
}
/** Reference to figures: a key ("gpb.total"), a whole section ("gpb_by_function.*"), or negated ("-project_cloud.higher_executed"). */
type FigureRef = string;

export interface SumIdentityRule extends IdentityBase {
  type: 'sum';
  total: FigureRef;
  parts: readonly FigureRef[];
}
/** For each code of `totals` (a section): total = Σ the same code in each of `parts` (sections). */
export interface SectionSumRule extends IdentityBase {
  type: 'section_sum';
  totals: string;
  parts: readonly string[];
}
export interface SameFigureRule extends IdentityBase {
  type: 'same';
  reference: FigureRef;
  other: FigureRef;
  severity?: FindingSeverity;
}
export interface WithinTotalRule extends IdentityBase {
  type: 'within';
  total: FigureRef;
  components: readonly FigureRef[];
}
/**
 * A rule of every project that has a project table (a section `project_<code>`, beside the project's
 * line `project_expenditure.<code>` in the accounts): `{p}` in the rule's references stands for the
 * project's code; in its label `{line}` is the project's printed line (天府科技云运维项目支出) and `{project}`
 * its name (天府科技云运维项目). `icIds` cross-references
 * the seed's inconsistency numbers (domain.md §4) by project code, for the seed's report only.
 */
export interface EachProjectRule extends IdentityBase {
  type: 'each_project';
  rule: Omit<SumIdentityRule, 'id' | 'label' | 'icId'> | Omit<WithinTotalRule, 'id' | 'label' | 'icId'>;
  icIds?: Readonly<Record<string, string>>;
}
export type AccountsRule = SumIdentityRule | SectionSumRule | SameFigureRule | WithinTotalRule | EachProjectRule;

/**
 * The identities of the 14 disclosure tables that a small association's figures allow (domain.md §2.3, §4;
 * GovBudgetChecker-style): applied only where every figure they name exists.
 */
export const DEFAULT_ACCOUNTS_RULES: readonly AccountsRule[] = Object.freeze([
  { type: 'sum', id: 'income-total', label: '收入总计 = 本年收入合计 + 年初结转和结余', total: 'income.total', parts: ['income.this_year', 'income.carry_over_start'] },
  { type: 'sum', id: 'income-this-year', label: '本年收入合计 = 各项财政拨款收入及其他收入', total: 'income.this_year', parts: ['income.general_public', 'income.gov_fund', 'income.state_capital', 'income.other'] },
  { type: 'sum', id: 'expenditure-total', label: '本年支出合计 = 基本支出 + 项目支出', total: 'expenditure.total', parts: ['expenditure.basic', 'expenditure.project'] },
  { type: 'sum', id: 'balance', label: '收入总计 = 本年支出合计 + 年末结转和结余', total: 'income.total', parts: ['expenditure.total', 'expenditure.carry_over_end'] },
  { type: 'sum', id: 'expenditure-by-fund', label: '本年支出合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算支出', total: 'expenditure.total', parts: ['gpb.total', 'gov_fund.expenditure', 'state_capital.expenditure'] },
  { type: 'sum', id: 'gpb-total', label: '一般公共预算财政拨款支出 = 基本支出 + 项目支出', total: 'gpb.total', parts: ['gpb.basic', 'gpb.project'] },
  { type: 'sum', id: 'gpb-by-function', label: '一般公共预算财政拨款支出 = 各功能分类（类）支出之和', total: 'gpb.total', parts: ['gpb_by_function.*'], icId: 'IC-01' },
  { type: 'sum', id: 'gpb-basic-by-function', label: '基本支出 = 各功能分类（类）基本支出之和', total: 'gpb.basic', parts: ['gpb_basic_by_function.*'] },
  { type: 'section_sum', id: 'class-total', label: '功能分类（类）支出 = 基本支出 + 项目支出', totals: 'gpb_by_function', parts: ['gpb_basic_by_function', 'gpb_project_by_function'], icId: 'IC-02' },
  { type: 'sum', id: 'basic-economic', label: '基本支出 = 人员经费 + 公用经费', total: 'gpb.basic', parts: ['gpb_basic_economic.personnel', 'gpb_basic_economic.public'] },
  { type: 'sum', id: 'three-public', label: '“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费', total: 'three_public.total', parts: ['three_public.overseas', 'three_public.vehicles', 'three_public.hospitality'] },
  { type: 'sum', id: 'projects', label: '项目支出 = 各项目支出之和', total: 'expenditure.project', parts: ['project_expenditure.*'] },
  { type: 'same', id: 'office-operating', label: '机关运行经费 = 公用经费', reference: 'gpb_basic_economic.public', other: 'other.office_operating', severity: 'warning' },
  { type: 'same', id: 'executed-vs-expenditure', label: '部门整体执行数 = 本年支出合计', reference: 'expenditure.total', other: 'budget.executed' },
  { type: 'same', id: 'budget-vs-resources', label: '部门预算数与可用资金（收入总计）不一致，未说明调整', reference: 'income.total', other: 'budget.department', severity: 'warning', icId: 'IC-13' },
  // Each project's table against the accounts: what the accounts say it spent is what its table says each source
  // of funds delivered; its year's funds are the sum of its sources; what a higher level granted and was not spent
  // is carried over at year end.
  { type: 'each_project', id: 'project-executed', label: '{line} = 项目表各资金来源实际完成数之和', rule: { type: 'sum', total: 'project_expenditure.{p}', parts: ['project_{p}.*_executed'] }, icIds: { cloud: 'IC-06' } },
  { type: 'each_project', id: 'project-budget', label: '{project}：年度资金总额 = 各资金来源预算数之和', rule: { type: 'sum', total: 'project_{p}.total_budget', parts: ['project_{p}.*_budget'] } },
  { type: 'each_project', id: 'unspent-carried-over', label: '{project}：已下达未使用的上级资金应计入年末结转和结余', rule: { type: 'within', total: 'expenditure.carry_over_end', components: ['project_{p}.higher_budget', '-project_{p}.higher_executed'] }, icIds: { cloud: 'IC-06' } },
  { type: 'sum', id: 'procurement-total', label: '政府采购支出总额 = 货物 + 工程 + 服务', total: 'procurement.total', parts: ['procurement.goods', 'procurement.works', 'procurement.services'] },
  { type: 'within', id: 'platform-cumulative', label: '天府科技云累计交易额不小于各类成交金额之和', total: 'platform.cumulative_transactions', components: ['platform.deal_amount_tech_service', 'platform.deal_amount_achievement', 'platform.deal_amount_research'], icId: 'IC-10' },
] satisfies AccountsRule[]);

/** 支出功能分类 类 names (政府收支分类科目, domain.md §4.1). */
export const FUNCTIONAL_CLASS_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '201': '一般公共服务支出',
  '205': '教育支出',
  '206': '科学技术支出',
  '207': '文化旅游体育与传媒支出',
  '208': '社会保障和就业支出',
  '210': '卫生健康支出',
  '212': '城乡社区支出',
  '213': '农林水支出',
  '221': '住房保障支出',
  '229': '其他支出',
});

/** Which inconsistency class of domain.md §2.8 a statement finding is an instance of, by kind and figure. */
const STATEMENT_IC: ReadonlyArray<{ kind?: StatementKind; figure?: RegExp; ic: string; severity?: FindingSeverity }> = [
  { kind: 'execution', ic: 'IC-03' },
  { kind: 'share', ic: 'IC-05' },
  { kind: 'coverage', ic: 'IC-11' },
  { kind: 'count', ic: 'IC-09' },
  { kind: 'code_name', ic: 'IC-19' },
  { kind: 'text', figure: /^org\.supervisor/, ic: 'IC-15' },
  { kind: 'text', figure: /\.name$/, ic: 'IC-16' },
  { kind: 'amount', figure: /^gpb\.total$/, ic: 'IC-01' },
  // 本年收入合计 stated with the carry-over in it is a wrong term more than a wrong figure (domain.md IC-04).
  { kind: 'amount', figure: /^income\.this_year$/, ic: 'IC-04', severity: 'warning' },
  { kind: 'amount', figure: /^project_cloud\./, ic: 'IC-06' },
];

/** Which class an annexed table's finding is an instance of, by rule and path. */
const ANNEX_IC: ReadonlyArray<{ rule: ConsistencyFinding['rule']; path: RegExp; ic: string }> = [
  { rule: 'unit_plausibility', path: /^unit$/, ic: 'IC-07' },
  { rule: 'required_value_missing', path: /^budget\.total\./, ic: 'IC-08' },
  { rule: 'percentage_recomputed', path: /^budget\.total\.printedRate$/, ic: 'IC-05' },
  { rule: 'percentage_recomputed', path: /^indicators\[\d+\]\.printedCompletion$/, ic: 'IC-08' },
  { rule: 'reverse_breached_full', path: /./, ic: 'IC-12' },
  { rule: 'required_value_missing', path: /^indicators\[\d+\]\.actual$/, ic: 'IC-14' },
  { rule: 'vocabulary', path: /./, ic: 'IC-17' },
];

export interface AccountsCheckInput {
  figures: readonly AccountsFigureInput[];
  statements: readonly AccountsStatementInput[];
  annexTables?: readonly AnnexTableInput[];
  rules?: readonly AccountsRule[];
  /** Sections whose amounts are legitimately large (platform deal values): no 万元 plausibility check. */
  largeScaleSections?: readonly string[];
}

const MONEY_FACTORS: Readonly<Record<string, number>> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };
/** Tolerances in 元 (domain.md §2.8: 0.01 万元): differences within half a printed cent of 万元 are print rounding. */
const PRINT_TOLERANCE = dec(50);
const ROUNDING_TOLERANCE = dec(100);

interface Figure {
  key: string;
  input: AccountsFigureInput;
  /** Money in 元 (after any unit correction), or the count as printed. */
  value: Dec;
  money: boolean;
  /** The unit the amount really is in: 元 where a 万元 column holds 元 (IC-07). */
  effectiveUnit: string;
}

/**
 * Runs every consistency rule over one year's accounts: identities of the tables, the narrative's
 * figures against the tables, recomputed percentages, unit plausibility, cumulative totals, narrative
 * counts, names and codes, and each annexed self-evaluation table. Findings name the IC class they match.
 */
export function checkDepartmentAccounts(input: AccountsCheckInput): ConsistencyFinding[] {
  const findings: ConsistencyFinding[] = [];
  const largeScale = new Set(input.largeScaleSections ?? ['platform']);
  const figures = new Map<string, Figure>();

  // Unit plausibility per section (one finding for the section's largest amount), then normalise to 元.
  const sections = new Map<string, AccountsFigureInput[]>();
  for (const f of input.figures) sections.set(f.section, [...(sections.get(f.section) ?? []), f]);
  for (const [section, rows] of sections) {
    const implausible = !largeScale.has(section) && rows.some((r) => r.unit === '万元' && finiteDec(r.amount, r.label).abs().greaterThanOrEqualTo(10_000));
    if (implausible) {
      const largest = [...rows].sort((a, b) => dec(b.amount).abs().comparedTo(dec(a.amount).abs()))[0];
      const finding = checkUnitPlausibility({ path: `figures.${section}`, label: `决算表“${largest.label}”`, amount: largest.amount, unit: '万元' });
      if (finding) findings.push({ ...finding, icId: 'IC-07', place: `决算表“${largest.label}”` });
    }
    for (const row of rows) {
      const key = `${row.section}.${row.code}`;
      if (figures.has(key)) throw new RangeError(`figure ${key} is given twice`);
      const money = row.unit in MONEY_FACTORS;
      const effectiveUnit = implausible && row.unit === '万元' ? '元' : row.unit;
      const amount = finiteDec(row.amount, `figure ${key}`);
      figures.set(key, { key, input: row, value: money ? amount.times(MONEY_FACTORS[effectiveUnit]) : amount, money, effectiveUnit });
    }
  }

  for (const rule of input.rules ?? DEFAULT_ACCOUNTS_RULES) findings.push(...applyRule(rule, figures));
  findings.push(...checkStatements(input.statements, figures));

  for (const annex of input.annexTables ?? []) {
    const result = checkSelfEvaluationTable(annex.table);
    for (const finding of result.findings) {
      const ic = ANNEX_IC.find((m) => m.rule === finding.rule && m.path.test(finding.path))?.ic;
      findings.push({
        ...finding,
        path: `annex[${annex.annex}].${finding.path}`,
        message: `${annex.annex}《${annex.title}》：${finding.message}`,
        messageEn: `${annex.annex} (${annex.title}): ${finding.messageEn}`,
        place: `${annex.annex}《${annex.title}》${finding.place ?? ''}`,
        ...(ic ? { icId: ic } : {}),
      });
    }
  }
  return sortFindings(findings);
}

/**
 * The figures a reference names: one key, a whole section (`section.*`) or the codes of a section that end
 * alike (`section.*_executed`); `-` negates. A pattern never matches the rule's own total.
 */
function resolve(ref: FigureRef, figures: ReadonlyMap<string, Figure>, exclude?: string): Array<{ figure: Figure; sign: 1 | -1 }> | null {
  const negative = ref.startsWith('-');
  const key = negative ? ref.slice(1) : ref;
  const sign = negative ? -1 : 1;
  const pattern = /^([^.]+)\.\*(.*)$/.exec(key);
  if (pattern) {
    const [, section, suffix] = pattern;
    const found = [...figures.values()].filter((f) => f.input.section === section && f.input.code.endsWith(suffix) && f.key !== exclude);
    return found.length > 0 ? found.map((figure) => ({ figure, sign })) : null;
  }
  const figure = figures.get(key);
  return figure ? [{ figure, sign }] : null;
}

// Amounts are compared in 万元, the unit of the published accounts, with the 0.01 万元 rounding tolerance.
const toWan = (figure: Figure, sign: 1 | -1 = 1): Dec => (figure.money ? figure.value.dividedBy(10_000) : figure.value).times(sign);
const unitOf = (figures: ReadonlyArray<{ figure: Figure }>) => (figures.every((f) => f.figure.money) ? '万元' : figures[0]?.figure.effectiveUnit);

/** The projects that have a project table, with their printed names (the accounts' project line, else the code). */
function projectsWithTables(figures: ReadonlyMap<string, Figure>): Array<{ code: string; line: string; name: string }> {
  const codes = new Set([...figures.values()].map((f) => /^project_(.+)$/.exec(f.input.section)?.[1]).filter((c): c is string => c !== undefined && c !== 'expenditure'));
  return [...codes].sort().map((code) => {
    const line = figures.get(`project_expenditure.${code}`)?.input.label ?? code;
    return { code, line, name: line.replace(/支出$/, '') };
  });
}

function forProject(rule: EachProjectRule, project: { code: string; line: string; name: string }): SumIdentityRule | WithinTotalRule {
  const ref = (r: string) => r.replaceAll('{p}', project.code);
  const base = { id: `${rule.id}:${project.code}`, label: rule.label.replaceAll('{line}', project.line).replaceAll('{project}', project.name), ...(rule.icIds?.[project.code] ? { icId: rule.icIds[project.code] } : {}) };
  return rule.rule.type === 'sum'
    ? { ...base, type: 'sum', total: ref(rule.rule.total), parts: rule.rule.parts.map(ref) }
    : { ...base, type: 'within', total: ref(rule.rule.total), components: rule.rule.components.map(ref) };
}

function applyRule(rule: AccountsRule, figures: ReadonlyMap<string, Figure>): ConsistencyFinding[] {
  if (rule.type === 'each_project') return projectsWithTables(figures).flatMap((project) => applyRule(forProject(rule, project), figures));
  // The place is the figure's printed name; the figure's key stays in `path` for machines.
  const placeOf = (path: string) => `决算表“${figures.get(path.replace(/^figures\./, ''))?.input.label ?? rule.label}”`;
  const tag = (finding: ConsistencyFinding | null): ConsistencyFinding[] =>
    (finding ? [{ ...finding, place: placeOf(finding.path), ...(rule.icId ? { icId: rule.icId } : {}) }] : []);
  const tolerance = PRINT_TOLERANCE.dividedBy(10_000);
  const roundingTolerance = ROUNDING_TOLERANCE.dividedBy(10_000);

  if (rule.type === 'section_sum') {
    const totals = [...figures.values()].filter((f) => f.input.section === rule.totals);
    return totals.flatMap((total) => {
      const parts = rule.parts.flatMap((section) => resolve(`${section}.${total.input.code}`, figures) ?? []);
      if (parts.length === 0) return [];
      return tag(checkSumIdentity({
        path: `figures.${total.key}`, label: `${total.input.label}（${total.input.code}）`, unit: unitOf([{ figure: total }, ...parts]),
        total: toWan(total), parts: parts.map((p) => ({ label: p.figure.input.label, value: toWan(p.figure, p.sign) })),
        tolerance, roundingTolerance,
      }));
    });
  }
  if (rule.type === 'same') {
    const reference = resolve(rule.reference, figures);
    const other = resolve(rule.other, figures);
    if (!reference || !other || reference.length !== 1 || other.length !== 1) return [];
    const finding = checkSameFigure({
      path: `figures.${other[0].figure.key}`, label: rule.label, unit: unitOf([...reference, ...other]),
      reference: { where: `“${reference[0].figure.input.label}”`, value: toWan(reference[0].figure) },
      stated: { where: `“${other[0].figure.input.label}”`, value: toWan(other[0].figure) },
      tolerance, roundingTolerance, severity: rule.severity,
    });
    return tag(finding);
  }
  const total = resolve(rule.total, figures);
  const parts = (rule.type === 'sum' ? rule.parts : rule.components).map((ref) => resolve(ref, figures, total?.length === 1 ? total[0].figure.key : undefined));
  // Optional parts (income.other …) may be absent; the total and at least one part must exist.
  const present = parts.filter((p): p is NonNullable<typeof p> => p !== null).flat();
  if (!total || total.length !== 1 || present.length === 0) return [];
  if (rule.type === 'within' && parts.some((p) => p === null)) return [];
  const unit = unitOf([...total, ...present]);
  const partInputs = present.map((p) => ({ label: p.figure.input.label, value: toWan(p.figure, p.sign) }));
  if (rule.type === 'sum') {
    return tag(checkSumIdentity({ path: `figures.${total[0].figure.key}`, label: rule.label, unit, total: toWan(total[0].figure), parts: partInputs, tolerance, roundingTolerance }));
  }
  return tag(checkComponentsWithinTotal({ path: `figures.${total[0].figure.key}`, label: rule.label, unit, total: toWan(total[0].figure), components: partInputs }));
}

function checkStatements(statements: readonly AccountsStatementInput[], figures: ReadonlyMap<string, Figure>): ConsistencyFinding[] {
  const findings: ConsistencyFinding[] = [];
  const firstText = new Map<string, AccountsStatementInput>();
  for (const s of statements) {
    const path = `statements.${s.key}`;
    const match = STATEMENT_IC.find((m) => (m.kind === undefined || m.kind === s.kind) && (m.figure === undefined || m.figure.test(s.figureKey)));
    const tag = (finding: ConsistencyFinding | null) => {
      if (!finding) return;
      const severity = match?.severity && finding.severity === 'error' ? match.severity : finding.severity;
      findings.push({ ...finding, severity, place: s.location, ...(match ? { icId: match.ic } : {}) });
    };
    const where = s.location;

    if (s.kind === 'text') {
      const first = firstText.get(s.figureKey);
      if (!first) {
        firstText.set(s.figureKey, s);
      } else if (compact(first.valueAsPrinted) !== compact(s.valueAsPrinted)) {
        tag({
          rule: 'same_figure', severity: 'info', path, expected: first.valueAsPrinted, found: s.valueAsPrinted,
          message: `同一事项在${first.location}写作“${first.valueAsPrinted}”，在${s.location}写作“${s.valueAsPrinted}”`,
          messageEn: `The same item reads "${first.valueAsPrinted}" in ${first.location} but "${s.valueAsPrinted}" in ${s.location}`,
        });
      }
      continue;
    }
    if (s.kind === 'code_name') {
      const code = s.figureKey.split('.').pop() ?? '';
      const name = FUNCTIONAL_CLASS_NAMES[code];
      if (name && compact(name) !== compact(s.valueAsPrinted)) {
        tag({
          rule: 'vocabulary', severity: 'info', path, expected: `${code} ${name}`, found: s.valueAsPrinted,
          message: `${s.location}功能分类${code}写作“${s.valueAsPrinted}”，科目名称应为“${name}”`,
          messageEn: `${s.location}: functional class ${code} is written "${s.valueAsPrinted}"; its name is "${name}"`,
        });
      }
      continue;
    }

    const figure = figures.get(s.figureKey);
    if (!figure) continue;
    const stated = parsePrinted(s.valueAsPrinted);
    if (stated === null) continue;

    if (s.kind === 'amount') {
      // Compared in the statement's own unit, at its printed precision.
      const factor = MONEY_FACTORS[s.unit];
      const reference = figure.money && factor ? figure.value.dividedBy(factor) : figure.value;
      const unitTolerance = factor ? ROUNDING_TOLERANCE.dividedBy(factor) : dec(0);
      tag(checkSameFigure({
        path, label: figure.input.label, unit: s.unit,
        reference: { where: `决算表“${figure.input.label}”`, value: reference },
        stated: { where, value: stated, printed: s.valueAsPrinted },
        roundingTolerance: printedPlaces(s.valueAsPrinted) >= 2 ? unitTolerance : 0,
      }));
    } else if (s.kind === 'count') {
      tag(checkNarrativeCount({
        path, label: figure.input.label, unit: s.unit, stated, actual: figure.value,
        statedWhere: where, actualWhere: `指标“${figure.input.label}”`,
      }));
    } else {
      const base = s.baseKey ? figures.get(s.baseKey) : undefined;
      if (!base) continue;
      const severity: FindingSeverity = s.kind === 'execution' ? 'error' : s.kind === 'coverage' ? 'warning' : 'info';
      const label = s.kind === 'execution'
        ? `${where}所称完成预算比例（${figure.input.label} ÷ ${base.input.label}）`
        : `${where}所称${figure.input.label}占${base.input.label}的比例`;
      tag(checkPercentage({
        path, label, numerator: figure.value, denominator: base.value, printed: s.valueAsPrinted, severity,
        // A narrative "完成预算100%" is judged with 0.5 points of slack (domain.md IC-03); shares at their printed precision.
        tolerancePoints: s.kind === 'execution' ? '0.5' : undefined,
      }));
    }
  }
  return findings;
}

const compact = (text: string) => text.replace(/\s+/g, '');
