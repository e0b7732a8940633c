import { type AccountsFigureInput, type AccountsStatementInput, checkDepartmentAccounts } from './accounts.js';

const fig = (section: string, code: string, amount: string, unit = '万元'): AccountsFigureInput => ({ section, code, label: `${section}.${code}`, amount, unit });
const st = (key: string, kind: AccountsStatementInput['kind'], figureKey: string, valueAsPrinted: string, unit: string, baseKey: string | null = null): AccountsStatementInput =>
  ({ key, kind, figureKey, baseKey, valueAsPrinted, unit, location: '第二部分' });

// A small association's consistent accounts, never seen before (万元): 30 + 10 = 40; 40 = 25 + 15; 25 = 20 + 5.
const consistent: AccountsFigureInput[] = [
  fig('income', 'total', '40.00'), fig('income', 'this_year', '30.00'), fig('income', 'general_public', '30.00'), fig('income', 'carry_over_start', '10.00'),
  fig('expenditure', 'total', '40.00'), fig('expenditure', 'basic', '25.00'), fig('expenditure', 'project', '15.00'), fig('expenditure', 'carry_over_end', '0'),
  fig('gpb', 'total', '40.00'), fig('gpb', 'basic', '25.00'), fig('gpb', 'project', '15.00'),
  fig('gpb_by_function', '206', '35.00'), fig('gpb_by_function', '208', '5.00'),
  fig('gpb_basic_by_function', '206', '20.00'), fig('gpb_basic_by_function', '208', '5.00'), fig('gpb_project_by_function', '206', '15.00'),
  fig('gpb_basic_economic', 'personnel', '20.00'), fig('gpb_basic_economic', 'public', '5.00'), fig('other', 'office_operating', '5.00'),
  fig('project_expenditure', 'a', '150000', '元'),
];

describe('checkDepartmentAccounts', () => {
  it('should raise nothing on consistent accounts and a narrative that states them correctly', () => {
    const statements = [
      st('a', 'amount', 'income.total', '40', '万元'),
      st('b', 'share', 'expenditure.basic', '62.5', '%', 'expenditure.total'),
      st('c', 'share', 'expenditure.project', '38', '%', 'expenditure.total'),
      st('d', 'amount', 'project_expenditure.a', '15', '万元'),
      st('e', 'code_name', 'gpb_by_function.208', '社会保障和就业支出', ''),
      st('f', 'text', 'org.name', '某区科协', ''), st('g', 'text', 'org.name', '某区 科协', ''),
    ];
    expect(checkDepartmentAccounts({ figures: consistent, statements })).toEqual([]);
  });

  it('should find a broken identity and label the class it belongs to', () => {
    const figures = consistent.map((f) => (f.section === 'gpb_by_function' && f.code === '206' ? { ...f, amount: '34.00' } : f));
    const findings = checkDepartmentAccounts({ figures, statements: [] });
    expect(findings.map((f) => [f.icId, f.severity, f.path, f.expected, f.found])).toEqual([
      ['IC-01', 'error', 'figures.gpb.total', '39.00', '40.00'],
      ['IC-02', 'error', 'figures.gpb_by_function.206', '35.00', '34.00'],
    ]);
  });

  it('should check every project table against the accounts by what it checks, whatever the project is called', () => {
    // Two projects of another association: "training" reconciles; "village" spent 3.00 万 by its table (higher 2 + local 1)
    // but 4.00 万 in the accounts, its sources' budgets add to 5.50 万 against a total of 6.00 万, and 1.50 万 of the
    // higher grant was not spent while nothing is carried over.
    const projects: AccountsFigureInput[] = [
      { section: 'project_expenditure', code: 'training', label: '科技人员培训项目支出', amount: '11.00', unit: '万元' },
      fig('project_training', 'total_budget', '12.00'), fig('project_training', 'higher_budget', '12.00'), fig('project_training', 'higher_executed', '11.00'),
      { section: 'project_expenditure', code: 'village', label: '科普惠农项目支出', amount: '4.00', unit: '万元' },
      fig('project_village', 'total_budget', '6.00'), fig('project_village', 'higher_budget', '3.50'), fig('project_village', 'local_budget', '2.00'),
      fig('project_village', 'higher_executed', '2.00'), fig('project_village', 'local_executed', '1.00'),
    ];
    const findings = checkDepartmentAccounts({ figures: [...consistent, ...projects], statements: [] });
    expect(findings.map((f) => [f.rule, f.path, f.expected, f.found])).toEqual(expect.arrayContaining([
      ['sum_identity', 'figures.project_expenditure.village', '3.00', '4.00'],
      ['sum_identity', 'figures.project_village.total_budget', '5.50', '6.00'],
    ]));
    const carried = findings.filter((f) => f.path === 'figures.expenditure.carry_over_end');
    expect(carried.map((f) => [f.rule, f.expected, f.found])).toEqual([['components_within_total', '1.00', '0.00'], ['components_within_total', '1.50', '0.00']]);
    // Labelled by what they check and the project's printed name; no seed cross-reference on another association.
    expect(carried.map((f) => f.message)).toEqual([expect.stringContaining('科技人员培训项目：已下达未使用的上级资金'), expect.stringContaining('科普惠农项目：已下达未使用的上级资金')]);
    expect(findings.filter((f) => f.path.includes('project_')).every((f) => f.icId === undefined)).toBe(true);
    expect(findings.some((f) => f.path.includes('training') && f.rule === 'sum_identity')).toBe(false);
  });

  it('should skip rules whose figures are absent instead of guessing', () => {
    expect(checkDepartmentAccounts({ figures: [fig('income', 'total', '10')], statements: [st('a', 'share', 'income.total', '50', '%', 'income.missing')] })).toEqual([]);
  });

  it('should compare a stated amount in its own unit and recompute shares and counts', () => {
    const findings = checkDepartmentAccounts({
      figures: [...consistent, { section: 'project_x', code: 'events', label: '活动次数', amount: '6', unit: '次' }],
      statements: [
        st('wan', 'amount', 'project_expenditure.a', '16', '万元'),
        st('yuan', 'amount', 'expenditure.total', '400000', '元'),
        st('share', 'share', 'expenditure.basic', '60', '%', 'expenditure.total'),
        st('count', 'count', 'project_x.events', '5', '次'),
      ],
    });
    expect(findings.map((f) => [f.rule, f.path, f.expected, f.found, f.unit])).toEqual([
      ['same_figure', 'statements.wan', '15.00', '16.00', '万元'],
      ['narrative_count', 'statements.count', '6.00', '5.00', '次'],
      ['percentage_recomputed', 'statements.share', '62.50', '60.00', '%'],
    ]);
  });

  it('should take a project section’s 万元 amounts for 元 once and then compare them as 元 (IC-07)', () => {
    const findings = checkDepartmentAccounts({
      figures: [fig('project_y', 'budget', '200000'), fig('project_y', 'executed', '150000')],
      statements: [st('s', 'amount', 'project_y.executed', '15', '万元')],
    });
    expect(findings.map((f) => [f.icId, f.rule, f.path])).toEqual([['IC-07', 'unit_plausibility', 'figures.project_y']]);
  });

  it('should refuse the same figure given twice', () => {
    expect(() => checkDepartmentAccounts({ figures: [fig('income', 'total', '1'), fig('income', 'total', '2')], statements: [] })).toThrow(/income\.total/);
  });
});
