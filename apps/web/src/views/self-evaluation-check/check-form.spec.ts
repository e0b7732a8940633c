import { describe, expect, it } from '@jest/globals';
import { ANNEX2_CLOUD_EXAMPLE } from './check-example';
import { emptyForm, findingsByRow, formFromRequest, locateFinding, requestFromForm, worstSeverity } from './check-form';

describe('formFromRequest / requestFromForm', () => {
  it('should give back the same request when the 附件2 example goes through the form', () => {
    expect(requestFromForm(formFromRequest(ANNEX2_CLOUD_EXAMPLE))).toEqual(ANNEX2_CLOUD_EXAMPLE);
  });

  it('should send blank cells as null and trim what is typed when the form is partly filled', () => {
    const form = emptyForm();
    form.projectName = ' 测试项目 ';
    form.lines[0] = { source: '上级财政资金', budget: ' 1000 ', executed: '', printedRate: '50' };
    const req = requestFromForm(form);
    expect(req.project.name).toBe('测试项目');
    expect(req.budget.lines[0]).toEqual({ source: '上级财政资金', budget: '1000', executed: null, printedRate: '50' });
    expect(req.budget.total).toEqual({ budget: null, executed: null, printedRate: null });
    expect(req.printedGrade).toBeNull();
  });
});

describe('locateFinding', () => {
  it('should point budget, line, total and indicator paths at their rows and fields', () => {
    expect(locateFinding('budget.lines[0].printedRate')).toEqual({ row: 'line', index: 0, field: 'printedRate' });
    expect(locateFinding('budget.total.printedRate')).toEqual({ row: 'total', field: 'printedRate' });
    expect(locateFinding('budget.reason')).toEqual({ row: 'budget', field: 'reason' });
    expect(locateFinding('indicators[3].printedCompletion')).toEqual({ row: 'indicator', index: 3, field: 'printedCompletion' });
    expect(locateFinding('indicators[2]')).toEqual({ row: 'indicator', index: 2, field: '' });
    expect(locateFinding('unit')).toEqual({ row: 'header', field: 'unit' });
    expect(locateFinding('printedTotal')).toEqual({ row: 'summary', field: 'printedTotal' });
  });

  it('should group findings by row and pick the worst severity of a row', () => {
    const findings = [
      { path: 'budget.total.printedRate', severity: 'warning' as const },
      { path: 'budget.total.executed', severity: 'error' as const },
      { path: 'indicators[3].printedCompletion', severity: 'info' as const },
    ];
    const rows = findingsByRow(findings);
    expect([...rows.keys()]).toEqual(['total', 'indicator:3']);
    expect(worstSeverity(rows.get('total'))).toBe('error');
    expect(worstSeverity(rows.get('indicator:3'))).toBe('info');
    expect(worstSeverity(rows.get('line:0'))).toBeNull();
  });
});

