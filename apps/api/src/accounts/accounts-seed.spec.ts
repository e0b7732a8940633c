// The consistency rules over the seed's 2021 West District accounts as the demo carries them: every
// inconsistency of domain.md §2.8 that the data allows is found and labelled with its IC id.
import { type ConsistencyFinding, checkDepartmentAccounts } from '@app/kpi-core';
import { ACCOUNTS_DEMO_ANNEX_TABLES, ACCOUNTS_DEMO_FIGURES, ACCOUNTS_DEMO_STATEMENTS } from '../database/demo/accounts-demo.js';

const findings = checkDepartmentAccounts({ figures: ACCOUNTS_DEMO_FIGURES, statements: ACCOUNTS_DEMO_STATEMENTS, annexTables: ACCOUNTS_DEMO_ANNEX_TABLES });
const at = (path: string): ConsistencyFinding[] => findings.filter((f) => f.path === path);
const brief = (f: ConsistencyFinding) => [f.icId, f.severity, f.rule, f.expected, f.found];

describe('seed 2021 West District accounts', () => {
  it('should find every IC class of domain.md §2.8 that the data allows (all but IC-18, the implicit as-of date)', () => {
    const ids = [...new Set(findings.map((f) => f.icId).filter(Boolean))].sort();
    expect(ids).toEqual(['IC-01', 'IC-02', 'IC-03', 'IC-04', 'IC-05', 'IC-06', 'IC-07', 'IC-08', 'IC-09', 'IC-10', 'IC-11', 'IC-12', 'IC-13', 'IC-14', 'IC-15', 'IC-16', 'IC-17', 'IC-19']);
  });

  it('should report 73.44 of §五(三) against the 73.94 of the table as an error, and the functional sum 73.93 as rounding (IC-01)', () => {
    expect(at('statements.p2-5-3-gpb').map(brief)).toEqual([['IC-01', 'error', 'same_figure', '73.94', '73.44']]);
    expect(at('figures.gpb.total').map(brief)).toEqual([['IC-01', 'warning', 'sum_identity', '73.93', '73.94']]);
  });

  it('should report the 206 class total 61.96 against basic + project 61.97 as a rounding warning (IC-02)', () => {
    expect(at('figures.gpb_by_function.206').map(brief)).toEqual([['IC-02', 'warning', 'sum_identity', '61.97', '61.96']]);
  });

  it('should contradict "完成预算100%" with the department execution 102.15% (IC-03)', () => {
    expect(at('statements.p2-5-3-gpb-rate').map(brief)).toEqual([['IC-03', 'error', 'percentage_recomputed', '102.15', '100.00']]);
  });

  it('should flag 本年收入合计 stated as 74.44 where the table gives 58.77 (IC-04) and the truncated 0.6% share (IC-05)', () => {
    expect(at('statements.p2-2-this-year').map(brief)).toEqual([['IC-04', 'warning', 'same_figure', '58.77', '74.44']]);
    expect(at('statements.p2-2-fund-share').map(brief)).toEqual([['IC-05', 'info', 'percentage_recomputed', '0.67', '0.60']]);
    expect(at('statements.p2-2-general-share')).toEqual([]);
  });

  it('should find the cloud project source and amount conflicts and the 2.33 万 not carried over (IC-06)', () => {
    expect(at('statements.a1-cloud-issued').map(brief)).toEqual([['IC-06', 'error', 'same_figure', '16.47', '15.67']]);
    expect(at('statements.a1-cloud-paid').map(brief)).toEqual([['IC-06', 'error', 'same_figure', '0.00', '15.67']]);
    expect(at('figures.expenditure.carry_over_end').map(brief)).toEqual([['IC-06', 'error', 'components_within_total', '2.33', '0.00']]);
    expect(at('statements.a2-cloud-plan')).toEqual([]);
  });

  it('should take the cloud table’s 万元 header for 元 once per place (IC-07) and fill its blank total row (IC-08)', () => {
    expect(at('figures.project_cloud').map(brief)).toEqual([['IC-07', 'error', 'unit_plausibility', '34.47', '344702.00']]);
    expect(at('annex[附件2].unit').map(brief)).toEqual([['IC-07', 'error', 'unit_plausibility', '34.47', '344702.00']]);
    expect(at('annex[附件2].budget.total.printedRate').map(brief)).toEqual([['IC-08', 'warning', 'required_value_missing', '45.46', null]]);
    expect(at('annex[附件2].indicators[3].printedCompletion').map(brief)).toEqual([['IC-08', 'error', 'percentage_recomputed', '100.00', '45.45']]);
  });

  it('should contradict the 5 events of the 数量 row with the overall row’s 4 (IC-09)', () => {
    expect(at('statements.a4-events').map(brief)).toEqual([['IC-09', 'error', 'narrative_count', '5.00', '4.00']]);
  });

  it('should find the deal components 51210.8 万 above the cumulative 2.32 亿 (IC-10) and the 30% coverage claim at 1.16% (IC-11)', () => {
    expect(at('figures.platform.cumulative_transactions').map(brief)).toEqual([['IC-10', 'error', 'components_within_total', '51210.80', '23200.00']]);
    expect(at('statements.a2-coverage').map(brief)).toEqual([['IC-11', 'warning', 'percentage_recomputed', '1.16', '30.00']]);
  });

  it('should refuse full marks for the breached cost ceiling ≤ 72.87 against 74.44 (IC-12) and flag 72.87 vs 74.44 of resources (IC-13)', () => {
    expect(at('annex[附件1].indicators[3].printedCompletion').map(brief)).toEqual([['IC-12', 'error', 'reverse_breached_full', '97.89', '100.00']]);
    expect(at('figures.budget.department').map(brief)).toEqual([['IC-13', 'warning', 'same_figure', '74.44', '72.87']]);
  });

  it('should require numeric actuals for the four 8% literacy targets answered "完成" (IC-14)', () => {
    const literacy = findings.filter((f) => f.icId === 'IC-14' && f.path.startsWith('annex[附件3]'));
    expect(literacy.map((f) => f.path)).toEqual([0, 2, 4, 5].map((i) => `annex[附件3].indicators[${i}].actual`));
    expect(literacy.every((f) => f.found === '完成' && f.severity === 'error')).toBe(true);
  });

  it('should list the two supervising units (IC-15), the three project names (IC-16), the level-1 vocabulary (IC-17) and the 208 name typo (IC-19)', () => {
    expect(at('statements.a2-supervisor').map(brief)).toEqual([['IC-15', 'info', 'same_figure', '中共攀枝花市西区区委', '攀枝花市西区财政局']]);
    expect(findings.filter((f) => f.icId === 'IC-16')).toHaveLength(2);
    expect(at('annex[附件2].indicators[0].level1').map(brief)).toEqual([['IC-17', 'info', 'vocabulary', '产出指标', '项目完成']]);
    expect(at('statements.p2-5-3-208-name').map(brief)).toEqual([['IC-19', 'info', 'vocabulary', '208 社会保障和就业支出', '社会保障房和就业支出']]);
  });

  it('should pass the identities the seed satisfies (58.27 + 0.5 = 58.77, 57.27 + 17.17 = 74.44, 52.12 + 5.15 = 57.27, 三公 = 0, 机关运行经费 = 公用经费)', () => {
    for (const path of ['figures.income.total', 'figures.income.this_year', 'figures.expenditure.total', 'figures.gpb.basic', 'figures.three_public.total', 'figures.other.office_operating', 'figures.expenditure.project', 'figures.project_expenditure.cloud']) {
      expect(at(path)).toEqual([]);
    }
  });

  it('should order errors before warnings before info', () => {
    const rank = { error: 0, warning: 1, info: 2 };
    const ranks = findings.map((f) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});
